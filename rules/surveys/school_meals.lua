-- Опрос о школьном питании для родителей начальной школы. Конфиденциальный: школа знает, кто
-- ответил (и напоминает остальным), но не знает, что ответил каждый. Один ответ за ребёнка.
return survey {
  title = "Школьное питание",
  description = "Помогите нам сделать питание в столовой лучше. Ответы конфиденциальны: школа видит "
    .. "только итоги по классам, где ответили не меньше пяти семей.",
  audience = function(p)
    return p.kind == "parent" and p.child.grade >= 1 and p.child.grade <= 4
  end,
  ballot = "student",
  privacy = "confidential",
  k = 5,
  opens = "2026-12-07",
  closes = "2026-12-18",
  reminders = { 5, 2 },
  results = { "teachers", "respondents" },
  retention_days = 365,
  questions = {
    { id = "how_often", kind = "single", required = true,
      text = "Как часто ребёнок ест в школьной столовой?",
      options = { "Каждый день", "2–3 раза в неделю", "Редко", "Никогда" } },
    { id = "why_not", kind = "multiple", min = 1, max = 3,
      text = "Почему ребёнок не ест в столовой?",
      options = { "Не нравится вкус", "Маленькие порции", "Не успевает", "Приносит еду из дома",
                  "Медицинские ограничения" },
      show = function(answers) return answers.how_often == "Редко" or answers.how_often == "Никогда" end },
    { id = "taste", kind = "scale", min = 1, max = 5, required = true,
      text = "Как ребёнок оценивает вкус блюд?",
      labels = { "Очень плохо", "Плохо", "Нормально", "Хорошо", "Отлично" } },
    { id = "aspects", kind = "matrix", min = 1, max = 5,
      text = "Оцените, насколько вы согласны:",
      statements = { "Порции достаточные", "Еда горячая", "В столовой чисто", "Меню разнообразное" } },
    { id = "wishes", kind = "long_text", text = "Что бы вы изменили в меню?" },
  },
  -- Индекс удовлетворённости: средняя оценка вкуса в процентах от максимума.
  derived = function(results)
    local taste = results.questions.taste
    if not taste or taste.answered == 0 then return {} end
    return { { title = "Индекс удовлетворённости вкусом, %", value = math.floor(taste.mean / 5 * 100 + 0.5) } }
  end,
  tests = {
    { respondent = { kind = "parent", child = { class = "3А", grade = 3 } }, audience = true },
    { respondent = { kind = "parent", child = { class = "7Б", grade = 7 } }, audience = false },
    { respondent = { kind = "staff", roles = { teacher = true } }, audience = false },
    { answers = { how_often = "Никогда" }, shows = { "why_not" } },
    { answers = { how_often = "Каждый день" }, hides = { "why_not" } },
    { answers = { how_often = "Каждый день", taste = 7 }, valid = false },
    { answers = { how_often = "Каждый день", taste = 4 }, valid = true },
  },
}
