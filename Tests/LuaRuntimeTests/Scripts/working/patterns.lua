-- expect: {"date":["2026","11","29"],"position":[7,9],"trimmed":"mark","words":["пять","четыре"]}
local y, m, d = ("2026-11-29"):match("(%d+)-(%d+)-(%d+)")
local words = {}
for word in ("пять, четыре"):gmatch("[^,%s]+") do words[#words + 1] = word end
local from, to = ("marks 4.5"):find("%d%.%d")
return { date = { y, m, d }, words = words, trimmed = ("  mark  "):match("^%s*(.-)%s*$"), position = { from, to - 0 } }
