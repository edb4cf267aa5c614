-- attack: return a 10,000-level linked list built at run time (no cycle) for the host to convert
-- expect: runtime
-- Contained: the conversion stops at 32 levels.
local list = nil
for i = 1, 10000 do list = { next = list } end
return list
