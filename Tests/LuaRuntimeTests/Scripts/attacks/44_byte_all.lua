-- attack: string.byte over a megabyte pushes a value per byte inside one C call
-- expect: runtime|instruction-budget|memory-limit
local s = ("x"):rep(1000000)
local total = 0
while true do total = total + select("#", s:byte(1, -1)) end
