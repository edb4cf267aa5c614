-- attack: catch the memory error and keep allocating
-- expect: memory-limit
local keep = {}
while true do
  pcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end)
  keep[#keep + 1] = ("y"):rep(1000)
end
