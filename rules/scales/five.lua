-- Пятибалльная шкала: текущие отметки, четвертные и полугодовые, годовые и итоговые
-- (Положение, п. II.2.1 и II.2.2: R1–R3, R10). Рекомендуемая отметка за период — по
-- средневзвешенному баллу с границами 2,5 / 3,5 / 4,5; та же граница даёт прогноз (п. 3.2, R13).
-- Специальные отметки (ОСВ, НА) в средний балл не входят.

-- Отметка по среднему баллу: одна граница для четверти, полугодия и прогноза.
local function recommended(average)
  if average >= 4.5 then return "5"
  elseif average >= 3.5 then return "4"
  elseif average >= 2.5 then return "3"
  else return "2" end
end

return scale {
  id = "five",
  title = "Пятибалльная",
  marks = { "5", "4", "3", "2", "1" },          -- от лучшей к худшей
  value = { ["5"] = 5, ["4"] = 4, ["3"] = 3, ["2"] = 2, ["1"] = 1 },
  passing = "3",
  specials = {
    ["ОСВ"] = { title = "освобождён" },
    ["НА"] = { title = "не аттестован" },
  },

  -- Рекомендуемая отметка за четверть или полугодие (промежуточная аттестация, R2).
  period_mark = recommended,

  -- Годовая (R2): среднее арифметическое отметок за периоды, округлённое по правилам математики.
  annual_mark = function(period_marks)
    local sum, count = 0, 0
    for _, mark in ipairs(period_marks) do
      local points = tonumber(mark)
      if points then sum, count = sum + points, count + 1 end
    end
    if count == 0 then return nil end
    return tostring(math.floor(sum / count + 0.5))
  end,

  -- Итоговая (R3): среднее годовой отметки и отметки за экзамен, округлённое по правилам математики.
  final_mark = function(input)
    local annual, exam = tonumber(input.annual), tonumber(input.exam)
    if annual and exam then return tostring(math.floor((annual + exam) / 2 + 0.5)) end
    return input.annual
  end,

  -- Прогноз на текущий период (п. 3.2, R13): пока отметок меньше трёх, прогноза нет.
  forecast = function(input)
    if input.count < 3 then return nil end
    return recommended(input.average)
  end,

  tests = {
    { average = 4.5, expect = "5" },
    { average = 4.49, expect = "4" },
    { average = 3.5, expect = "4" },
    { average = 3.49, expect = "3" },
    { average = 2.5, expect = "3" },
    { average = 2.49, expect = "2" },
    { annual = { "4", "5", "5", "4" }, expect = "5" },
    { annual = { "3", "4", "3", "3" }, expect = "3" },
    { annual = { "ОСВ", "4" }, expect = "4" },
    { final = { annual = "4", exam = "5" }, expect = "5" },
    { final = { annual = "4", exam = "3" }, expect = "4" },
    { forecast = { average = 4.7, count = 2 }, expect = nil },
    { forecast = { average = 4.7, count = 3 }, expect = "5" },
    { forecast = { average = 3.49, count = 3 }, expect = "3" },
  },
}
