-- attack: catch the budget error and start again from the handler
-- expect: instruction-budget
local function spin()
  local ok, message = pcall(function() while true do end end)
  return spin()
end
return spin()
