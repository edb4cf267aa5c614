-- Сигнал об оценках (см. plugin.lua). Ученик в зоне риска по предмету, когда последние
-- `in_a_row` отметок текущего периода неудовлетворительные (не выше `failing`) или прогноз
-- школы на период неудовлетворительный.
--
-- Сообщают только об отметке, с которой риск возник: неудовлетворительная отметка, до которой
-- серия была короче `in_a_row`. Дальнейшие двойки той же серии пометку не повторяют и писем не
-- шлют; после перерыва в серии сигнал может прийти снова. Особые отметки (ОСВ, НА) серию не
-- прерывают и не продолжают. Когда после хорошей (или исправленной на хорошую) отметки риска
-- нет, а в периоде были неудовлетворительные отметки, пометка снимается (снять несуществующую
-- пометку безвредно).

local FLAG = "риск неаттестации"

-- "2026-11-18" → "18.11.2026".
local function ru_date(iso)
  local y, m, d = tostring(iso):match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if not y then return tostring(iso) end
  return d .. "." .. m .. "." .. y
end

local function is_failing(value, config)
  local points = tonumber(value)
  return points ~= nil and points <= config.failing
end

-- «2 неудовлетворительные отметки», «5 неудовлетворительных отметок».
local function failing_marks(count)
  local last2, last = count % 100, count % 10
  if last2 < 11 or last2 > 14 then
    if last == 1 then return count .. " неудовлетворительная отметка" end
    if last >= 2 and last <= 4 then return count .. " неудовлетворительные отметки" end
  end
  return count .. " неудовлетворительных отметок"
end

-- Сколько неудовлетворительных отметок стоит подряд в конце списка.
local function run_at_end(values, config)
  local run = 0
  for i = #values, 1, -1 do
    if tonumber(values[i]) ~= nil then
      if not is_failing(values[i], config) then break end
      run = run + 1
    end
  end
  return run
end

-- Отметки периода сейчас и до события. Отметка события узнаётся по работе; если её в списке
-- нет, она считается последней.
local function values_now_and_before(event, marks)
  local now, before, found = {}, {}, false
  for _, mark in ipairs(marks) do
    now[#now + 1] = mark.value
    if not found and event.work ~= nil and mark.work == event.work then
      found = true
      if event.kind == "mark.changed" then before[#before + 1] = event.previous end
    else
      before[#before + 1] = mark.value
    end
  end
  if not found then
    now[#now + 1] = event.value
    if event.kind == "mark.changed" then before[#before + 1] = event.previous end
  end
  return now, before
end

local function any_failing(values, config)
  for _, value in ipairs(values) do
    if is_failing(value, config) then return true end
  end
  return false
end

-- Чем вызван риск: серия, прогноз или оба.
local function reasons(run, forecast, config)
  local parts = {}
  if run >= config.in_a_row then parts[#parts + 1] = failing_marks(run) .. " подряд" end
  if forecast and forecast.failing then
    local text = "прогноз на период неудовлетворительный"
    if forecast.mark then text = "прогноз на период — «" .. forecast.mark .. "»" end
    if forecast.average then
      text = text .. string.format(" (средний балл %.2f)", forecast.average):gsub("%.", ",")
    end
    parts[#parts + 1] = text
  end
  return table.concat(parts, "; ")
end

local function alert(event, school, config, run, forecast)
  local student = school.student(event.student) or {}
  local subject = school.subject(event.subject) or {}
  local who = student.name or "Ученик"
  local class = event.class or student.class
  if class then who = who .. " (" .. class .. ")" end
  local subject_name = subject.name or "предмет"
  local why = reasons(run, forecast, config)
  local effects = { { kind = "flag", student = event.student, subject = event.subject, text = FLAG } }
  if config.tell_class_teacher then
    effects[#effects + 1] = {
      kind = "notify", to = "class_teacher", student = event.student,
      text = string.format("%s, «%s»: %s. Риск неаттестации, в журнале поставлена пометка. "
        .. "Последняя отметка — «%s» от %s.", who, subject_name, why, tostring(event.value),
        ru_date(event.work_date or event.date)),
    }
  end
  if config.tell_family then
    effects[#effects + 1] = {
      kind = "notify", to = "family", student = event.student,
      text = string.format("Здравствуйте! %s: по предмету «%s» %s (последняя отметка — «%s» от %s). "
        .. "Есть риск неаттестации за период. Просим обсудить это с ребёнком и при необходимости "
        .. "связаться с учителем или классным руководителем.", who, subject_name, why,
        tostring(event.value), ru_date(event.work_date or event.date)),
    }
  end
  return effects
end

local function on_mark(event, school, config)
  local marks = school.marks { student = event.student, subject = event.subject }
  local now, before = values_now_and_before(event, marks)
  local run, run_before = run_at_end(now, config), run_at_end(before, config)
  local forecast = nil
  if config.watch_forecast then
    forecast = school.forecast { student = event.student, subject = event.subject }
  end
  local at_risk = run >= config.in_a_row or (forecast ~= nil and forecast.failing == true)

  if at_risk then
    if not is_failing(event.value, config) or run_before >= config.in_a_row then return nil end
    return alert(event, school, config, run, forecast)
  end
  if not is_failing(event.value, config)
      and (any_failing(before, config) or is_failing(event.previous, config)) then
    return { { kind = "unflag", student = event.student, subject = event.subject } }
  end
  return nil
end

return {
  ["mark.entered"] = on_mark,
  ["mark.changed"] = on_mark,
}
