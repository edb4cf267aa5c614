-- attack: recurse until the C or Lua stack gives out
-- expect: runtime|memory-limit
local function down(n) return 1 + down(n + 1) end
return down(1)
