-- attack: 2^17 integer keys that share one main position once the table rehashes to 2^18 nodes
-- expect: memory-limit|time-limit
-- limits: timeout-ms=1000
-- Lua hashes integers as key % ((nodes - 1) | 1), so multiples of 2^18 - 1 spread out while the
-- hash part has 2^17 nodes and all collide after it doubles. The one instruction that adds the
-- 2^17 + 1st key reinserts every key by walking an ever longer chain: ~49 s in one rehash (the
-- evaluation then reports success). 2^15 keys: ~1.3 s, 2^16: ~9 s, 2^18 fits in 32 MiB too.
local M = (1 << 18) - 1
local t = {}
for k = 1, 1 << 17 do t[k * M] = true end
t[0.5] = true
return "done"
