-- attack: C-stack overflow while handling an error (Lua 5.4.4 bug, CVE-2022-33099: heap overflow in luaG_runerror)
-- expect: ok|runtime
-- Contained: Debian's 5.4.4-3 carries the upstream fix; the safe pcall/xpcall keep it a plain error.
local function loop() assert(pcall(loop)) end
local ok, message = xpcall(loop, loop)
return tostring(ok) .. " " .. tostring(message)
