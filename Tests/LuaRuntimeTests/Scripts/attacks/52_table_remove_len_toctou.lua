-- attack: __len answers 1 to the sandbox's cost check, then 3 * 2^28 to table.remove itself
-- expect: ok|instruction-budget
-- sj_limits.c charges table.remove by luaL_len (cost_length), then Lua's tremove calls
-- luaL_len again and shifts that many slots inside one C call, where no hook fires.
-- With 1 << 40 the worker thread spins for days; this size takes ~30 s.
local calls = 0
local t = setmetatable({}, { __len = function()
  calls = calls + 1
  if calls == 1 then return 1 end
  return 3 << 28
end })
table.remove(t, 1)
return "done"
