-- attack: double a string until it takes all memory
-- expect: memory-limit
local s = "x"
while true do s = s .. s end
