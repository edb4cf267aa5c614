-- attack: a <const> _ENV (Lua 5.4.4 wrong code / CVE-2022-28805 heap over-read in singlevar)
-- expect: runtime
-- Contained: Debian's 5.4.4-2 carries the fix; the global access is a plain index of a number.
local _ENV <const> = 1
return x
