-- attack: compare megabyte strings in a loop; each comparison is one VM instruction
-- expect: instruction-budget|time-limit
-- limits: timeout-ms=1000
local a = ("x"):rep(1048000) .. "a"
local b = ("x"):rep(1048000) .. "b"
local n = 0
while true do if a < b then n = n + 1 end end
