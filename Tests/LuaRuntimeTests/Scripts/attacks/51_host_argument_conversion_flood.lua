-- attack: pass a 150,000-entry table to a host function (log) over and over; Swift converts it at every call
-- expect: instruction-budget|time-limit
-- limits: timeout-ms=1000
-- Each call costs a few VM instructions but ~0.1 s of uncharged conversion in LuaState.dispatch,
-- and the clock is only read every 1000 instructions: the 1 s limit is noticed after ~20 s.
-- (log keeps 200 lines, but converts its arguments before it looks.) With one 1 MiB string in
-- 50 slots each call also allocates 50 MiB of Swift strings and takes ~2 s.
local t = {}
for i = 1, 150000 do t[i] = i end
while true do log(t) end
