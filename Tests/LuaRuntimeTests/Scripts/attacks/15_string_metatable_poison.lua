-- attack: change string methods for every later script (CVE-2025-46818 in Redis)
-- expect: runtime
getmetatable("").__index.upper = function() return "pwned" end
