-- attack: insert at the front of a large table over and over (each call shifts it all in C)
-- expect: instruction-budget|time-limit
-- limits: timeout-ms=1000
local t = {}
for i = 1, 200000 do t[i] = i end
while true do table.insert(t, 1, 0) table.remove(t, 1) end
