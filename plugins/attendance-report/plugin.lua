-- Ежемесячный отчёт о пропусках: в начале месяца — ученики каждого класса, пропустившие за
-- прошлый месяц больше установленной доли уроков (учёт посещаемости, R4), для социального
-- педагога. Отчёт за месяц пересобирается целиком, если его строят повторно.
return plugin {
  id = "attendance-report",
  title = { ru = "Отчёт о пропусках за месяц", en = "Monthly attendance report" },
  description = {
    ru = "В начале месяца строит для социального педагога отчёт за прошлый месяц: по классам — "
      .. "ученики, пропустившие больше заданной доли уроков.",
    en = "At the start of a month builds, for the social pedagogue, last month's report of the "
      .. "students in each class who missed more than a set share of lessons.",
  },
  version = "1.0.0",
  api = 1,
  events = { "tick.daily" },
  capabilities = { "attendance.read", "reports.write", "notify.staff" },
  config = {
    day = {
      type = "integer", min = 1, max = 28, default = 1,
      title = { ru = "День месяца, когда строить отчёт", en = "Day of the month to build the report" },
    },
    share = {
      type = "number", min = 0, max = 1, default = 0.3,
      title = { ru = "Доля пропущенных уроков, выше которой ученик в отчёте",
                en = "Share of missed lessons above which a student is listed" },
    },
  },
  -- Пропустить больше всех уроков нельзя: при доле 1 отчёт всегда пуст.
  check = function(config)
    if config.share >= 1 then
      return "Доля пропусков должна быть меньше 1 (например, 0.3 — больше 30 % уроков)"
    end
  end,
}
