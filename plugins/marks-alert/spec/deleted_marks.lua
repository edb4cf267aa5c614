-- Удалённые отметки и событие без номера работы. Школа удаляет отметку до события: в ответе
-- school.marks её уже нет.

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
    forecasts = { { student = 1, subject = 1, mark = "3", average = 3.2, failing = false } },
  }
end

local function deleted(previous, date, work)
  return { kind = "mark.deleted", date = "2026-11-20", student = 1, subject = 1, class = "5А",
           work = work, work_date = date, previous = previous }
end

return spec {
  school = school { mark("4", "2026-11-10", 8) },
  cases = {
    {
      name = "удалили ошибочную двойку — серии нет, пометка снимается",
      school = school { mark("4", "2026-11-10", 8), mark("2", "2026-11-16", 9) },
      event = deleted("2", "2026-11-18", 10),
      expect = { { kind = "unflag", student = 1, subject = 1 } },
    },
    {
      name = "удалили четвёрку между двойками — серия возникла, сигнал",
      school = school { mark("2", "2026-11-10", 8), mark("2", "2026-11-18", 10) },
      event = deleted("4", "2026-11-16", 9),
      expect = function(effects)
        assert(#effects == 3, "пометка и два сообщения, получено " .. #effects)
        assert(effects[1].kind == "flag", "сначала пометка")
        assert(effects[3].text:find("Последняя отметка — «2» от 18.11.2026.", 1, true), effects[3].text)
      end,
    },
    {
      name = "удалили четвёрку, серия была и раньше — сигнал не повторяется",
      school = school { mark("2", "2026-11-10", 8), mark("2", "2026-11-16", 9), mark("2", "2026-11-18", 10) },
      event = deleted("4", "2026-11-06", 7),
      expect = {},
    },
    {
      name = "удалили четвёрку без двоек в периоде — ничего",
      school = school { mark("4", "2026-11-10", 8) },
      event = deleted("4", "2026-11-16", 9),
      expect = {},
    },
    {
      name = "событие без номера работы: отметка из ответа школы не считается дважды",
      school = school { mark("4", "2026-11-10", 8), mark("2", "2026-11-18", 10) },
      event = { kind = "mark.entered", date = "2026-11-18", student = 1, subject = 1, class = "5А",
                work_date = "2026-11-18", value = "2" },
      expect = {},
    },
  },
}
