public import Foundation
public import JournalModel
import Localization
public import LuaRuntime

/// One domain event as a plugin's handler receives it: its kind, when it happened (the only
/// time a handler knows) and its fields (`student`, `subject`, `value`, …).
public struct PluginEvent: Sendable, Hashable {
    /// The event log's position of the change, or for a tick the day's number.
    public var id: Int64
    public var kind: PluginEventKind
    public var at: Date
    /// The school's day of the event.
    public var date: LocalDate
    public var fields: [String: LuaValue]

    public init(id: Int64, kind: PluginEventKind, at: Date, date: LocalDate, fields: [String: LuaValue] = [:]) {
        self.id = id
        self.kind = kind
        self.at = at
        self.date = date
        self.fields = fields
    }

    /// The student the event is about, whom the plugin may name in its effects.
    public var student: Int64? { fields["student"]?.integerValue }

    public var lua: LuaValue {
        var map = fields
        map["id"] = .integer(id)
        map["kind"] = .string(kind.rawValue)
        map["at"] = .string(Self.iso8601(at))
        map["date"] = .string(date.description)
        return .map(map)
    }

    /// `2026-11-20T09:30:00Z`: the instant in UTC to the second, without a formatter per call.
    static func iso8601(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let inDay = seconds - day.dayNumber * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(day)T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }

    /// An event a spec feeds: `{ kind = "mark.entered", date = "2026-11-20", student = 1, … }`.
    public init(spec value: LuaValue, id: Int64) throws {
        guard let kindName = value["kind"].stringValue, let kind = PluginEventKind(rawValue: kindName) else {
            throw JournalError.invalid(
                field: "event.kind",
                message: .init(
                    "plugin.manifest.unknown_event",
                    [
                        "event": value["kind"].stringValue ?? "",
                        "known": PluginEventKind.allCases.map(\.rawValue)
                            .joined(separator: ", "),
                    ]))
        }
        guard let dateText = value["date"].stringValue, let date = LocalDate(dateText) else {
            throw JournalError.invalid(field: "event.date", message: .init("plugin.spec.event_date"))
        }
        var fields = value.mapValue ?? [:]
        for key in ["kind", "date", "id", "at"] { fields[key] = nil }
        let noon = Calendar(identifier: .gregorian).date(
            from: DateComponents(
                timeZone: TimeZone(identifier: "UTC"), year: date.year, month: date.month, day: date.day, hour: 12))
        self.init(id: id, kind: kind, at: noon ?? Date(timeIntervalSince1970: 0), date: date, fields: fields)
    }
}

/// Whom a staff notification or task goes to.
public enum PluginStaffTarget: Sendable, Hashable, CustomStringConvertible {
    /// The class teacher of the effect's student.
    case classTeacher
    /// The teacher the event names (`event.teacher`): of the lesson, the work, the missed deadline.
    case teacher(Int64)
    /// Everyone holding a role (`role:psychologist`).
    case role(String)

    public var description: String {
        switch self {
        case .classTeacher: "class_teacher"
        case .teacher(let id): "teacher:\(id)"
        case .role(let role): "role:\(role)"
        }
    }
}

/// What a handler asks the core to do. The core checks each against the plugin's declared
/// capabilities and the students it has seen, then applies them in one audited transaction.
public enum PluginEffect: Sendable, Hashable {
    case notifyFamily(student: Int64, text: String)
    case notifyStaff(to: PluginStaffTarget, student: Int64?, text: String)
    case flag(student: Int64, subject: Int64?, text: String)
    case unflag(student: Int64, subject: Int64?)
    case task(to: PluginStaffTarget, student: Int64?, text: String, due: LocalDate?)
    case report(name: String, title: String, period: String, columns: [String], rows: [[String]])

    public var kind: String {
        switch self {
        case .notifyFamily, .notifyStaff: "notify"
        case .flag: "flag"
        case .unflag: "unflag"
        case .task: "task"
        case .report: "report"
        }
    }

    public var student: Int64? {
        switch self {
        case .notifyFamily(let student, _), .flag(let student, _, _), .unflag(let student, _): student
        case .notifyStaff(_, let student, _), .task(_, let student, _, _): student
        case .report: nil
        }
    }

    static let maximumText = 1000
    static let maximumRows = 5000
    static let maximumColumns = 30
    static let kinds = ["notify", "flag", "unflag", "task", "report"]

