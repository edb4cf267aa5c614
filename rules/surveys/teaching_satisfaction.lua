-- Удовлетворённость качеством преподавания (ежегодный мониторинг). Конфиденциальный: школа
-- знает, кто ответил (чтобы напомнить остальным), но не что ответил. Один ответ на семью.
return survey {
  title = "Удовлетворённость качеством обучения",
  description = "Ежегодный опрос родителей. Ответы конфиденциальны: итоги показываются только "
    .. "по группам не меньше пяти семей.",
  audience = function(p) return p.kind == "parent" end,
  ballot = "family",
  privacy = "confidential",
  k = 5,
  opens = "2027-04-05",
  closes = "2027-04-23",
  reminders = { 7, 2 },
  results = { "teachers", "respondents" },
  retention_days = 365,
  questions = {
    { kind = "info", text = "Оценка от 1 (совсем не удовлетворены) до 10 (полностью удовлетворены)." },
    { id = "overall", kind = "scale", min = 1, max = 10, required = true,
      text = "Насколько вы удовлетворены качеством обучения в целом?" },
    { id = "aspects", kind = "matrix", min = 1, max = 5, required = true,
      text = "Оцените:",
      statements = { "Объяснение материала", "Объективность оценок", "Домашние задания посильны",
                     "Учителя доступны для вопросов", "Электронный дневник заполняется вовремя" } },
    { id = "recommend", kind = "yes_no", required = true, text = "Порекомендуете ли вы школу знакомым?" },
    { id = "why", kind = "text", text = "Что мешает порекомендовать школу?",
      show = function(answers) return answers.recommend == false end },
    { id = "comment", kind = "long_text", text = "Ваши предложения" },
  },
  -- Индекс потребительской лояльности (NPS) по шкале 1–10: доля 9–10 минус доля 1–6.
  derived = function(results)
    local overall = results.questions.overall
    if not overall or overall.answered == 0 then return {} end
    local promoters, detractors = 0, 0
    for point = 1, 10 do
      local n = overall.counts[tostring(point)] or 0
      if point >= 9 then promoters = promoters + n elseif point <= 6 then detractors = detractors + n end
    end
    return { { title = "Индекс лояльности (NPS)",
               value = math.floor((promoters - detractors) * 100 / overall.answered + 0.5) } }
  end,
  tests = {
    { respondent = { kind = "parent", child = { class = "5А", grade = 5 } }, audience = true },
    { respondent = { kind = "student", class = "5А", grade = 5 }, audience = false },
    { answers = { recommend = false }, shows = { "why" } },
    { answers = { recommend = true }, hides = { "why" } },
  },
}
