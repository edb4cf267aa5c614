-- expect: [5,4,3,2,1]
local t = { 3, 1, 5, 2, 4 }
table.sort(t, function(a, b) return a > b end)
return t
