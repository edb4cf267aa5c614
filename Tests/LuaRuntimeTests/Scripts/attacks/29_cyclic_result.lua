-- attack: return a cycle for the host to convert forever
-- expect: runtime
local t = {}
t.self = t
return t
