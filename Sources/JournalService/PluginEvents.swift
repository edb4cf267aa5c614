import Foundation
import JournalModel
import JournalPlugins
import JournalRules
import JournalStore
import LuaRuntime

/// Turns entries of the event log (the audit log) into the domain events plugins receive:
/// a mark entered, changed or deleted, attendance recorded, a lesson recorded, homework set,
/// a period mark set, a survey closed. Reads what an event names beside the row (the
/// subject, the class, the work's day) once per batch.
final class PluginEventTranslator {
    let reader: StoreReader
    let timeZone: String
    let codes: AttendanceCodes

    private var works: [Int64: (assignment: Int64, date: String)?] = [:]
    private var lessons: [Int64: (assignment: Int64, date: String)?] = [:]
    private var assignments: [Int64: (subject: Int64, teacher: Int64, className: String?)?] = [:]
    private var studentClasses: [Int64: String?] = [:]
    /// Each entry's rows before and after, decoded once.
    private var rows: [Int64: (before: [String: Any]?, after: [String: Any]?)] = [:]

    private func decoded(_ entry: AuditEntry) -> (before: [String: Any]?, after: [String: Any]?) {
        if let id = entry.id, let cached = rows[id] { return cached }
        let pair = (Self.object(entry.before), Self.object(entry.after))
        if let id = entry.id { rows[id] = pair }
        return pair
    }

    init(reader: StoreReader, timeZone: String, codes: AttendanceCodes) {
        self.reader = reader
        self.timeZone = timeZone
        self.codes = codes
    }

    /// The audit log's tables whose changes make the events of `kinds`.
    static func entities(for kinds: [PluginEventKind]) -> Set<String> {
        Set(
            kinds.compactMap { kind in
                switch kind {
                case .markEntered, .markChanged, .markDeleted: "mark"
                case .attendanceRecorded: "attendance"
                case .lessonRecorded, .homeworkSet: "lesson"
                case .periodMarkSet: "attestationMark"
                case .surveyClosed: "survey"
                default: nil
                }
            })
    }

    /// Reads at once what the entries' events will name: their works' days and assignments,
    /// and their students' classes.
    func prefetch(_ entries: [AuditEntry]) throws {
        var workIDs: Set<Int64> = []
        var studentIDs: Set<Int64> = []
        for entry in entries where entry.entity == "mark" || entry.entity == "attendance" {
            if let student = entry.studentID?.rawValue { studentIDs.insert(student) }
            let (before, after) = decoded(entry)
            if entry.entity == "mark", let row = after ?? before,
                let work = Self.integer(row["workID"])
            {
                workIDs.insert(work)
            }
        }
        let facts = try reader.pluginFacts(works: Array(workIDs), students: Array(studentIDs))
        for (id, work) in facts.works { works[id] = (work.assignment, work.date) }
        for (id, assignment) in facts.assignments { assignments[id] = assignment }
        for (id, name) in facts.classes { studentClasses[id] = name }
    }

