-- attack: table.concat over a fake length of 2^40 served by a C function (no hook in between)
-- expect: instruction-budget
local fake = setmetatable({}, { __index = tostring, __len = function() return 2^40 end })
return table.concat(fake)
