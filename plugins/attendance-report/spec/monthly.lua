-- Отчёт о пропусках за месяц: когда строится, за какой месяц, кто в него попадает.

local function row(student, name, class, lessons, missed, unexcused)
  return { student = student, name = name, class = class, lessons = lessons, missed = missed,
           unexcused = unexcused }
end

-- Ноябрь 2026: 35 % и 40 % — в отчёте, ровно 30 % и 5 % — нет.
local november = {
  row(1, "Иванов Иван", "5А", 40, 14, 5),
  row(2, "Петрова Анна", "5А", 40, 12, 0),
  row(3, "Сидоров Пётр", "10А", 50, 20, 20),
  row(4, "Кузнецова Мария", "5Б", 38, 2, 0),
  row(5, "Абрамов Олег", "5А", 40, 16, 16),
}

local function day(date) return { kind = "tick.daily", date = date } end

return spec {
  school = { attendance = november },
  cases = {
    {
      name = "1 декабря — отчёт за ноябрь и сообщение социальному педагогу",
      event = day("2026-12-01"),
      expect = {
        {
          kind = "report", report = "monthly-attendance", period = "2026-11",
          title = "Пропуски уроков за ноябрь 2026 года: более 30 % уроков",
          columns = { "Класс", "Ученик", "Уроков", "Пропущено", "Без уважительной причины", "Доля пропусков, %" },
          rows = {
            { "5А", "Абрамов Олег", "40", "16", "16", "40,0" },
            { "5А", "Иванов Иван", "40", "14", "5", "35,0" },
            { "10А", "Сидоров Пётр", "50", "20", "20", "40,0" },
          },
        },
        { kind = "notify", to = "role:psychologist" },
      },
    },
    {
      name = "сообщение называет отчёт и сколько учеников в нём",
      event = day("2026-12-01"),
      expect = function(effects)
        assert(#effects == 2, "отчёт и сообщение, получено " .. #effects)
        assert(#effects[1].rows == 3, "ровно 30 % — не больше 30 %, Петровой в отчёте нет")
        local text = effects[2].text
        assert(text == "Готов отчёт «Пропуски уроков за ноябрь 2026 года: более 30 % уроков»: в нём 3 ученика из 2 классов.",
          text)
      end,
    },
    {
      name = "в другой день месяца отчёта нет",
      event = day("2026-12-02"),
      expect = {},
    },
    {
      name = "1 января — отчёт за декабрь прошлого года",
      event = day("2027-01-01"),
      expect = {
        { kind = "report", period = "2026-12", title = "Пропуски уроков за декабрь 2026 года: более 30 % уроков" },
        { kind = "notify", to = "role:psychologist" },
      },
    },
    {
      name = "по настройке отчёт строится 5-го числа",
      config = { day = 5 },
      event = day("2026-03-05"),
      expect = { { kind = "report", period = "2026-02" }, { kind = "notify" } },
    },
    {
      name = "по настройке 5-го числа — а 1-го отчёта нет",
      config = { day = 5 },
      event = day("2026-03-01"),
      expect = {},
    },
    {
      name = "доля 25 % — в отчёт попадает и ровно 30 %",
      config = { share = 0.25 },
      event = day("2026-12-01"),
      expect = function(effects)
        local report = effects[1]
        assert(report.title == "Пропуски уроков за ноябрь 2026 года: более 25 % уроков", report.title)
        assert(#report.rows == 4, "четыре ученика, получено " .. #report.rows)
        assert(report.rows[3][2] == "Петрова Анна", "Петрова — третья в 5А")
      end,
    },
    {
      name = "никто не пропустил больше доли — пустой отчёт и сообщение об этом",
      school = { attendance = { row(4, "Кузнецова Мария", "5Б", 38, 2, 0) } },
      event = day("2026-12-01"),
      expect = {
        { kind = "report", period = "2026-11", rows = {} },
        { kind = "notify", to = "role:psychologist",
          text = "Готов отчёт «Пропуски уроков за ноябрь 2026 года: более 30 % уроков»: учеников, пропустивших столько уроков, нет." },
      },
    },
    {
      name = "каникулы: уроков не было — отчёта нет",
      school = { attendance = { row(1, "Иванов Иван", "5А", 0, 0, 0), row(3, "Сидоров Пётр", "10А", 0, 0, 0) } },
      event = day("2026-09-01"),
      expect = {},
    },
  },
}
