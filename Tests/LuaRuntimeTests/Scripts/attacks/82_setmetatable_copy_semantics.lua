-- attack: keep a handle on the metatable after setmetatable and add __mode or __gc to it
-- (setmetatable installs a private copy, so later changes to the script's table do nothing)
-- expect: ok
local mt = { __index = function() return 1 end }
local object = setmetatable({}, mt)
mt.__mode = "k"
mt.__gc = function() while true do end end
assert(getmetatable(object) == mt, "getmetatable returns the script's own table")
assert(object.anything == 1)
setmetatable(object, nil)
return "copy held"
