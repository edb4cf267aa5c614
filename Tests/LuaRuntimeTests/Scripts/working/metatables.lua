-- expect: {"missing":0,"sum":[4,6],"text":"vector(1, 2)"}
local Vector = {}
Vector.__index = Vector
Vector.__add = function(a, b) return setmetatable({ a[1] + b[1], a[2] + b[2] }, Vector) end
Vector.__tostring = function(v) return "vector(" .. v[1] .. ", " .. v[2] .. ")" end
local defaults = setmetatable({}, { __index = function() return 0 end })
local sum = setmetatable({ 1, 2 }, Vector) + setmetatable({ 3, 4 }, Vector)
return { sum = { sum[1], sum[2] }, text = tostring(setmetatable({ 1, 2 }, Vector)), missing = defaults.anything }
