-- attack: a chain of 50,000 weak-keyed entries in random order; the collector's atomic phase is quadratic
-- expect: forbidden|time-limit
-- limits: timeout-ms=1000
-- convergeephemerons (lgc.c) re-scans every ephemeron entry until no new key gets marked; with
-- the chain k1 -> k2 -> ... shuffled over the hash part each pass marks about one link. The
-- collection runs inside an allocation, where neither the hook nor the budget can stop it:
-- ~20 s here with a 1 s limit (60,000: ~30 s). If the table stays reachable after the script
-- returns (a global: the chunk's _ENV upvalue keeps the environment alive; or a module), every
-- later collection in that state pays again, in the next, innocent script's time.
local N = 50000
local keys = {}
for i = 1, N do keys[i] = {} end
local x = 12345
for i = N, 2, -1 do
  x = (x * 1103515245 + 12345) % 2147483648
  local j = x % i + 1
  keys[i], keys[j] = keys[j], keys[i]
end
local weak = setmetatable({}, { __mode = "k" })
for i = 1, N - 1 do weak[keys[i]] = keys[i + 1] end
local head = keys[1]
keys = nil
local junk
for i = 1, 200000 do junk = { i } end   -- garbage, so that full collection cycles run
return head ~= nil
