-- attack: pass 400,000 values along at every instruction: VARARG and CALL copy them all
-- expect: runtime|instruction-budget
-- limits: instructions=4000000 timeout-ms=10000
-- Each "select('#', ...)" copies 400k stack slots for one VM instruction; 4M instructions would
-- take minutes, so only the clock stops it. Fixed, the budget should.
local function spin(...)
  local n = 0
  while true do n = n + select("#", ...) end
end
return spin(("x"):rep(400000):byte(1, -1))
