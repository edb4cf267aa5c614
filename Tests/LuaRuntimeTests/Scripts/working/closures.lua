-- expect: [1,2,3]
local function counter()
  local n = 0
  return function() n = n + 1 return n end
end
local next_value = counter()
return { next_value(), next_value(), next_value() }
