-- attack: a gsub replacement function that never returns
-- expect: instruction-budget
return (("x"):rep(100):gsub(".", function() while true do end end))
