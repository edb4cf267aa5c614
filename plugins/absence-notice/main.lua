-- Извещение об отсутствии (см. plugin.lua). Пропуск без уважительной причины — отметка,
-- у которой absent и не excused («Н»); «Б» и «УП» уважительные, «ОП» (опоздание) не пропуск.
--
-- Неделя — с понедельника по воскресенье той недели, на которую приходится урок. Пропуски
-- считаются по урокам (день и урок), без повторов. Социальный педагог получает сигнал на
-- пропуске, который по порядку уроков недели `per_week`-й, — один раз за неделю. Порядок берётся
-- из журнала, а не из порядка событий: если учитель отметил несколько пропусков подряд, пока
-- плагин их ещё не обработал, сигнал всё равно один.

-- Сколько пропусков перечислять в сообщении социальному педагогу (текст — до 1000 знаков).
local LISTED = 10

-- "2026-11-18" → "18.11.2026".
local function ru_date(iso)
  local y, m, d = tostring(iso):match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if not y then return tostring(iso) end
  return d .. "." .. m .. "." .. y
end

-- «1 пропуск», «3 пропуска», «5 пропусков».
local function absences_word(count)
  local last2, last = count % 100, count % 10
  if last2 < 11 or last2 > 14 then
    if last == 1 then return count .. " пропуск" end
    if last >= 2 and last <= 4 then return count .. " пропуска" end
  end
  return count .. " пропусков"
end

local function subject_name(school, id)
  local subject = school.subject(id)
  return subject and subject.name or "урок"
end

local function unexcused(absence)
  return absence.excused ~= true and absence.absent ~= false
end

-- Пропуски ученика без уважительной причины за неделю, по одному на урок, по порядку.
local function week_absences(event, school, monday, sunday)
  local list, seen = {}, {}
  local function add(date, lesson, subject)
    local key = tostring(date) .. "/" .. tostring(lesson)
    if seen[key] then return end
    seen[key] = true
    list[#list + 1] = { date = date, lesson = lesson, subject = subject }
  end
  for _, absence in ipairs(school.absences { student = event.student, from = monday, to = sunday }) do
    if unexcused(absence) then add(absence.date, absence.lesson, absence.subject) end
  end
  -- Отметка события записана до него; если школа её ещё не вернула, она всё равно в счёт.
  add(event.lesson_date or event.date, event.lesson, event.subject)
  table.sort(list, function(a, b)
    if a.date ~= b.date then return a.date < b.date end
    return (tonumber(a.lesson) or 0) < (tonumber(b.lesson) or 0)
  end)
  return list
end

-- Которым по порядку уроков недели стоит пропуск события (1 — первый).
local function position_in_week(week, event)
  local date, lesson = event.lesson_date or event.date, tostring(event.lesson)
  for index, absence in ipairs(week) do
    if absence.date == date and tostring(absence.lesson) == lesson then return index end
  end
  return nil
end

local function on_attendance(event, school, config)
  if event.absent ~= true or event.excused == true then return nil end
  local student = school.student(event.student) or {}
  local who = student.name or "Ученик"
  local class = event.class or student.class
  if class then who = who .. " (" .. class .. ")" end
  local lesson_date = event.lesson_date or event.date
  local effects = {}

  if config.tell_family then
    effects[#effects + 1] = {
      kind = "notify", to = "family", student = event.student,
      text = string.format("Здравствуйте! В журнале отмечено отсутствие на уроке «%s» %s без "
        .. "уважительной причины: %s. Если причина уважительная, пожалуйста, сообщите о ней "
        .. "классному руководителю.", subject_name(school, event.subject), ru_date(lesson_date), who),
    }
  end

  local monday = school.date(lesson_date, 1 - school.weekday(lesson_date))
  local sunday = school.date(monday, 6)
  local week = week_absences(event, school, monday, sunday)
  if position_in_week(week, event) == config.per_week then
    local items = {}
    for index, absence in ipairs(week) do
      if index > LISTED then
        items[#items + 1] = "и ещё " .. (#week - LISTED)
        break
      end
      items[#items + 1] = ru_date(absence.date) .. " «" .. subject_name(school, absence.subject) .. "»"
    end
    local span = ru_date(monday) .. "–" .. ru_date(sunday)
    effects[#effects + 1] = {
      kind = "notify", to = "role:psychologist", student = event.student,
      text = string.format("%s: %s уроков без уважительной причины за неделю %s — %s.", who,
        absences_word(#week), span, table.concat(items, ", ")),
    }
    effects[#effects + 1] = {
      kind = "task", to = "role:psychologist", student = event.student,
      due = school.date(event.date, config.task_days),
      text = string.format("Связаться с семьёй и выяснить причины пропусков: %s, %s без уважительной "
        .. "причины за неделю %s.", who, absences_word(#week), span),
    }
  end

  if #effects == 0 then return nil end
  return effects
end

return {
  ["attendance.recorded"] = on_attendance,
}
