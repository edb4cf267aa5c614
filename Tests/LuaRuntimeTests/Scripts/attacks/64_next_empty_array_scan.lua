-- attack: next() on a table whose 2^17-slot array part is all nil scans it all, for one call
-- (the array part stays allocated when its values are set to nil; only the clock bounds it)
-- expect: instruction-budget|time-limit
-- limits: instructions=6000000 timeout-ms=1000
local t = {}
for i = 1, 1 << 17 do t[i] = true end
for i = 1, 1 << 17 do t[i] = nil end
local n = 0
while true do
  if next(t) == nil then n = n + 1 end
end
