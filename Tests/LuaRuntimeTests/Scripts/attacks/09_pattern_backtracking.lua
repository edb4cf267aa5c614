-- attack: catastrophic backtracking inside one C call, where the hook never fires
-- expect: instruction-budget
return string.find(("a"):rep(1000), ".-.-b")
