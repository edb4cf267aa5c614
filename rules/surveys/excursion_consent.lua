-- Согласие родителей на участие ребёнка в экскурсии. Именной: классному руководителю нужно
-- знать, кто едет. Один ответ за ребёнка; семьи с бумажной формой отвечают на бумаге, и
-- классный руководитель вносит их ответы.
return survey {
  title = "Согласие на экскурсию",
  description = "Экскурсия в краеведческий музей. Выезд от школы в 9:00, возвращение к 14:00. "
    .. "Стоимость входного билета оплачивает школа.",
  audience = function(p) return p.kind == "parent" and p.child.class == "5А" end,
  ballot = "student",
  privacy = "named",
  k = 1,
  opens = "2026-12-07",
  closes = "2026-12-11",
  reminders = { 2 },
  results = { "teachers" },
  retention_days = 180,
  questions = {
    { id = "consent", kind = "consent", required = true,
      text = "Я ознакомлен(а) с программой экскурсии и даю согласие на участие ребёнка." },
    { id = "goes", kind = "yes_no", required = true, text = "Ребёнок поедет на экскурсию?" },
    { id = "health", kind = "text", text = "Что сопровождающим нужно знать о здоровье ребёнка?",
      show = function(answers) return answers.goes == true end },
  },
  tests = {
    { respondent = { kind = "parent", child = { class = "5А", grade = 5 } }, audience = true },
    { respondent = { kind = "parent", child = { class = "5Б", grade = 5 } }, audience = false },
    { answers = { consent = false, goes = true }, valid = false },
    { answers = { consent = true, goes = true, health = "аллергия на орехи" }, valid = true },
    { answers = { consent = true, goes = false, health = "—" }, valid = false },
  },
}
