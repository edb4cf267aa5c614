-- attack: math.max over 200,000 copies of a 1 MiB numeric string, twice
-- expect: runtime|instruction-budget
-- The math library is not wrapped in sj_limits.c: math.max converts every argument with strtod
-- and compares the strings, 1 MiB each, inside one C call. table.unpack charged one instruction
-- per value. ~20 s, and the evaluation succeeds.
local s = "0." .. ("0"):rep((1 << 20) - 64) .. "1"
local t = {}
for i = 1, 200000 do t[i] = s end
for round = 1, 2 do math.max(table.unpack(t)) end
return "done"
