-- attack: add __mode = "k" to a metatable after setmetatable accepted it (the collector reads it every cycle)
-- expect: ok|forbidden|memory-limit|time-limit
-- limits: timeout-ms=1000
-- Checking the metatable at setmetatable time (as for __gc) is not enough for __mode: lgc.c
-- reads it at each traversal, so the ephemeron attack of 56 comes back through a later write.
-- Fixed by making setmetatable install a private copy of the metatable (or refusing "k").
local mt = {}
local weak = setmetatable({}, mt)
mt.__mode = "k"
local N = 50000
local keys = {}
for i = 1, N do keys[i] = {} end
local x = 777
for i = N, 2, -1 do
  x = (x * 1103515245 + 12345) % 2147483648
  local j = x % i + 1
  keys[i], keys[j] = keys[j], keys[i]
end
for i = 1, N - 1 do weak[keys[i]] = keys[i + 1] end
local head = keys[1]
keys = nil
local junk
for i = 1, 200000 do junk = { i } end
return head ~= nil
