-- attack: replace the metatable of a library proxy
-- expect: forbidden
setmetatable(string, nil)
