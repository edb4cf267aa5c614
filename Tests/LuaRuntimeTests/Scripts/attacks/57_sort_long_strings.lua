-- attack: sort 25,000 references to one 1 MiB string: n log n comparisons, each a 1 MiB strcoll
-- expect: instruction-budget
-- cost_sort charges n * log2(n) instructions, whatever the elements are; comparing two long
-- strings (l_strcmp) reads both to the end. One C call, ~20 s, and the evaluation succeeds.
local s = ("x"):rep((1 << 20) - 64)
local t = {}
for i = 1, 25000 do t[i] = s end
table.sort(t)
return #t
