-- attack: an endless loop
-- expect: instruction-budget
while true do end
