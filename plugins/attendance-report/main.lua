-- Отчёт о пропусках за месяц (см. plugin.lua). В день `day` каждого месяца строится отчёт
-- «monthly-attendance» за предыдущий календарный месяц: ученики, у которых пропущенных уроков
-- больше доли `share` от проведённых в их классе, по классам (5А, 5Б, …, 10А) и по алфавиту.
-- Месяц без уроков (каникулы) отчёта не даёт.

local REPORT = "monthly-attendance"

local MONTHS = { "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                 "сентябрь", "октябрь", "ноябрь", "декабрь" }

local COLUMNS = { "Класс", "Ученик", "Уроков", "Пропущено", "Без уважительной причины",
                  "Доля пропусков, %" }

-- «1 ученик», «3 ученика», «5 учеников».
local function students_word(count)
  local last2, last = count % 100, count % 10
  if last2 < 11 or last2 > 14 then
    if last == 1 then return count .. " ученик" end
    if last >= 2 and last <= 4 then return count .. " ученика" end
  end
  return count .. " учеников"
end

-- 0.3 → "30", 0.125 → "12,5".
local function percent(share)
  local value = share * 100
  if math.abs(value - math.floor(value + 0.5)) < 1e-9 then
    return string.format("%d", math.floor(value + 0.5))
  end
  return (string.format("%.1f", value):gsub("%.", ","))
end

-- Первый и последний день месяца перед датой `date`, и его обозначение "YYYY-MM".
local function previous_month(date, school)
  local year, month = date:match("^(%d%d%d%d)-(%d%d)")
  year, month = tonumber(year), tonumber(month) - 1
  if month == 0 then year, month = year - 1, 12 end
  local first = string.format("%04d-%02d-01", year, month)
  local this_first = date:sub(1, 8) .. "01"
  return first, school.date(this_first, -1), string.format("%04d-%02d", year, month), year, month
end

-- Классы по параллели, затем по букве: 5А, 5Б, 10А.
local function class_before(a, b)
  local grade_a, letter_a = tostring(a):match("^(%d*)(.*)$")
  local grade_b, letter_b = tostring(b):match("^(%d*)(.*)$")
  grade_a, grade_b = tonumber(grade_a) or 0, tonumber(grade_b) or 0
  if grade_a ~= grade_b then return grade_a < grade_b end
  return letter_a < letter_b
end

local function on_day(event, school, config)
  if tonumber(event.date:sub(9, 10)) ~= config.day then return nil end
  local from, to, period, year, month = previous_month(event.date, school)

  local listed, any_lessons = {}, false
  for _, row in ipairs(school.attendance { from = from, to = to }) do
    local lessons, missed = row.lessons or 0, row.missed or 0
    if lessons > 0 then
      any_lessons = true
      if missed / lessons > config.share then listed[#listed + 1] = row end
    end
  end
  if not any_lessons then return nil end

  table.sort(listed, function(a, b)
    if a.class ~= b.class then return class_before(a.class, b.class) end
    if a.name ~= b.name then return tostring(a.name) < tostring(b.name) end
    return tostring(a.student) < tostring(b.student)
  end)
  local rows, classes, seen_class = {}, 0, {}
  for _, row in ipairs(listed) do
    if not seen_class[row.class] then seen_class[row.class], classes = true, classes + 1 end
    rows[#rows + 1] = {
      tostring(row.class), tostring(row.name),
      string.format("%d", row.lessons), string.format("%d", row.missed),
      string.format("%d", row.unexcused or 0),
      (string.format("%.1f", 100 * row.missed / row.lessons):gsub("%.", ",")),
    }
  end

  local title = string.format("Пропуски уроков за %s %d года: более %s %% уроков", MONTHS[month], year,
    percent(config.share))
  local summary
  if #rows == 0 then
    summary = "учеников, пропустивших столько уроков, нет"
  else
    local of_classes = (classes % 10 == 1 and classes % 100 ~= 11) and "класса" or "классов"
    summary = string.format("в нём %s из %d %s", students_word(#rows), classes, of_classes)
  end
  return {
    { kind = "report", report = REPORT, title = title, period = period, columns = COLUMNS, rows = rows },
    { kind = "notify", to = "role:psychologist",
      text = string.format("Готов отчёт «%s»: %s.", title, summary) },
  }
end

return {
  ["tick.daily"] = on_day,
}
