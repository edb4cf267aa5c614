-- Десятибалльная шкала (Положение, п. II.2.2: R10), как в лицеях с рейтинговой системой: 10 — высшая отметка,
-- 4 — наименьшая положительная. За период — средневзвешенный балл с округлением от 0,5.
local marks, value = {}, {}
for points = 10, 1, -1 do
  marks[#marks + 1] = tostring(points)
  value[tostring(points)] = points
end

local function rounded(average)
  local points = math.floor(average + 0.5)
  if points < 1 then points = 1 elseif points > 10 then points = 10 end
  return tostring(points)
end

return scale {
  id = "ten",
  title = "Десятибалльная",
  marks = marks,
  value = value,
  passing = "4",
  specials = { ["ОСВ"] = { title = "освобождён" }, ["НА"] = { title = "не аттестован" } },
  period_mark = rounded,
  forecast = function(input)
    if input.count < 3 then return nil end
    return rounded(input.average)
  end,
  tests = {
    { average = 9.5, expect = "10" },
    { average = 9.49, expect = "9" },
    { average = 3.5, expect = "4" },
    { average = 0.2, expect = "1" },
  },
}
