-- attack: grow a table until the process runs out of memory
-- expect: memory-limit|instruction-budget
-- (the budget charges CPU time too: on a loaded machine the allocations' time may run out
-- before their memory; either way the script is stopped and the state is discarded)
local t = {}
for i = 1, math.maxinteger do t[i] = { i, i, i } end
