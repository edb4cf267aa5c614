-- attack: a to-be-closed variable whose __close loops
-- expect: instruction-budget
do
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
end
