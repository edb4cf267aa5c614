-- Сроки ведения журнала (Положение, разд. 3: R14–R17). Каждая обязанность — что и к какому
-- сроку вносится в журнал; монитор соблюдения сроков сверяет с ними время первой записи по часам
-- сервера. Школа меняет сроки под своё Положение о ведении ЭЖ; по умолчанию — сроки Положения.
--   applies_to — к чему относится обязанность:
--     lesson_record — запись проведённого урока: тема и отсутствующие (вносятся вместе);
--     homework      — домашнее задание урока;
--     work_marks    — отметки за работу всем присутствовавшим;
--     exam_results  — результаты экзаменов для семьи.
--   due(item) — срок: строка «ГГГГ-ММ-ДД ЧЧ:ММ» по местному времени школы. item содержит:
--     date (день урока или работы), starts и ends (звонки урока), teacher_day_ends (конец
--     последнего урока этого учителя в тот день), work_type, known_on (день, когда стали
--     известны результаты), grade, subject, weekday (1 — понедельник), homework_given (задано ли
--     домашнее задание).
--   applies(item) — необязательно: false, если обязанности для этого урока или работы нет.
--   grace_minutes — необязательно: сколько минут после срока запись ещё считается вовремя.
--   severity — необязательно: насколько важен пропуск: "low", "normal" (по умолчанию) или "high".
--   lock_after — необязательно: через сколько дней после срока записи закрываются; открыть их
--     может администрация с указанием причины (право journal.unlock). Без него запись после
--     срока принимается и отмечается как опоздание.
-- Работы, которые пишут все присутствующие: за них отметки получает каждый.
local whole_class = { independent = true, dictation = true, practical = true, test = true }

-- Помощники: add_days("2026-11-20", 7) → "2026-11-27"; add_minutes("14:05", 120) → "16:05"
-- (не позже 23:59 того же дня).
return deadlines {
  duties = {
    lesson_record = {
      title = "Тема урока и отсутствующие",
      clause = "п. 3.4",
      applies_to = "lesson_record",
      -- В день проведения урока.
      due = function(item) return item.date .. " 23:59" end,
    },
    homework = {
      title = "Домашнее задание",
      clause = "п. 3.5",
      applies_to = "homework",
      -- Срок проверяется у заданных домашних заданий; в первом классе их не задают (СанПиН).
      -- Школа, где задание (или «не задано») вносится к каждому уроку, пишет: return item.grade >= 2
      applies = function(item) return item.grade >= 2 and item.homework_given end,
      -- В день урока, не позднее 2 часов после окончания всех уроков этого учителя в тот день.
      due = function(item) return item.date .. " " .. add_minutes(item.teacher_day_ends, 120) end,
    },
    work_marks = {
      title = "Отметки за работу",
      clause = "п. 3.6",
      applies_to = "work_marks",
      -- Ответ на уроке, проверку домашней работы и проект отмечают не у всех сразу: отметок всем
      -- присутствовавшим требуют только работы всего класса.
      applies = function(item) return whole_class[item.work_type] == true end,
      -- Не позднее одной недели со дня проведения работы.
      due = function(item) return add_days(item.date, 7) .. " 23:59" end,
    },
    exam_results = {
      title = "Результаты экзаменов для семьи",
      clause = "п. 3.3",
      applies_to = "exam_results",
      severity = "high",
      -- Не позднее одного дня с момента, когда результаты стали известны.
      due = function(item) return add_days(item.known_on, 1) .. " 23:59" end,
    },
  },

  -- Проверки сроков: `journal rules check` и редактор правил выполняют их при каждом изменении.
  tests = {
    { duty = "lesson_record", item = { date = "2026-11-20" }, expect = "2026-11-20 23:59" },
    { duty = "homework", item = { date = "2026-11-20", teacher_day_ends = "14:05", grade = 7,
      homework_given = true }, expect = "2026-11-20 16:05" },
    { duty = "homework", item = { date = "2026-11-20", teacher_day_ends = "22:30", grade = 7,
      homework_given = true }, expect = "2026-11-20 23:59" },
    { duty = "homework", item = { date = "2026-11-20", teacher_day_ends = "12:00", grade = 1,
      homework_given = true }, expect_applies = false },
    { duty = "homework", item = { date = "2026-11-20", teacher_day_ends = "12:00", grade = 7,
      homework_given = false }, expect_applies = false },
    { duty = "work_marks", item = { date = "2026-12-28", work_type = "test" }, expect = "2027-01-04 23:59" },
    { duty = "work_marks", item = { date = "2026-12-28", work_type = "answer" }, expect_applies = false },
    { duty = "work_marks", item = { date = "2026-12-28", work_type = "homework" }, expect_applies = false },
    { duty = "exam_results", item = { known_on = "2027-02-28" }, expect = "2027-03-01 23:59" },
  },
}
