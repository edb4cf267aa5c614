-- attack: replace the metatable of _ENV to reach the frozen base
-- expect: runtime
setmetatable(_ENV, { __index = function() return nil end })
