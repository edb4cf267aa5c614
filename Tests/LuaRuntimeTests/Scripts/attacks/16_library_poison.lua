-- attack: replace a library function for later scripts
-- expect: forbidden
string.upper = function() return "pwned" end
