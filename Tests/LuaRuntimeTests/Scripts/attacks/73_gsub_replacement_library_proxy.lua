-- attack: use a read-only library proxy as gsub's replacement table to pull raw values through C
-- expect: runtime
-- Contained: lua_gettable goes through the proxy's __index; a function is not a valid replacement.
return (("upper rep"):gsub("%a+", string))
