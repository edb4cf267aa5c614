-- attack: {table.unpack(t)} of 200,000 values in a loop: one SETLIST copies them all
-- expect: runtime|memory-limit|instruction-budget
-- Contained: unpack is charged per value and every new table is paid through the allocator.
local t = {}
for i = 1, 200000 do t[i] = i end
local keep = {}
while true do keep[#keep + 1] = { table.unpack(t) } end