    /// Reads one effect a handler returned. `seen` holds the students the plugin may name.
    /// `teacher` is the member of staff the event names, whom `to = "teacher"` reaches.
    static func parse(
        _ value: LuaValue, index: Int, granted: Set<PluginCapability>, seen: Set<Int64>, teacher: Int64? = nil
    ) throws -> PluginEffect {
        func fail(_ key: String, _ values: [String: String] = [:]) -> PluginEffectProblem {
            PluginEffectProblem(index: index, message: .init(key, values))
        }
        func need(_ capability: PluginCapability) throws {
            guard granted.contains(capability) else {
                throw fail("plugin.effect.capability", ["capability": capability.rawValue])
            }
        }
        func text() throws -> String {
            guard let text = value["text"].stringValue, !text.isEmpty, text.count <= maximumText else {
                throw fail("plugin.effect.text", ["max": String(maximumText)])
            }
            return text
        }
        func student(required: Bool) throws -> Int64? {
            let raw = value["student"]
            guard !raw.isNil else {
                if required { throw fail("plugin.effect.student_missing") }
                return nil
            }
            guard let id = raw.integerValue else { throw fail("plugin.effect.student_missing") }
            guard seen.contains(id) else { throw fail("plugin.effect.student_unseen", ["student": String(id)]) }
            return id
        }
        func subject() throws -> Int64? {
            let raw = value["subject"]
            guard !raw.isNil else { return nil }
            guard let id = raw.integerValue else { throw fail("plugin.effect.subject") }
            return id
        }
        func staff() throws -> PluginStaffTarget {
            let to = value["to"].stringValue ?? ""
            if to == "class_teacher" { return .classTeacher }
            if to == "teacher" {
                guard let teacher else { throw fail("plugin.effect.no_teacher") }
                return .teacher(teacher)
            }
            if to.hasPrefix("role:"), let role = Role(rawValue: String(to.dropFirst(5))), role != .student,
                role != .parent
            {
                return .role(role.rawValue)
            }
            throw fail(
                "plugin.effect.to",
                [
                    "roles": Role.allCases.filter { $0 != .student && $0 != .parent }.map(\.rawValue).joined(
                        separator: ", ")
                ])
        }
        guard value.mapValue != nil, let kind = value["kind"].stringValue else {
            throw fail("plugin.effect.not_a_table", ["known": kinds.joined(separator: ", ")])
        }
        switch kind {
        case "notify":
            if value["to"].stringValue == "family" {
                try need(.notifyFamily)
                return .notifyFamily(student: try student(required: true)!, text: try text())
            }
            let target = try staff()
            try need(.notifyStaff)
            let about = try student(required: target == .classTeacher)
            return .notifyStaff(to: target, student: about, text: try text())
        case "flag":
            try need(.flagsWrite)
            return .flag(student: try student(required: true)!, subject: try subject(), text: try text())
        case "unflag":
            try need(.flagsWrite)
            return .unflag(student: try student(required: true)!, subject: try subject())
        case "task":
            try need(.tasksWrite)
            let target = try staff()
            let about = try student(required: target == .classTeacher)
            var due: LocalDate?
            if !value["due"].isNil {
                let raw = value["due"]
                guard let date = raw.stringValue.flatMap(LocalDate.init) else { throw fail("plugin.effect.due") }
                due = date
            }
            return .task(to: target, student: about, text: try text(), due: due)
        case "report":
            try need(.reportsWrite)
            guard let name = value["report"].stringValue, PluginID.isValid(name) else {
                throw fail("plugin.effect.report_name")
            }
            guard let title = value["title"].stringValue, !title.isEmpty, title.count <= 200 else {
                throw fail("plugin.effect.report_title")
            }
            guard let period = value["period"].stringValue, !period.isEmpty, period.count <= 40 else {
                throw fail("plugin.effect.report_period")
            }
            guard let columns = value["columns"].arrayValue?.compactMap(\.cellText), !columns.isEmpty,
                columns.count <= maximumColumns
            else { throw fail("plugin.effect.report_columns", ["max": String(maximumColumns)]) }
            guard let rawRows = value["rows"].arrayValue, rawRows.count <= maximumRows else {
                throw fail("plugin.effect.report_rows", ["max": String(maximumRows)])
            }
            let rows = try rawRows.map { row -> [String] in
                guard let cells = row.arrayValue?.map({ $0.cellText ?? "" }), cells.count == columns.count else {
                    throw fail("plugin.effect.report_row", ["columns": String(columns.count)])
                }
                return cells
            }
            return .report(name: name, title: title, period: period, columns: columns, rows: rows)
        default:
            throw fail("plugin.effect.unknown_kind", ["kind": kind, "known": kinds.joined(separator: ", ")])
        }
    }
}

/// An effect the core refused: which one (from 1) and why.
public struct PluginEffectProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var message: JournalError.Message
    public var description: String { "effect \(index): \(message.text(.en))" }
}

extension LuaValue {
    /// A report cell: strings as they are, numbers printed, booleans as да/нет.
    var cellText: String? {
        switch self {
        case .string(let text): String(text.prefix(500))
        case .integer(let number): String(number)
        case .number(let number):
            if let whole = Int64(exactly: number) {
                String(whole)
            } else if number.isFinite {
                String(format: "%.2f", number)
            } else {
                number.isNaN ? "nan" : (number > 0 ? "inf" : "-inf")
            }
        case .boolean(let flag): flag ? "да" : "нет"
        default: nil
        }
    }
}
