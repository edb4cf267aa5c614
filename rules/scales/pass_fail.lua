-- Зачётная система (Положение, п. II.2.2: R10): «зачёт» / «незачёт» — например, ОРКСЭ и курсы по выбору.
-- Отметка за период — «зачёт», если зачтено не меньше половины взвешенных работ.
return scale {
  id = "pass_fail",
  title = "Зачёт / незачёт",
  marks = { "зачёт", "незачёт" },
  value = { ["зачёт"] = 1, ["незачёт"] = 0 },
  passing = "зачёт",
  specials = {
    ["ОСВ"] = { title = "освобождён" },
    ["НА"] = { title = "не аттестован" },
  },

  period_mark = function(average)
    if average >= 0.5 then return "зачёт" end
    return "незачёт"
  end,

  -- За год — «зачёт», если зачтены все периоды.
  annual_mark = function(period_marks)
    local seen = false
    for _, mark in ipairs(period_marks) do
      if mark == "незачёт" then return "незачёт" end
      if mark == "зачёт" then seen = true end
    end
    if seen then return "зачёт" end
    return nil
  end,

  forecast = function(input)
    if input.count < 2 then return nil end
    if input.average >= 0.5 then return "зачёт" end
    return "незачёт"
  end,

  tests = {
    { average = 0.5, expect = "зачёт" },
    { average = 0.49, expect = "незачёт" },
    { annual = { "зачёт", "зачёт" }, expect = "зачёт" },
    { annual = { "зачёт", "незачёт" }, expect = "незачёт" },
    { forecast = { average = 1, count = 1 }, expect = nil },
  },
}
