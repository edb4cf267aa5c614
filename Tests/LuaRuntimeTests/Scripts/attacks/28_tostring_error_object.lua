-- attack: an error object whose __tostring loops, read by the host outside the budget
-- expect: runtime
error(setmetatable({}, { __tostring = function() while true do end end }))
