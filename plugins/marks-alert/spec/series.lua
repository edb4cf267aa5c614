-- Серия неудовлетворительных отметок: когда сигнал приходит, когда нет и когда пометка снимается.
-- Прогноз в этих случаях удовлетворительный, чтобы проверялась только серия.

local ivanov = { id = 1, name = "Иванов Иван", class = "5А", grade = 5 }
local maths = { id = 1, name = "Математика" }

local function mark(value, date, work)
  return { student = 1, subject = 1, value = value, date = date, weight = 1, work = work }
end

local function school(marks)
  return {
    students = { ivanov },
    subjects = { maths },
    marks = marks,
    forecasts = { { student = 1, subject = 1, mark = "3", average = 3.1, failing = false } },
  }
end

local function entered(value, date, work)
  return { kind = "mark.entered", date = date, student = 1, subject = 1, class = "5А",
           work = work, work_date = date, value = value }
end

return spec {
  school = school {
    mark("4", "2026-11-10", 8), mark("2", "2026-11-16", 9), mark("2", "2026-11-18", 10),
  },
  cases = {
    {
      name = "две двойки подряд: пометка, классному руководителю и семье",
      event = entered("2", "2026-11-18", 10),
      expect = {
        { kind = "flag", student = 1, subject = 1, text = "риск неаттестации" },
        { kind = "notify", to = "class_teacher", student = 1 },
        { kind = "notify", to = "family", student = 1 },
      },
    },
    {
      name = "письмо семье вежливое, с предметом и датой в виде ДД.ММ.ГГГГ",
      event = entered("2", "2026-11-18", 10),
      expect = function(effects)
        local family = effects[3]
        assert(family and family.to == "family", "третье действие — письмо семье")
        assert(family.text:find("Здравствуйте", 1, true), "письмо начинается с приветствия")
        assert(family.text:find("«Математика»", 1, true), "письмо называет предмет")
        assert(family.text:find("18.11.2026", 1, true), "дата в виде ДД.ММ.ГГГГ")
        assert(family.text:find("2 неудовлетворительные отметки подряд", 1, true), "письмо называет серию")
        assert(not family.text:find("2026-11-18", 1, true), "дата не в формате ISO")
      end,
    },
    {
      name = "одна двойка после четвёрки — сигнала нет",
      school = school { mark("4", "2026-11-10", 8), mark("2", "2026-11-18", 10) },
      event = entered("2", "2026-11-18", 10),
      expect = {},
    },
    {
      name = "третья двойка той же серии: пометка остаётся, писем нет",
      school = school {
        mark("2", "2026-11-10", 8), mark("2", "2026-11-16", 9), mark("2", "2026-11-18", 10),
      },
      event = entered("2", "2026-11-18", 10),
      expect = { { kind = "flag", student = 1, subject = 1, text = "риск неаттестации" } },
    },
    {
      name = "четвёрка после серии при удовлетворительном прогнозе снимает пометку",
      school = school {
        mark("2", "2026-11-16", 9), mark("2", "2026-11-18", 10), mark("4", "2026-11-20", 11),
      },
      event = entered("4", "2026-11-20", 11),
      expect = { { kind = "unflag", student = 1, subject = 1 } },
    },
    {
      name = "пятёрка без двоек в периоде ничего не делает",
      school = school { mark("4", "2026-11-10", 8), mark("5", "2026-11-18", 10) },
      event = entered("5", "2026-11-18", 10),
      expect = {},
    },
    {
      name = "освобождение внутри серии её не прерывает",
      school = school {
        mark("2", "2026-11-10", 8), mark("ОСВ", "2026-11-16", 9), mark("2", "2026-11-18", 10),
      },
      event = entered("2", "2026-11-18", 10),
      expect = { { kind = "flag" }, { kind = "notify", to = "class_teacher" }, { kind = "notify", to = "family" } },
    },
    {
      name = "двойку за более раннюю работу внесли позже — сигнал на ней",
      -- Двойка от 18.11 уже была; двойку за контрольную от 16.11 учитель внёс после неё.
      event = entered("2", "2026-11-16", 9),
      expect = { { kind = "flag", student = 1, subject = 1 }, { kind = "notify", to = "class_teacher" },
                 { kind = "notify", to = "family" } },
    },
    {
      name = "двойка задним числом перед четвёркой — серии нет, ничего",
      school = school { mark("2", "2026-11-09", 7), mark("4", "2026-11-18", 10) },
      event = entered("2", "2026-11-09", 7),
      expect = {},
    },
    {
      name = "отметки ещё нет в ответе школы — считается последней",
      school = school { mark("4", "2026-11-10", 8), mark("2", "2026-11-16", 9) },
      event = entered("2", "2026-11-18", 10),
      expect = { { kind = "flag" }, { kind = "notify", to = "class_teacher" }, { kind = "notify", to = "family" } },
    },
  },
}
