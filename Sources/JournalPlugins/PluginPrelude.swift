import JournalModel
import LuaRuntime

/// The globals a plugin's scripts start from: the `plugin { … }` and `spec { … }`
/// constructors, and `school.*`, the capability-scoped view of the school.
enum PluginPrelude {
    static let script = LuaScript(
        name: "(plugin prelude)",
        source: """
            local function constructor(kind)
              return function(fields)
                if type(fields) ~= "table" then
                  error(kind .. " { ... } expects a table of fields, got " .. type(fields), 2)
                end
                fields.kind = kind
                return fields
              end
            end
            return { plugin = constructor("plugin"), spec = constructor("spec") }
            """)

    /// `source` run as a function whose result is kept as `name`, on the script's own first
    /// line (no line is added, so errors keep their line numbers), with a dispatcher that
    /// passes the handlers `school`.
    static func wrap(_ source: String, as name: String) -> String {
        "local __body = (function() " + source + "\nend)() "
            + """
            return { \(name) = __body, dispatch = function(kind, event, config)
              local handler = __body[kind]
              if handler == nil then return nil end
              return handler(event, school, config)
            end, expect = function(index, effects)
              local case = __body.cases[index]
              return case.expect(effects)
            end }
            """
    }

    /// Registers `school.*` on a state; each function reads through `context`'s view after
    /// checking the capability it needs.
    static func install(on state: LuaState, context: CallContext) {
        func function(
            _ name: String, _ capability: PluginCapability?,
            _ body: @escaping (any PluginSchool, [LuaValue]) throws -> LuaValue
        ) {
            state.register(name, in: "school") { arguments in
                guard let school = context.school else {
                    throw LuaScriptError("school.\(name) can be used only inside a handler")
                }
                if let capability, !context.granted.contains(capability) {
                    throw LuaScriptError(
                        "school.\(name) needs the capability \(capability.rawValue), which the plugin's manifest "
                            + "does not declare or the school does not grant")
                }
                return try body(school, arguments)
            }
        }
        func noteStudents(_ values: [LuaValue], key: String) -> [LuaValue] {
            for value in values { if let id = value[key].integerValue { context.seen.insert(id) } }
            return values
        }
        function("student", .studentsRead) { school, arguments in
            let id = try integer(arguments.first, "school.student(id)")
            let student = try school.student(id)
            if !student.isNil { context.seen.insert(id) }
            return student
        }
        function("students", .studentsRead) { school, arguments in
            .array(noteStudents(try school.students(className: arguments.first?["class"].stringValue), key: "id"))
        }
        function("classes", .studentsRead) { school, _ in .array(try school.classes()) }
        function("subject", nil) { school, arguments in
            try school.subject(try integer(arguments.first, "school.subject(id)"))
        }
        function("marks", .marksRead) { school, arguments in
            let query = arguments.first ?? .nil
            return .array(
                try school.marks(
                    student: try integer(query["student"], "school.marks{ student = id, subject = id }"),
                    subject: try integer(query["subject"], "school.marks{ student = id, subject = id }"),
                    from: try date(query["from"]), to: try date(query["to"])))
        }
        function("forecast", .marksRead) { school, arguments in
            let query = arguments.first ?? .nil
            return try school.forecast(
                student: try integer(query["student"], "school.forecast{ student = id, subject = id }"),
                subject: try integer(query["subject"], "school.forecast{ student = id, subject = id }"))
        }
        function("absences", .attendanceRead) { school, arguments in
            let query = arguments.first ?? .nil
            return .array(
                try school.absences(
                    student: try integer(query["student"], "school.absences{ student = id, from = …, to = … }"),
                    from: try date(query["from"]), to: try date(query["to"])))
        }
        function("attendance", .attendanceRead) { school, arguments in
            let query = arguments.first ?? .nil
            let usage = "school.attendance{ from = \"YYYY-MM-DD\", to = \"YYYY-MM-DD\", class = … }"
            guard let from = try date(query["from"]), let to = try date(query["to"]), from <= to,
                to.dayNumber - from.dayNumber <= 400
            else { throw LuaScriptError("\(usage) needs both days, from ≤ to, at most 400 days apart") }
            let lines = try school.attendance(from: from, to: to, className: query["class"].stringValue)
            // Names, and the right to name these students in effects, come with students.read.
            guard context.granted.contains(.studentsRead) else {
                return .array(lines.map { line in .map((line.mapValue ?? [:]).filter { $0.key != "name" }) })
            }
            return .array(noteStudents(lines, key: "student"))
        }
        function("date", nil) { _, arguments in
            guard let day = arguments.first?.stringValue.flatMap(LocalDate.init),
                let days = arguments.dropFirst().first?.integerValue, abs(days) <= 100_000
            else { throw LuaScriptError("school.date(\"YYYY-MM-DD\", days) takes a day and a whole number of days") }
            return .string(day.adding(days: Int(days)).description)
        }
        function("weekday", nil) { _, arguments in
            guard let day = arguments.first?.stringValue.flatMap(LocalDate.init) else {
                throw LuaScriptError("school.weekday(\"YYYY-MM-DD\") takes a day")
            }
            return .integer(Int64(day.weekday))
        }
    }

    private static func integer(_ value: LuaValue?, _ usage: String) throws -> Int64 {
        guard let number = value?.integerValue else { throw LuaScriptError("\(usage) needs a whole number id") }
        return number
    }

    private static func date(_ value: LuaValue?) throws -> LocalDate? {
        guard let value, !value.isNil else { return nil }
        guard let day = value.stringValue.flatMap(LocalDate.init) else {
            throw LuaScriptError("a day is written \"YYYY-MM-DD\", not \(value.json)")
        }
        return day
    }
}
