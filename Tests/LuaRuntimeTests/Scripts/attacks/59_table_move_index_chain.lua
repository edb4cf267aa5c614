-- attack: table.move charged per element, where every element is read through a 1990-table __index chain
-- expect: ok|instruction-budget
-- Each lua_geti inside tmove follows up to 2000 __index tables (MAXTAGLOOP); __newindex =
-- rawequal discards the writes without allocating. 600,000 elements: ~20 s in one C call;
-- 5,000,000 (still under the default budget) runs for minutes.
local src = {}
for i = 1, 1990 do src = setmetatable({}, { __index = src }) end
local sink = setmetatable({}, { __newindex = rawequal })
table.move(src, 1, 600000, 1, sink)
return "done"
