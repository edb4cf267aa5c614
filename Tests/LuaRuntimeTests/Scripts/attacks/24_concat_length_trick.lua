-- attack: table.concat over a fake length of 2^40 served by a C function (no hook in between)
-- (table functions read raw: the fake __len is not consulted, the table is empty)
-- expect: ok|instruction-budget
local fake = setmetatable({}, { __index = tostring, __len = function() return 2^40 end })
return table.concat(fake)
