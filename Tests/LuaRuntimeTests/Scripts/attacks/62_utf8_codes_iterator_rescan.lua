-- attack: call the raw iterator that utf8.codes returns, on a megabyte of continuation bytes
-- expect: runtime|instruction-budget
-- limits: instructions=1000000 timeout-ms=10000
-- utf8.codes is charged once, but the iterator it returns is Lua's own C function, callable
-- directly with any string and position; it skips continuation bytes one by one (5.4.4 accepts
-- them): 1 MiB scanned per call for ~4 instructions. 1M instructions take ~85 s.
local it = utf8.codes("")
local s = "a" .. ("\x80"):rep((1 << 20) - 64)
local n = 0
while true do
  if it(s, 1) == nil then n = n + 1 end
end
