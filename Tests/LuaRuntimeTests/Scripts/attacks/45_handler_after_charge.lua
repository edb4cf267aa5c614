-- attack: a message handler that loops after a C function charged the budget to its end
-- expect: instruction-budget
return xpcall(table.move, function() while true do end end, {}, 1, 2^40, 1)
