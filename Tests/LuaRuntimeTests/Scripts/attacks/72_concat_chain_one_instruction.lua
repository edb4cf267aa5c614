-- attack: one OP_CONCAT of 50 operands of 4000 bytes each, in a loop (no hook inside the instruction)
-- expect: memory-limit|instruction-budget
-- Contained: the copy is paid through the allocator (bytes / 16 instructions) and capped.
local a = ("x"):rep(4000)
local keep = {}
while true do
  keep[#keep + 1] = a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a..a
end
