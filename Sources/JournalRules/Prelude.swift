import LuaRuntime

/// The constructors rule scripts start with: `return scale { ... }`. Each checks that it got
/// a table and tags it with its kind; the engine then checks every field.
enum Prelude {
    static let kinds = ["scale", "subjects", "work_types", "attendance_codes", "calendar", "roles", "exams"]

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
            local library = {
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
            return library
            """)
}
