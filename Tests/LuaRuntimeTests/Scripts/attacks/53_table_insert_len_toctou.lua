-- attack: __len answers 0 to the sandbox's cost check, then 3 * 2^28 to table.insert itself
-- expect: ok|instruction-budget
-- Same double read of the length as 52: tinsert moves every slot from the second answer
-- down to the position inside one C call. With 1 << 40 it never returns; this takes ~30 s.
local calls = 0
local t = setmetatable({}, { __len = function()
  calls = calls + 1
  if calls == 1 then return 0 end
  return 3 << 28
end })
table.insert(t, 1, true)
return "done"
