-- Сигнал об оценках: серия неудовлетворительных отметок по предмету или прогноз ниже
-- удовлетворительного на текущий период (Положение, п. 3.2, R13) — пометка «риск неаттестации»
-- в журнале, сообщение классному руководителю и семье. Хорошая отметка, прервавшая серию,
-- при удовлетворительном прогнозе пометку снимает.
return plugin {
  id = "marks-alert",
  title = { ru = "Сигнал об оценках", en = "Marks alert" },
  description = {
    ru = "Пометка «риск неаттестации» и сообщения классному руководителю и семье, когда по предмету "
      .. "идут неудовлетворительные отметки подряд или прогноз на период неудовлетворительный.",
    en = "Flags a failing-risk student in a subject and tells the class teacher and the family when "
      .. "failing marks come in a row or the period forecast is failing.",
  },
  version = "1.0.0",
  api = 1,
  events = { "mark.entered", "mark.changed", "mark.deleted" },
  capabilities = { "students.read", "marks.read", "notify.family", "notify.staff", "flags.write" },
  config = {
    failing = {
      type = "integer", min = 1, max = 4, default = 2,
      title = { ru = "Неудовлетворительная отметка: эта и ниже", en = "Failing mark: this and below" },
    },
    in_a_row = {
      type = "integer", min = 2, max = 10, default = 2,
      title = { ru = "Сколько таких отметок подряд", en = "How many in a row" },
    },
    watch_forecast = {
      type = "boolean", default = true,
      title = { ru = "Учитывать прогноз на период", en = "Watch the period forecast" },
    },
    tell_class_teacher = {
      type = "boolean", default = true,
      title = { ru = "Сообщать классному руководителю", en = "Tell the class teacher" },
    },
    tell_family = {
      type = "boolean", default = true,
      title = { ru = "Сообщать семье", en = "Tell the family" },
    },
  },
}
