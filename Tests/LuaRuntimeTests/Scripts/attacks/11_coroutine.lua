-- attack: coroutines crash Debian's 5.4.4 on deep coroutine.close and escape the hook
-- expect: forbidden
local co = coroutine.create(function() while true do end end)
return coroutine.resume(co)
