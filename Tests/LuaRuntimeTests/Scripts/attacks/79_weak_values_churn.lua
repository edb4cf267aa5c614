-- attack: a weak-valued table (not an ephemeron) holding 200,000 entries through many collections
-- expect: forbidden|ok|instruction-budget
-- Contained: weak values are cleared in one linear pass per cycle; only weak keys (56, 67) are quadratic.
local cache = setmetatable({}, { __mode = "v" })
local live = {}
for i = 1, 200000 do
  local v = { i }
  cache[i] = v
  if i % 2 == 0 then live[#live + 1] = v end
end
local junk
for i = 1, 300000 do junk = { i } end
local n = 0
for _ in pairs(cache) do n = n + 1 end
return n >= #live
