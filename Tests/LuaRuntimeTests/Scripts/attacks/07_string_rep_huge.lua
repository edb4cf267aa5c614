-- attack: ask string.rep for a terabyte
-- expect: memory-limit
return string.rep("x", 2^40)
