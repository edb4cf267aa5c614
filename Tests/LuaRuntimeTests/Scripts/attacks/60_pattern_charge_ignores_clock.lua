-- attack: a backtracking find under a budget too big to matter; only the clock could stop it
-- expect: time-limit
-- limits: instructions=1000000000000 timeout-ms=200
-- sj_pattern.c charges every step through sj_charge, but sj_charge (sj_state.c) never reads the
-- clock, and the hook cannot fire inside the C call: ~20 s with a 200 ms limit (5000 bytes: hours).
return string.find(("a"):rep(1600), ".-.-b")
