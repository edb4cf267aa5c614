-- Стобалльная шкала (Положение, п. II.2.2: R10): отметки от 0 до 100 баллов, как в ЕГЭ и рейтинговых курсах.
-- За период — средневзвешенный балл, округлённый до целого; зачётный порог — 40 баллов.
local marks, value = {}, {}
for points = 100, 0, -1 do
  marks[#marks + 1] = tostring(points)
  value[tostring(points)] = points
end

local function rounded(average)
  return tostring(math.floor(average + 0.5))
end

return scale {
  id = "hundred",
  title = "Стобалльная",
  marks = marks,
  value = value,
  passing = "40",
  specials = { ["ОСВ"] = { title = "освобождён" }, ["НА"] = { title = "не аттестован" } },
  period_mark = rounded,
  forecast = function(input)
    if input.count < 3 then return nil end
    return rounded(input.average)
  end,
  tests = {
    { average = 72.5, expect = "73" },
    { average = 72.49, expect = "72" },
    { average = 0, expect = "0" },
    { annual = { "80", "91" }, expect = "86" },
  },
}
