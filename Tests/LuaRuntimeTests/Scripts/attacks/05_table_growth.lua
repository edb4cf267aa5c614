-- attack: grow a table until the process runs out of memory
-- expect: memory-limit
local t = {}
for i = 1, math.maxinteger do t[i] = { i, i, i } end
