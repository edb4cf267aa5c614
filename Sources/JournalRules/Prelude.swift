import LuaRuntime

/// The constructors rule scripts start with: `return scale { ... }`. Each checks that it got
/// a table and tags it with its kind; the engine then checks every field.
enum Prelude {
    static let kinds = [
        "scale", "subjects", "work_types", "attendance_codes", "calendar", "roles", "exams", "deadlines",
        "notifications", "health_flags",
    ]

    static let script = LuaScript(
        name: "(rules prelude)",
        source: """
            local function constructor(kind)
              return function(spec)
                if type(spec) ~= "table" then
                  error(kind .. " { ... } expects a table of fields, got " .. type(spec), 2)
                end
                spec.kind = kind
                return spec
              end
            end
            -- Days counted as in the proleptic Gregorian calendar (H. Hinnant's algorithms).
            local function days_from_civil(y, m, d)
              if m <= 2 then y = y - 1 end
              local era = (y >= 0 and y or y - 399) // 400
              local yoe = y - era * 400
              local doy = (153 * ((m + 9) % 12) + 2) // 5 + d - 1
              return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
            end
            local function civil_from_days(z)
              z = z + 719468
              local era = (z >= 0 and z or z - 146096) // 146097
              local doe = z - era * 146097
              local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
              local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
              local mp = (5 * doy + 2) // 153
              local m = mp < 10 and mp + 3 or mp - 9
              return yoe + era * 400 + (m <= 2 and 1 or 0), m, doy - (153 * mp + 2) // 5 + 1
            end
            local library = {
              -- add_days("2026-11-20", 7) → "2026-11-27".
              add_days = function(date, days)
                local y, m, d = string.match(tostring(date), "^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
                if not y or math.type(days) ~= "integer" then
                  error("add_days(date, days) expects a date YYYY-MM-DD and a whole number of days, got "
                    .. tostring(date) .. " and " .. tostring(days), 2)
                end
                local day = days_from_civil(tonumber(y), tonumber(m), tonumber(d))
                local cy, cm, cd = civil_from_days(day)
                if cy ~= tonumber(y) or cm ~= tonumber(m) or cd ~= tonumber(d) then
                  error("add_days: " .. date .. " is not a day of the calendar", 2)
                end
                local ny, nm, nd = civil_from_days(day + days)
                return string.format("%04d-%02d-%02d", ny, nm, nd)
              end,
              -- add_minutes("14:05", 120) → "16:05", never past 23:59 of the same day.
              add_minutes = function(time, minutes)
                local h, m = string.match(tostring(time), "^(%d%d):(%d%d)$")
                if not h or math.type(minutes) ~= "integer" then
                  error("add_minutes(time, minutes) expects a time HH:MM and a whole number of minutes, got "
                    .. tostring(time) .. " and " .. tostring(minutes), 2)
                end
                local total = math.max(0, math.min(tonumber(h) * 60 + tonumber(m) + minutes, 23 * 60 + 59))
                return string.format("%02d:%02d", total // 60, total % 60)
              end,
              -- can(user, capability, object): whether the person may, by the school's rights.
              -- user: a person as conditions see it, or an account id; object: { kind = "student",
              -- id = 12 } or "student:12".
              can = function(user, capability, object)
                local account = user
                if type(user) == "table" then account = user.account end
                local reference = object
                if type(object) == "table" then
                  reference = tostring(object.kind) .. (object.id and (":" .. math.tointeger(object.id)) or "")
                end
                return __can(account, capability, reference)
              end,
              -- all_in(list, set_list): every value of the first list is in the second.
              all_in = function(values, allowed)
                if type(values) ~= "table" or #values == 0 then return false end
                local set = {}
                for _, value in ipairs(allowed or {}) do set[value] = true end
                for _, value in ipairs(values) do
                  if not set[value] then return false end
                end
                return true
              end,
            }
            for _, kind in ipairs({ \(kinds.map { "\"\($0)\"" }.joined(separator: ", ")) }) do
              library[kind] = constructor(kind)
            end
            -- A survey's question conditions, gathered by question id so the engine can call
            -- each one by name: show_functions.<id>(answers, respondent).
            library.survey = function(spec)
              local survey = constructor("survey")(spec)
              local show = {}
              if type(spec.questions) == "table" then
                for _, question in ipairs(spec.questions) do
                  if type(question) == "table" and type(question.show) == "function" and question.id ~= nil then
                    show[tostring(question.id)] = question.show
                  end
                end
              end
              survey.show_functions = show
              return survey
            end
            return library
            """)
}
