import Foundation
import JournalModel
import JournalPlugins
import JournalRules
import JournalStore
import LuaRuntime

/// `school.*` for plugins running in the server: read-only queries over the database. The
/// host has checked the capability before any of them runs; each reads in its own snapshot.
final class PluginSchoolView: PluginSchool {
    let database: JournalDatabase
    let rules: SchoolRules
    /// The day the event happened: the default period of `school.marks` is the one around it.
    var day: LocalDate
    /// The rules' evaluator, held while the handler runs, for the scale's forecast.
    var evaluator: RuleEvaluator?

    init(database: JournalDatabase, rules: SchoolRules, day: LocalDate) {
        self.database = database
        self.rules = rules
        self.day = day
    }

    /// The snapshot a chunk of handler calls reads in, when the runner holds one.
    var snapshot: StoreReader?

    private func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        if let snapshot { return try body(snapshot) }
        return try database.readNow(body)
    }

    // What a run of handlers reads again and again, read once: students with their classes,
    // subjects, and the marks of a student in a subject over a range (the marks and the
    // forecast of one event read the same rows). The view lives for one run of a plugin.
    private var students: [Int64: (Student, SchoolClass?)?] = [:]
    private var subjects: [Int64: Subject?] = [:]
    private var markRows: [MarkKey: [PluginMarkRow]] = [:]

    private struct MarkKey: Hashable {
        var student: Int64
        var subject: Int64
        var range: DateRange
    }

    private func studentWithClass(_ reader: StoreReader, _ id: Int64) throws -> (Student, SchoolClass?)? {
        if let cached = students[id] { return cached }
        let found = try reader.student(StudentID(id)).map { ($0, try reader.schoolClass($0.classID)) }
        students[id] = found
        return found
    }

    private func subjectRow(_ reader: StoreReader, _ id: Int64) throws -> Subject? {
        if let cached = subjects[id] { return cached }
        let found = try reader.subject(SubjectID(id))
        subjects[id] = found
        return found
    }

    private func marks(_ reader: StoreReader, student: Int64, subject: Int64, range: DateRange) throws
        -> [PluginMarkRow]
    {
        let key = MarkKey(student: student, subject: subject, range: range)
        if let cached = markRows[key] { return cached }
        if markRows.count > 10_000 { markRows.removeAll() }
        let rows = try reader.pluginMarks(student: student, subject: subject, range: range)
        markRows[key] = rows
        return rows
    }

    private func describe(_ student: Student, _ schoolClass: SchoolClass?) -> LuaValue {
        var fields: [String: LuaValue] = [
            "id": .integer(student.id!.rawValue), "name": .string(student.name.description),
        ]
        if let schoolClass {
            fields["class"] = .string(schoolClass.name)
            fields["grade"] = .integer(Int64(schoolClass.grade))
        }
        return .map(fields)
    }

    func student(_ id: Int64) throws -> LuaValue {
        try read { reader in
            guard let (student, schoolClass) = try studentWithClass(reader, id) else { return .nil }
            return describe(student, schoolClass)
        }
    }

    func students(className: String?) throws -> [LuaValue] {
        try read { reader in
            guard let year = try reader.currentYear() else { return [] }
            let classes = try reader.classes(year: year.id!).filter { className == nil || $0.name == className }
            let byID = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0) })
            return try reader.students(inClasses: classes.map { $0.id! }).map { describe($0, byID[$0.classID]) }
        }
    }

    func classes() throws -> [LuaValue] {
        try read { reader in
            guard let year = try reader.currentYear() else { return [] }
            return try reader.classes(year: year.id!).map {
                .map(["name": .string($0.name), "grade": .integer(Int64($0.grade))])
            }
        }
    }

    func subject(_ id: Int64) throws -> LuaValue {
        try read { reader in
            guard let subject = try subjectRow(reader, id) else { return .nil }
            return .map(["id": .integer(id), "name": .string(subject.name)])
        }
    }

    /// The study period around the event's day for the student's grade; the year's range
    /// when the calendar has none there (holidays).
    private func defaultRange(_ reader: StoreReader, student: Int64) throws -> (SchoolCalendar.Period?, DateRange) {
        guard let found = try reader.student(StudentID(student)),
            let schoolClass = try reader.schoolClass(found.classID)
        else { return (nil, DateRange(start: day, end: day)) }
        if let period = rules.calendar.period(containing: day, grade: schoolClass.grade) {
            return (period, period.range)
        }
        return (nil, rules.calendar.year)
    }

    func marks(student: Int64, subject: Int64, from: LocalDate?, to: LocalDate?) throws -> [LuaValue] {
        try read { reader in
            let (_, period) = try defaultRange(reader, student: student)
            let range = DateRange(start: from ?? period.start, end: to ?? period.end)
            return try marks(reader, student: student, subject: subject, range: range).map { row in
                let weight = row.weightOverride ?? rules.workTypes[row.workType]?.weight ?? 1
                return .map([
                    "value": .string(row.value), "date": .string(row.date.description), "weight": .number(weight),
                    "work": .integer(row.workID), "type": .string(row.workType), "id": .integer(row.markID),
                ])
            }
        }
    }

    func forecast(student: Int64, subject: Int64) throws -> LuaValue {
        let (period, inputs, scale): (SchoolCalendar.Period?, [MarkInput], Scale?) = try read { reader in
            let (period, range) = try defaultRange(reader, student: student)
            guard let period, let (_, found) = try studentWithClass(reader, student), let schoolClass = found,
                let subjectRow = try subjectRow(reader, subject)
            else { return (nil, [], nil) }
            let inputs = try marks(reader, student: student, subject: subject, range: range).map { row in
                MarkInput(
                    markID: MarkID(row.markID), value: row.value, isDebt: row.isDebt, workType: row.workType,
                    weightOverride: row.weightOverride, date: row.date)
            }
            return (period, inputs, rules.scale(grade: schoolClass.grade, subject: subjectRow.name))
        }
        guard let period, let scale, let evaluator else { return .map(["failing": .boolean(false)]) }
        let weighted = WeightedAverage.compute(inputs, scale: scale, workTypes: rules.workTypes)
        let standing = try evaluator.standing(scale: scale, period: period, weighted: weighted, today: day)
        var fields: [String: LuaValue] = ["failing": .boolean(false)]
        if let mark = standing.forecast {
            fields["mark"] = .string(mark)
            fields["failing"] = .boolean(scale.isPassing(mark) == false)
        }
        if let average = weighted.average { fields["average"] = .number(average) }
        return .map(fields)
    }

    func absences(student: Int64, from: LocalDate?, to: LocalDate?) throws -> [LuaValue] {
        try read { reader in
            let (_, period) = try defaultRange(reader, student: student)
            let range = DateRange(start: from ?? period.start, end: to ?? period.end)
            return try reader.pluginAttendance(student: student, range: range).compactMap { row in
                guard let meaning = rules.attendanceCodes[row.code], meaning.absent else { return nil }
                return .map([
                    "date": .string(row.date.description), "lesson": .integer(row.lessonID),
                    "subject": .integer(row.subjectID), "code": .string(row.code),
                    "excused": .boolean(meaning.excused),
                ])
            }
        }
    }

    func attendance(from: LocalDate, to: LocalDate, className: String?) throws -> [LuaValue] {
        try read { reader in
            guard let year = try reader.currentYear() else { return [] }
            let classes = try reader.classes(year: year.id!).filter { className == nil || $0.name == className }
            guard !classes.isEmpty else { return [] }
            let byID = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0) })
            let students = try reader.students(inClasses: classes.map { $0.id! })
            let range = DateRange(start: from, end: to)
            let lessons = try reader.lessonsHeld(students: students.map { $0.id! }, range: range)
            var missed: [StudentID: (all: Int, unexcused: Int)] = [:]
            for (student, codes) in try reader.attendanceCodeCounts(students: students.map { $0.id! }, range: range) {
                for (code, count) in codes {
                    guard let meaning = rules.attendanceCodes[code], meaning.absent else { continue }
                    missed[student, default: (0, 0)].all += count
                    if !meaning.excused { missed[student, default: (0, 0)].unexcused += count }
                }
            }
            return students.map { student in
                let id = student.id!
                return .map([
                    "student": .integer(id.rawValue), "name": .string(student.name.description),
                    "class": .string(byID[student.classID]?.name ?? ""),
                    "lessons": .integer(Int64(lessons[id] ?? 0)), "missed": .integer(Int64(missed[id]?.all ?? 0)),
                    "unexcused": .integer(Int64(missed[id]?.unexcused ?? 0)),
                ])
            }
        }
    }
}