    func events(_ entry: AuditEntry) throws -> [PluginEvent] {
        let (before, after) = decoded(entry)
        defer { if let id = entry.id { rows[id] = nil } }
        let row = after ?? before ?? [:]
        let date = JournalService.localDate(of: entry.at, timeZone: timeZone)
        func event(_ kind: PluginEventKind, _ fields: [String: LuaValue]) -> PluginEvent {
            PluginEvent(id: entry.id ?? 0, kind: kind, at: entry.at, date: date, fields: fields)
        }
        switch entry.entity {
        case "mark":
            let value = after?["value"] as? String
            let previous = before?["value"] as? String
            let kind: PluginEventKind
            switch entry.action {
            case .insert:
                guard value != nil else { return [] }
                kind = .markEntered
            case .update:
                guard value != previous else { return [] }
                kind = value == nil ? .markDeleted : (previous == nil ? .markEntered : .markChanged)
            case .delete:
                guard previous != nil else { return [] }
                kind = .markDeleted
            }
            guard let student = Self.integer(row["studentID"]), let workID = Self.integer(row["workID"]) else {
                return []
            }
            var fields: [String: LuaValue] = ["student": .integer(student), "mark": .integer(entry.entityID)]
            fields["value"] = value.map(LuaValue.string) ?? .nil
            fields["previous"] = previous.map(LuaValue.string) ?? .nil
            fields["work"] = .integer(workID)
            if let work = try work(workID) {
                fields["work_date"] = .string(work.date)
                try describe(assignment: work.assignment, into: &fields)
            }
            try describe(student: student, into: &fields)
            return [event(kind, fields)]
        case "attendance":
            guard entry.action != .delete, let code = after?["code"] as? String,
                let student = Self.integer(row["studentID"]), let lessonID = Self.integer(row["lessonID"])
            else { return [] }
            if entry.action == .update, before?["code"] as? String == code { return [] }
            var fields: [String: LuaValue] = [
                "student": .integer(student), "lesson": .integer(lessonID), "code": .string(code),
                "absent": .boolean(codes[code]?.absent ?? false),
                "excused": .boolean(codes[code]?.excused ?? false),
            ]
            if let lesson = try lesson(lessonID) {
                fields["lesson_date"] = .string(lesson.date)
                try describe(assignment: lesson.assignment, into: &fields)
            }
            try describe(student: student, into: &fields)
            return [event(.attendanceRecorded, fields)]
        case "lesson":
            guard let after, let assignment = Self.integer(after["assignmentID"]) else { return [] }
            var fields: [String: LuaValue] = [
                "lesson": .integer(entry.entityID), "lesson_date": .string(after["date"] as? String ?? ""),
            ]
            try describe(assignment: assignment, into: &fields)
            var events: [PluginEvent] = []
            let topic = after["topic"] as? String
            if after["recordedAt"] is String, before?["recordedAt"] == nil || before?["topic"] as? String != topic {
                var recorded = fields
                recorded["topic"] = topic.map(LuaValue.string) ?? .nil
                events.append(event(.lessonRecorded, recorded))
            }
            if let homework = after["homework"] as? String, !homework.isEmpty,
                before?["homework"] as? String != homework
            {
                var set = fields
                set["text"] = .string(homework)
                events.append(event(.homeworkSet, set))
            }
            return events
        case "attestationMark":
            guard let after, let value = after["value"] as? String, before?["value"] as? String != value,
                let student = Self.integer(after["studentID"]), let subject = Self.integer(after["subjectID"])
            else { return [] }
            var fields: [String: LuaValue] = [
                "student": .integer(student), "subject": .integer(subject), "value": .string(value),
                "period": .string(after["period"] as? String ?? ""),
                "attestation": .string(after["kind"] as? String ?? ""),
            ]
            try describe(student: student, into: &fields)
            return [event(.periodMarkSet, fields)]
        case "survey":
            guard after?["status"] as? String == "closed", before?["status"] as? String != "closed" else { return [] }
            return [
                event(
                    .surveyClosed,
                    ["survey": .integer(entry.entityID), "title": .string(after?["title"] as? String ?? "")])
            ]
        default:
            return []
        }
    }

    private func work(_ id: Int64) throws -> (assignment: Int64, date: String)? {
        if let cached = works[id] { return cached }
        let found = try reader.pluginDay(ofWork: id)
        works[id] = found
        return found
    }

    private func lesson(_ id: Int64) throws -> (assignment: Int64, date: String)? {
        if let cached = lessons[id] { return cached }
        let found = try reader.pluginDay(ofLesson: id)
        lessons[id] = found
        return found
    }

    private func describe(assignment id: Int64, into fields: inout [String: LuaValue]) throws {
        if assignments[id] == nil { assignments[id] = try reader.pluginAssignment(id) }
        guard let found = assignments[id] ?? nil else { return }
        fields["subject"] = .integer(found.subject)
        fields["teacher"] = .integer(found.teacher)
        if let className = found.className, fields["class"] == nil { fields["class"] = .string(className) }
    }

    private func describe(student id: Int64, into fields: inout [String: LuaValue]) throws {
        if studentClasses[id] == nil { studentClasses[id] = try reader.className(student: id) }
        if let name = studentClasses[id] ?? nil { fields["class"] = .string(name) }
    }

    static func object(_ json: String?) -> [String: Any]? {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return nil
        }
        return object
    }

    static func integer(_ value: Any?) -> Int64? {
        if let number = value as? NSNumber { return number.int64Value }
        if let number = value as? Int64 { return number }
        if let number = value as? Int { return Int64(number) }
        return nil
    }
}
