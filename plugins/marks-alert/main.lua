-- Сигнал об оценках (см. plugin.lua). Ученик в зоне риска по предмету, когда последние
-- `in_a_row` отметок текущего периода неудовлетворительные (не выше `failing`) или прогноз
-- школы на период неудовлетворительный.
--
-- Пометка ставится на каждой неудовлетворительной отметке, пока ученик в зоне риска (школа
-- не дублирует пометку). Сообщения — только об отметке, с которой риск возник: без неё серия
-- в конце списка была бы короче `in_a_row`. Так отметка, внесённая позже, но за более раннюю
-- работу, тоже даёт сигнал. Двойка, исправленная на единицу, серию не меняет и писем не даёт.
-- Плагин видит отметки на момент обработки: если несколько отметок одной серии внесены до
-- того, как он их обработал (сервер стоял), сообщений может прийти больше одного.
--
-- Особые отметки (ОСВ, НА) серию не прерывают и не продолжают. Когда после хорошей отметки
-- (выставленной, исправленной на хорошую или удалённой двойки) риска нет, а в периоде были
-- неудовлетворительные отметки, пометка снимается (снять несуществующую пометку безвредно).

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

local function any_failing(values, config)
  for _, value in ipairs(values) do
    if is_failing(value, config) then return true end
  end
  return false
end

-- Где в списке отметка события: по работе, а без работы — последняя с тем же значением (и датой).
local function event_mark_index(event, marks)
  for i = #marks, 1, -1 do
    local mark = marks[i]
    if event.work ~= nil then
      if mark.work == event.work then return i end
    elseif mark.value == event.value and (event.work_date == nil or mark.date == event.work_date) then
      return i
    end
  end
  return nil
end

-- Значения отметок периода сейчас и до события. Изменение школа записала до события: новая
-- отметка уже в списке (если её там нет, она считается последней), удалённой уже нет (до
-- удаления она стояла на своей дате).
local function values_now_and_before(event, marks)
  local now, before = {}, {}
  for _, mark in ipairs(marks) do now[#now + 1] = mark.value end

  if event.kind == "mark.deleted" then
    local removed, inserted = event.previous or event.value, false
    for _, mark in ipairs(marks) do
      if not inserted and event.work_date ~= nil and mark.date > event.work_date then
        before[#before + 1], inserted = removed, true
      end
      before[#before + 1] = mark.value
    end
    if not inserted then before[#before + 1] = removed end
    return now, before
  end

  local index = event_mark_index(event, marks)
  if index == nil then
    now[#now + 1] = event.value
    index = #now
  end
  for i, value in ipairs(now) do
    if i ~= index then
      before[#before + 1] = value
    elseif event.kind == "mark.changed" and event.previous ~= nil then
      before[#before + 1] = event.previous
    end
  end
  return now, before
end

-- Чем вызван риск: серия, прогноз или оба.
local function reasons(run, forecast, config)
  local parts = {}
  if run >= config.in_a_row then parts[#parts + 1] = failing_marks(run) .. " подряд" end
  if forecast and forecast.failing then
    local text = "прогноз на период неудовлетворительный"
    if forecast.mark then text = "прогноз на период — «" .. tostring(forecast.mark) .. "»" end
    if forecast.average then
      text = text .. (string.format(" (средний балл %.2f)", forecast.average):gsub("%.", ","))
    end
    parts[#parts + 1] = text
  end
  return table.concat(parts, "; ")
end

-- Об отметке для текста: новая отметка события, а после удаления — последняя в списке.
local function mark_sentence(event, marks)
  if event.kind ~= "mark.deleted" then
    return string.format(" Новая отметка — «%s» (работа от %s).", tostring(event.value),
      ru_date(event.work_date or event.date))
  end
  local last = marks[#marks]
  if last == nil then return "" end
  return string.format(" Последняя отметка — «%s» от %s.", tostring(last.value), ru_date(last.date))
end

local function alert(event, school, config, marks, run, forecast)
  local student = school.student(event.student) or {}
  local subject = school.subject(event.subject) or {}
  local who = student.name or "Ученик"
  local class = event.class or student.class
  if class then who = who .. " (" .. class .. ")" end
  local subject_name = subject.name or "предмет"
  local why = reasons(run, forecast, config)
  local last = mark_sentence(event, marks)

  local effects = { { kind = "flag", student = event.student, subject = event.subject, text = FLAG } }
  if config.tell_class_teacher then
    effects[#effects + 1] = {
      kind = "notify", to = "class_teacher", student = event.student,
      text = string.format("%s, «%s»: %s. Риск неаттестации, в журнале поставлена пометка.%s",
        who, subject_name, why, last),
    }
  end
  if config.tell_family then
    effects[#effects + 1] = {
      kind = "notify", to = "family", student = event.student,
      text = string.format("Здравствуйте! %s: по предмету «%s» %s.%s Есть риск неаттестации за "
        .. "период. Просим обсудить это с ребёнком и при необходимости связаться с учителем или "
        .. "классным руководителем.", who, subject_name, why, last),
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
  local forecast_failing = forecast ~= nil and forecast.failing == true
  local at_risk = run >= config.in_a_row or forecast_failing

  if not at_risk then
    local value = event.kind ~= "mark.deleted" and event.value or nil
    if not is_failing(value, config) and (any_failing(before, config) or is_failing(event.previous, config)) then
      return { { kind = "unflag", student = event.student, subject = event.subject } }
    end
    return nil
  end

  -- Удаление хорошей отметки внутри серии: риск возник, если без неё серия стала достаточной.
  if event.kind == "mark.deleted" then
    if run >= config.in_a_row and run_before < config.in_a_row then
      return alert(event, school, config, marks, run, forecast)
    end
    return nil
  end

  if not is_failing(event.value, config) then return nil end
  -- Риск возник с этой отметкой, если без неё серии не было; двойка, исправленная на единицу,
  -- ничего не меняет.
  local arose = run_before < config.in_a_row
    and not (event.kind == "mark.changed" and is_failing(event.previous, config))
  if arose then return alert(event, school, config, marks, run, forecast) end
  return { { kind = "flag", student = event.student, subject = event.subject, text = FLAG } }
end

return {
  ["mark.entered"] = on_mark,
  ["mark.changed"] = on_mark,
  ["mark.deleted"] = on_mark,
}
