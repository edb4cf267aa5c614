-- expect: 55
local total = 0
for i = 1, 10 do
  if i > 10 then goto done end
  total = total + i
end
::done::
return total
