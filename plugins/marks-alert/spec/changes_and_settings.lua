-- Исправленные отметки, прогноз на период и настройки школы.

local ivanov = { id = 1, name = "Иванов Иван", class = "5А", grade = 5 }
local maths = { id = 1, name = "Математика" }

local function mark(value, date, work)
  return { student = 1, subject = 1, value = value, date = date, weight = 1, work = work }
end

local function forecast(mark_value, average, failing)
  return { student = 1, subject = 1, mark = mark_value, average = average, failing = failing }
end

local function school(marks, forecast_row)
  return {
    students = { ivanov },
    subjects = { maths },
    marks = marks,
    forecasts = { forecast_row or forecast("3", 3.1, false) },
  }
end

local function changed(value, previous, date, work)
  return { kind = "mark.changed", date = "2026-11-20", student = 1, subject = 1, class = "5А",
           work = work, work_date = date, value = value, previous = previous }
end

local function entered(value, date, work)
  return { kind = "mark.entered", date = date, student = 1, subject = 1, class = "5А",
           work = work, work_date = date, value = value }
end

return spec {
  school = school { mark("4", "2026-11-10", 8), mark("2", "2026-11-16", 9), mark("2", "2026-11-18", 10) },
  cases = {
    {
      name = "четвёрку исправили на двойку — серия возникла, сигнал",
      event = changed("2", "4", "2026-11-18", 10),
      expect = {
        { kind = "flag", student = 1, subject = 1, text = "риск неаттестации" },
        { kind = "notify", to = "class_teacher", student = 1 },
        { kind = "notify", to = "family", student = 1 },
      },
    },
    {
      name = "двойку исправили на единицу — серия та же, писем нет",
      school = school { mark("4", "2026-11-10", 8), mark("2", "2026-11-16", 9), mark("1", "2026-11-18", 10) },
      event = changed("1", "2", "2026-11-18", 10),
      expect = { { kind = "flag", student = 1, subject = 1 } },
    },
    {
      name = "двойку исправили на тройку — серии нет, пометка снимается",
      school = school { mark("4", "2026-11-10", 8), mark("2", "2026-11-16", 9), mark("3", "2026-11-18", 10) },
      event = changed("3", "2", "2026-11-18", 10),
      expect = { { kind = "unflag", student = 1, subject = 1 } },
    },
    {
      name = "неудовлетворительный прогноз при одной двойке — сигнал с прогнозом",
      school = school({ mark("3", "2026-11-10", 8), mark("2", "2026-11-12", 9), mark("4", "2026-11-16", 10),
                        mark("2", "2026-11-18", 11) }, forecast("2", 2.4, true)),
      event = entered("2", "2026-11-18", 11),
      expect = function(effects)
        assert(#effects == 3, "пометка и два сообщения, получено " .. #effects)
        assert(effects[1].kind == "flag" and effects[1].subject == 1, "сначала пометка по предмету")
        assert(effects[2].text:find("прогноз на период — «2»", 1, true), "классному руководителю — прогноз")
        assert(effects[2].text:find("2,40", 1, true), "средний балл с запятой")
      end,
    },
    {
      name = "четвёрка после серии при неудовлетворительном прогнозе пометку оставляет",
      school = school({ mark("2", "2026-11-16", 9), mark("2", "2026-11-18", 10), mark("4", "2026-11-20", 11) },
                      forecast("2", 2.5, true)),
      event = entered("4", "2026-11-20", 11),
      expect = {},
    },
    {
      name = "прогноз можно не учитывать",
      config = { watch_forecast = false },
      school = school({ mark("3", "2026-11-10", 8), mark("2", "2026-11-18", 9) }, forecast("2", 2.4, true)),
      event = entered("2", "2026-11-18", 9),
      expect = {},
    },
    {
      name = "три подряд по настройке: две двойки ещё не сигнал",
      config = { in_a_row = 3 },
      event = entered("2", "2026-11-18", 10),
      expect = {},
    },
    {
      name = "неудовлетворительная — тройка и ниже, три подряд",
      config = { failing = 3, in_a_row = 3 },
      school = school { mark("3", "2026-11-10", 8), mark("2", "2026-11-16", 9), mark("3", "2026-11-18", 10) },
      event = entered("3", "2026-11-18", 10),
      expect = function(effects)
        assert(#effects == 3, "пометка и два сообщения")
        assert(effects[2].text:find("3 неудовлетворительные отметки подряд", 1, true), effects[2].text)
      end,
    },
    {
      name = "семье не сообщать — только пометка и классный руководитель",
      config = { tell_family = false },
      event = entered("2", "2026-11-18", 10),
      expect = {
        { kind = "flag", student = 1, subject = 1 },
        { kind = "notify", to = "class_teacher", student = 1 },
      },
    },
  },
}
