-- attack: read addresses through tostring and string.format("%s") of functions and tables
-- expect: ok
local seen = tostring(pcall) .. " " .. tostring({}) .. " " .. string.format("%s %q", math.floor, 1)
assert(not seen:find("0x"), "an address leaked: " .. seen)
return seen
