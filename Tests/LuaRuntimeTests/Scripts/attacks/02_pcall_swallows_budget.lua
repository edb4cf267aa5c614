-- attack: pcall around an endless loop, retried forever, to swallow the budget error
-- expect: instruction-budget
while true do pcall(function() while true do end end) end
