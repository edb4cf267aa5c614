-- Информирование семей (Положение, разд. 3: R12–R14, R18, R19). Для каждого вида сообщений —
-- как оно называется, обязательно ли оно, куда и как часто уходит, пока родитель не выбрал сам
-- (по письменному заявлению или в дневнике), и его текст.
--   mandatory = true — сообщение нельзя отключить: родитель выбирает только канал (почта или
--     бумага), но не «только в дневнике». Обязательны прогноз итогов периода (R13), итоговые
--     результаты (R14) и еженедельная сводка (R19).
--   channel — канал по умолчанию: "diary" (только в дневнике), "email", "paper" (на бумаге, с
--     еженедельным листом). frequency — "immediate" (сразу), "daily" (сводка раз в день в
--     digest_hour), "weekly" (сводка раз в неделю, в weekly_day).
--   subject, text — шаблоны: {имя} заменяется полем сообщения; какие поля есть у каждого вида,
--     сказано рядом. Ссылка на поле, которого нет, — ошибка при проверке правил.
--   forecast_dates(period) — в какие дни рассылается прогноз периода: period.starts, period.ends
--     (ГГГГ-ММ-ДД), period.title. По умолчанию — за две недели до конца периода и в его последний день.
return notifications {
  digest_hour = 19,      -- час ежедневной сводки (по времени школы)
  weekly_day = 5,        -- день недельной сводки и бумажного листа: 5 — пятница

  classes = {
    -- Поля: child, subject, mark, work, weight, date, teacher, change
    marks = {
      title = "Отметки",
      channel = "diary", frequency = "daily",
      subject = "{child}: {change} отметка {mark} — {subject}",
      text = "{child}, {subject}: {change} отметка {mark} за «{work}» (вес {weight}) от {date}. Учитель: {teacher}.",
    },
    -- Поля: child, subject, date, lesson, code, code_title
    absences = {
      title = "Пропуски уроков",
      channel = "diary", frequency = "immediate",
      subject = "{child}: отсутствие на уроке {subject} {date}",
      text = "{child} отмечен(а) на уроке «{subject}» {date} ({lesson}-й урок): {code} — {code_title}.",
    },
    -- Поля: child, subject, date, text
    homework = {
      title = "Домашние задания",
      channel = "diary", frequency = "daily",
      subject = "{child}: домашнее задание по предмету {subject}",
      text = "{child}, {subject}, к уроку {date}: {text}",
    },
    -- Поля: child, date, text
    timetable = {
      title = "Изменения расписания",
      channel = "diary", frequency = "immediate",
      subject = "{child}: изменение расписания на {date}",
      text = "{child}, {date}: {text}",
    },
    -- Напоминание об опросе тем, кто ещё не ответил (R8). Поля: child, survey, closes
    surveys = {
      title = "Напоминания об опросах",
      channel = "email", frequency = "immediate",
      subject = "Опрос «{survey}»: ждём ваш ответ до {closes}",
      text = "Школа просит ответить на опрос «{survey}» ({child}) до {closes}. Опрос открыт в электронном дневнике.",
    },
    -- Сообщения модулей школы (plugins/): их текст пишет модуль. Поля: child, plugin, text
    plugins = {
      title = "Сообщения модулей школы",
      channel = "diary", frequency = "immediate",
      subject = "{child}: {plugin}",
      text = "{text}",
    },
    -- Поля: child, subject, period, forecast, average, count, how
    forecast = {
      title = "Прогноз итогов периода",
      mandatory = true,
      channel = "email", frequency = "immediate",
      subject = "{child}: прогноз за {period} — {subject}: {forecast}",
      text = "{child}, {subject}, {period}: прогноз отметки — {forecast}. Как посчитано: {how}.",
    },
    -- Поля: child, subject, period, mark
    final_results = {
      title = "Итоговые отметки",
      mandatory = true,
      channel = "email", frequency = "immediate",
      subject = "{child}: итог за {period} — {subject}: {mark}",
      text = "{child}, {subject}: отметка за {period} — {mark}.",
    },
    -- Поля: child, subject, exam, score, mark
    exam_results = {
      title = "Результаты экзаменов",
      mandatory = true,
      channel = "email", frequency = "immediate",
      subject = "{child}: результат {exam} — {subject}",
      text = "{child}, {exam} по предмету «{subject}»: {score}, отметка {mark}.",
    },
  },

  forecast_dates = function(period)
    return { add_days(period.ends, -14), period.ends }
  end,

  -- Проверки: `journal rules check` и редактор правил выполняют их при каждом изменении.
  tests = {
    { forecast_dates = { starts = "2026-11-05", ends = "2026-12-27", title = "2-я четверть" },
      expect = { "2026-12-13", "2026-12-27" } },
    { template = "marks", fields = { child = "Иванов Пётр", change = "новая", mark = "5", subject = "Математика",
      work = "Контрольная работа", weight = "2", date = "04.12", teacher = "Смирнова А. В." },
      expect_subject = "Иванов Пётр: новая отметка 5 — Математика" },
  },
}
