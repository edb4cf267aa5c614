-- attack: backtracking gsub over a long subject
-- expect: instruction-budget
local s = ("a"):rep(20000)
return (s:gsub("a-a-a-b", "x"))
