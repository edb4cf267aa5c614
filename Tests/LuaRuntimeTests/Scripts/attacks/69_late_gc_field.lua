-- attack: add a looping __gc to a metatable after setmetatable accepted it, then force collections
-- expect: ok
-- Contained: Lua marks an object for finalization only if __gc is present when its metatable is
-- set (luaC_checkfinalizer), and safe_setmetatable refuses any non-nil __gc (even false).
local mt = {}
local victim = setmetatable({}, mt)
mt.__gc = function() while true do end end
victim = nil
local junk
for i = 1, 300000 do junk = { i } end
local ok = pcall(setmetatable, {}, { __gc = false })
return ok and "false __gc accepted" or "no finalizer ran"
