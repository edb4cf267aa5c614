-- attack: string.format calls a looping __tostring from inside C
-- expect: instruction-budget
return string.format("%s", setmetatable({}, { __tostring = function() while true do end end }))
