-- A careless script: it never ends. The sandbox stops it at its instruction budget.
local n = 0
while true do n = n + 1 end
