-- attack: every field read walks a 1990-table __index chain inside one VM instruction
-- expect: instruction-budget|time-limit
-- limits: instructions=2000000 timeout-ms=10000
-- luaV_finishget follows up to 2000 __index tables per access with no hook in between, so 2M
-- instructions take ~40 s; only the clock stops it.
local t = {}
for i = 1, 1990 do t = setmetatable({}, { __index = t }) end
local n = 0
while true do
  local a, b, c, d = t.x, t.x, t.x, t.x
  n = n + 1
end
