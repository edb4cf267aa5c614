-- attack: an xpcall whose error handler loops, so the budget error lands inside the handler
-- expect: instruction-budget
while true do
  xpcall(function() while true do end end, function() while true do end end)
end
