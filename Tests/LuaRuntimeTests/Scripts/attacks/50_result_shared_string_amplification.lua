-- attack: return one 1 MiB string from 1000 table slots: 16 KiB of Lua memory, 1 GiB once the host converts it
-- expect: runtime
-- The host's conversion (LuaState+Stack.swift, read/readTable) counts table entries (at most
-- 200,000) but not bytes, and copies every string slot into its own Swift String outside the
-- memory cap and the clock. 1000 slots: ~1 GiB RSS; 150,000 slots: the process aborts
-- ("failed to allocate"). The result should be refused once its bytes exceed the memory cap.
local s = ("x"):rep((1 << 20) - 64)
local t = {}
for i = 1, 1000 do t[i] = s end
return t
