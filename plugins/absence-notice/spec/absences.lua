-- Пропуски уроков: письмо семье в день пропуска, сигнал социальному педагогу на третьем
-- пропуске без уважительной причины за неделю. Неделя 16.11.2026 (понедельник) – 22.11.2026.

local ivanov = { id = 1, name = "Иванов Иван", class = "5А", grade = 5 }
local subjects = { { id = 1, name = "Математика" }, { id = 2, name = "Русский язык" } }

local function absence(date, lesson, subject, code)
  local excused = code == "Б" or code == "УП"
  return { student = 1, date = date, lesson = lesson, subject = subject, code = code or "Н", excused = excused }
end

local function school(absences)
  return { students = { ivanov }, subjects = subjects, absences = absences }
end

local function recorded(date, lesson, subject, code)
  code = code or "Н"
  return {
    kind = "attendance.recorded", date = date, student = 1, subject = subject, class = "5А",
    lesson = lesson, lesson_date = date, code = code,
    absent = code ~= "ОП", excused = code == "Б" or code == "УП",
  }
end

-- Три пропуска без уважительной причины за неделю, последний — 18.11.2026.
local three = {
  absence("2026-11-16", 101, 2), absence("2026-11-17", 102, 1), absence("2026-11-18", 103, 1),
}

return spec {
  school = school { absence("2026-11-18", 103, 1) },
  cases = {
    {
      name = "пропуск без уважительной причины — письмо семье",
      event = recorded("2026-11-18", 103, 1),
      expect = { { kind = "notify", to = "family", student = 1 } },
    },
    {
      name = "письмо называет предмет и дату урока",
      event = recorded("2026-11-18", 103, 1),
      expect = function(effects)
        assert(#effects == 1, "одно письмо, получено " .. #effects)
        local text = effects[1].text
        assert(text:find("В журнале отмечено отсутствие на уроке «Математика» 18.11.2026 без уважительной причины",
          1, true), text)
        assert(text:find("Иванов Иван (5А)", 1, true), "письмо называет ученика")
      end,
    },
    {
      name = "болезнь (Б) — уважительная, ничего не делаем",
      school = school { absence("2026-11-18", 103, 1, "Б") },
      event = recorded("2026-11-18", 103, 1, "Б"),
      expect = {},
    },
    {
      name = "уважительная причина (УП) — ничего не делаем",
      school = school { absence("2026-11-18", 103, 1, "УП") },
      event = recorded("2026-11-18", 103, 1, "УП"),
      expect = {},
    },
    {
      name = "опоздание (ОП) — не пропуск",
      school = school {},
      event = recorded("2026-11-18", 103, 1, "ОП"),
      expect = {},
    },
    {
      name = "третий пропуск за неделю — семье, социальному педагогу и задача",
      school = school(three),
      event = recorded("2026-11-18", 103, 1),
      expect = {
        { kind = "notify", to = "family", student = 1 },
        { kind = "notify", to = "role:psychologist", student = 1 },
        { kind = "task", to = "role:psychologist", student = 1, due = "2026-11-21" },
      },
    },
    {
      name = "сигнал социальному педагогу перечисляет пропуски недели",
      school = school(three),
      event = recorded("2026-11-18", 103, 1),
      expect = function(effects)
        local text = effects[2] and effects[2].text or ""
        assert(text:find("3 пропуска уроков без уважительной причины за неделю 16.11.2026–22.11.2026", 1, true), text)
        assert(text:find("16.11.2026 «Русский язык», 17.11.2026 «Математика», 18.11.2026 «Математика»", 1, true), text)
      end,
    },
    {
      name = "четвёртый пропуск той же недели сигнал не повторяет",
      school = school {
        absence("2026-11-16", 101, 2), absence("2026-11-17", 102, 1), absence("2026-11-18", 103, 1),
        absence("2026-11-19", 104, 2),
      },
      event = recorded("2026-11-19", 104, 2),
      expect = { { kind = "notify", to = "family" } },
    },
    {
      name = "три пропуска отмечены разом: на первом по порядку — только письмо семье",
      school = school(three),
      event = recorded("2026-11-16", 101, 2),
      expect = { { kind = "notify", to = "family" } },
    },
    {
      name = "три пропуска отмечены разом: сигнал на третьем по порядку, даже если он внесён первым",
      school = school(three),
      event = recorded("2026-11-18", 103, 1),
      expect = { { kind = "notify", to = "family" }, { kind = "notify", to = "role:psychologist" },
                 { kind = "task", to = "role:psychologist" } },
    },
    {
      name = "уважительный пропуск в счёт не идёт",
      school = school {
        absence("2026-11-16", 101, 2, "Б"), absence("2026-11-17", 102, 1), absence("2026-11-18", 103, 1),
      },
      event = recorded("2026-11-18", 103, 1),
      expect = { { kind = "notify", to = "family" } },
    },
    {
      name = "воскресенье и понедельник — разные недели",
      -- 15.11 — воскресенье прошлой недели; на неделе 16–22.11 пропусков два, сигнала нет.
      school = school {
        absence("2026-11-15", 100, 2), absence("2026-11-16", 101, 2), absence("2026-11-17", 102, 1),
      },
      event = recorded("2026-11-17", 102, 1),
      expect = { { kind = "notify", to = "family" } },
    },
    {
      name = "один урок, отмеченный дважды, — один пропуск",
      school = school {
        absence("2026-11-17", 102, 1), absence("2026-11-18", 103, 1), absence("2026-11-18", 103, 1),
      },
      event = recorded("2026-11-18", 103, 1),
      expect = { { kind = "notify", to = "family" } },
    },
    {
      name = "по настройке сигнал на втором пропуске, задача на следующий день",
      config = { per_week = 2, task_days = 1 },
      school = school { absence("2026-11-17", 102, 1), absence("2026-11-18", 103, 1) },
      event = recorded("2026-11-18", 103, 1),
      expect = {
        { kind = "notify", to = "family" },
        { kind = "notify", to = "role:psychologist" },
        { kind = "task", to = "role:psychologist", due = "2026-11-19" },
      },
    },
    {
      name = "семье не сообщать: первый пропуск — ничего",
      config = { tell_family = false },
      event = recorded("2026-11-18", 103, 1),
      expect = {},
    },
    {
      name = "семье не сообщать: третий пропуск — только социальному педагогу",
      config = { tell_family = false },
      school = school(three),
      event = recorded("2026-11-18", 103, 1),
      expect = { { kind = "notify", to = "role:psychologist" }, { kind = "task", to = "role:psychologist" } },
    },
    {
      name = "много пропусков: в сообщении десять, остальные числом",
      config = { per_week = 12 },
      school = school {
        absence("2026-11-16", 101, 1), absence("2026-11-16", 102, 2), absence("2026-11-16", 103, 1),
        absence("2026-11-17", 104, 2), absence("2026-11-17", 105, 1), absence("2026-11-17", 106, 2),
        absence("2026-11-18", 107, 1), absence("2026-11-18", 108, 2), absence("2026-11-18", 109, 1),
        absence("2026-11-19", 110, 2), absence("2026-11-19", 111, 1), absence("2026-11-19", 112, 2),
      },
      event = recorded("2026-11-19", 112, 2),
      expect = function(effects)
        assert(#effects == 3, "письмо, сигнал и задача")
        local text = effects[2].text
        assert(text:find("12 пропусков уроков", 1, true), text)
        assert(text:find("и ещё 2.", 1, true), text)
      end,
    },
  },
}
