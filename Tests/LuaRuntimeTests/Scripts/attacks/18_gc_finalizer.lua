-- attack: a finalizer that loops in someone else's budget (hooks are off during __gc)
-- expect: forbidden
setmetatable({}, { __gc = function() while true do end end })
