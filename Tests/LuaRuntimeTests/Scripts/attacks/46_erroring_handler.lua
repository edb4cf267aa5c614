-- attack: error in the message handler itself, over and over
-- expect: instruction-budget
local function handler(m) error(m) end
while true do xpcall(function() error("x") end, handler) end
