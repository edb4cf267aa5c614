-- attack: recurse until the C or Lua stack gives out
-- expect: runtime|memory-limit|instruction-budget
-- (the budget charges CPU time too: on a loaded machine the frames' time may run out before
-- the stack or the memory; either way the script is stopped and the state is discarded)
local function down(n) return 1 + down(n + 1) end
return down(1)
