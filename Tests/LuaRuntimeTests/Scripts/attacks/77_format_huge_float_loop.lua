-- attack: string.format("%099.99f", -1e308) in a loop: ~410 digits of big-number work per call for a few instructions
-- expect: instruction-budget|time-limit
-- limits: timeout-ms=1000
-- Contained by the clock (the charge covers the 410-byte result, not the digit generation).
local n = 0
while true do n = n + #string.format("%099.99f", -1e308) end
