-- attack: keep 16 MiB in a global; the chunk's _ENV upvalue keeps this evaluation's environment alive
-- expect: ok
-- Needs several evaluations on one state to show: the memory cap is "used + cap" at every
-- sj_pcall (sj_state.c), and the environment of the last evaluation of every cached script (up
-- to 512) stays reachable, with its bindings. 30 distinct copies of this script on one state:
-- all succeed, 480 MiB retained under a 32 MiB cap. A module whose function appends 10 MiB per
-- call: 1.2 GiB after 100 calls, every call successful. A multi-evaluation harness should expect
-- memory-limit (or the state recycled) once the state holds more than its cap.
keep = {}
for i = 1, 16 do keep[i] = ("%02d"):format(i):rep(1 << 19) end
return #keep
