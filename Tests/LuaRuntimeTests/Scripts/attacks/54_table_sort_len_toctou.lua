-- attack: table.sort charged for one element sorts 2^23 of them; reads and writes go to C metamethods
-- expect: ok|instruction-budget
-- cost_sort reads the length once, Lua's sort reads it again. __index = rawlen makes every
-- element 0 and __newindex = rawequal drops every write, both C functions, so the whole sort
-- runs inside one C call with no hook and no allocation. (1 << 31) - 2 would run for hours.
local calls = 0
local t = setmetatable({}, {
  __len = function()
    calls = calls + 1
    if calls == 1 then return 1 end
    return 1 << 23
  end,
  __index = rawlen,
  __newindex = rawequal,
})
table.sort(t)
return "done"
