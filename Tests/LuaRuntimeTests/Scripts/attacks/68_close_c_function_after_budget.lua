-- attack: a to-be-closed value whose __close is a C function runs after the budget error, where no hook can fire
-- expect: instruction-budget
-- Contained: raise_fatal lifts the memory cap for the message, but the bounded table.concat
-- charges first, and sj_charge raises again once the evaluation is stopped.
local t = setmetatable({}, {
  __close = table.concat,
  __index = function() return "x" end,
  __len = function() return 10000000 end,
})
local guard <close> = t
while true do end
