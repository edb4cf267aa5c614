-- Извещение об отсутствии: семья узнаёт о пропуске урока без уважительной причины в тот же
-- день (отсутствующие вносятся в день урока, п. 3.4, R15; отметка «Н», R4). Третий такой пропуск
-- за неделю — сигнал социальному педагогу и задача для него.
return plugin {
  id = "absence-notice",
  title = { ru = "Извещение об отсутствии", en = "Absence notice" },
  description = {
    ru = "Сообщает семье о каждом пропуске урока без уважительной причины; при повторных пропусках "
      .. "за неделю сообщает социальному педагогу и ставит ему задачу.",
    en = "Tells the family of every unexcused absence from a lesson; repeated unexcused absences in "
      .. "a week go to the social pedagogue with a task.",
  },
  version = "1.0.0",
  api = 1,
  events = { "attendance.recorded" },
  capabilities = { "students.read", "attendance.read", "notify.family", "notify.staff", "tasks.write" },
  config = {
    tell_family = {
      type = "boolean", default = true,
      title = { ru = "Сообщать семье о каждом пропуске", en = "Tell the family of each absence" },
    },
    per_week = {
      type = "integer", min = 2, max = 30, default = 3,
      title = { ru = "Пропусков за неделю до сигнала социальному педагогу",
                en = "Unexcused absences in a week before the social pedagogue is told" },
    },
    task_days = {
      type = "integer", min = 0, max = 14, default = 3,
      title = { ru = "Срок задачи социальному педагогу, дней", en = "Days the social pedagogue has for the task" },
    },
  },
}
