-- Выбор курсов внеурочной деятельности на следующее полугодие. Открытый (именной): школа
-- должна знать, кого куда записать. Один ответ за каждого ученика; отвечает ученик или
-- любой из его законных представителей.
return survey {
  title = "Внеурочная деятельность: выбор курсов",
  description = "Выберите до трёх курсов и расставьте их по желанию. Запись ведётся по ответам.",
  audience = function(p)
    if p.kind == "student" then return p.grade >= 5 and p.grade <= 9 end
    return p.kind == "parent" and p.child.grade >= 5 and p.child.grade <= 9
  end,
  ballot = "student",
  privacy = "named",
  k = 1,
  opens = "2026-12-07",
  closes = "2026-12-25",
  reminders = { 5, 1 },
  results = { "teachers" },
  retention_days = 365,
  questions = {
    { id = "courses", kind = "multiple", min = 1, max = 3, required = true,
      text = "Какие курсы выбирает ученик?",
      options = { "Робототехника", "Шахматы", "Школьный театр", "Волейбол", "Юный журналист",
                  "Финансовая грамотность" } },
    { id = "priority", kind = "ranking",
      text = "Расставьте направления по интересу (сверху — самое интересное):",
      options = { "Техническое", "Спортивное", "Творческое" } },
    { id = "hours", kind = "number", min = 0, max = 10,
      text = "Сколько часов в неделю ученик готов заниматься?" },
    { id = "start", kind = "date", text = "С какого дня удобно начать?" },
  },
  derived = function(results)
    local counts = results.questions.courses.counts
    local best, most = nil, -1
    for _, option in ipairs(results.questions.courses.options) do
      if (counts[option] or 0) > most then best, most = option, counts[option] or 0 end
    end
    if not best or most == 0 then return {} end
    return { { title = "Самый востребованный курс", value = best } }
  end,
  tests = {
    { respondent = { kind = "student", class = "6Б", grade = 6 }, audience = true },
    { respondent = { kind = "parent", child = { class = "10А", grade = 10 } }, audience = false },
    { answers = { courses = { "Шахматы", "Волейбол", "Робототехника", "Шахматы" } }, valid = false },
    { answers = { courses = { "Шахматы" } }, valid = true },
  },
}
