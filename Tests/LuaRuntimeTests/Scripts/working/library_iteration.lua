-- expect: true
local names = {}
for name in pairs(string) do names[#names + 1] = name end
return #names >= 10
