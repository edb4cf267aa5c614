-- attack: turn the instruction hook off
-- expect: forbidden
debug.sethook()
while true do end
