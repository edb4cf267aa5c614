-- attack: sort a million numbers in one C call
-- expect: instruction-budget
local t = {}
for i = 1, 1000000 do t[i] = -i end
table.sort(t)
