-- attack: string.rep of an empty string 2^62 times loops inside C in stock Lua 5.4.4
-- expect: ok
return #string.rep("", 2^62) + #string.rep("", 2^62, "")
