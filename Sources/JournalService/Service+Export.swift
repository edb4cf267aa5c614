import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
public import Localization
public import Spreadsheet

/// A table ready to be written as a file: its sheets and the name the file is offered under
/// (without the extension).
public struct Export: Sendable {
    public var fileName: String
    public var workbook: Workbook
}

extension JournalService {
    /// The journal grid of an assignment for a period as a table: students × works (date, work
    /// type and weight in the header rows), then the weighted average, the recommended and the
    /// set period mark. Whoever may open the grid may export it: the grid's own checks apply.
    public func journalExport(assignment id: AssignmentID, period: String, language: Language, caller: Caller)
        async throws -> Export
    {
        let grid = try await journalGrid(assignment: id, period: period, caller: caller)
        let typeTitles = Dictionary(grid.workTypes.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a })
        let works = grid.works.sorted { ($0.date, $0.id.rawValue) < ($1.date, $1.id.rawValue) }
        var marks: [StudentID: [WorkID: String]] = [:]
        for mark in grid.marks {
            marks[mark.studentID, default: [:]][mark.workID] = mark.value ?? (mark.isDebt ? "долг" : nil)
        }
        let standings = Dictionary(grid.standings.map { ($0.studentID, $0) }, uniquingKeysWith: { a, _ in a })
        func text(_ key: String) -> Cell { .text(Strings.text(key, language)) }
        let headers: [[Cell]] = [
            [text("export.student")] + works.map { .text(Self.shortDate($0.date)) }
                + [text("marks.average"), text("marks.recommended"), text("export.period_mark")],
            [text("export.work_type")]
                + works.map { work -> Cell in
                    .text(work.title.flatMap { $0.isEmpty ? nil : $0 } ?? typeTitles[work.workType] ?? work.workType)
                }
                + [.empty, .empty, .empty],
            [text("export.weight")] + works.map { .number($0.weight) } + [.empty, .empty, .empty],
        ]
        let rows = grid.students.map { student -> [Cell] in
            let standing = standings[student.id]
            return [.text(student.name)] + works.map { .mark(marks[student.id]?[$0.id]) }
                + [.number(standing?.average), .mark(standing?.recommended), .mark(standing?.periodMark)]
        }
        let title = "\(grid.assignment.subject), \(grid.assignment.group), \(grid.period.title)"
        return Export(
            fileName: Strings.text("export.journal_file", language, ["title": title]),
            workbook: Workbook(sheets: [
                Sheet(
                    title: "\(grid.assignment.group) \(grid.assignment.subject)", headerRows: headers, rows: rows,
                    columnWidths: [32] + works.map { _ in 7 } + [10, 10, 10])
            ]))
    }

    /// The class's summary of marks (сводная ведомость): students × subjects, the period marks
    /// set for a period, the annual marks for `year`, the final marks for `final`. Whoever may
    /// view the class's period marks may export it.
    public func classSummaryExport(className: String, period: String, language: Language, caller: Caller)
        async throws -> Export
    {
        let sheet = try await classSummarySheets(classNames: [className], period: period, language, caller).first!
        return Export(
            fileName: Strings.text("export.summary_file", language, ["class": className, "period": sheet.period]),
            workbook: Workbook(sheets: [sheet.sheet]))
    }

    /// The summary of every class of the school for a period, one sheet per class. The classes
    /// whose calendar has no such period (`q1` in the half-year classes) are left out; `current`
    /// is each class's own current period.
    public func schoolSummaryExport(period: String, language: Language, caller: Caller) async throws -> Export {
        let rules = try await rules()
        let today = try await today()
        let classes = try await database.read { reader -> [SchoolClass] in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            return try reader.classes(year: year.id!).sorted { ($0.grade, $0.name) < ($1.grade, $1.name) }
        }
        let having = classes.filter {
            period == "final" || (try? rules.calendar.resolve(period, grade: $0.grade, today: today)) != nil
        }
        if having.isEmpty, let first = classes.first {
            _ = try rules.calendar.resolve(period, grade: first.grade, today: today)
        }
        let sheets = try await classSummarySheets(classNames: having.map(\.name), period: period, language, caller)
        return Export(
            fileName: Strings.text("export.school_summary_file", language, ["period": sheets.first?.period ?? period]),
            workbook: Workbook(sheets: sheets.map(\.sheet)))
    }

    /// The attendance of a class over a period: per student the lessons held and the count of
    /// each attendance code. Whoever may view the class's attendance may export it; each row is
    /// the student's own attendance summary, with its checks.
    public func classAttendanceExport(className: String, period name: String, language: Language, caller: Caller)
        async throws -> Export
    {
        let rules = try await rules()
        let today = try await today()
        let (schoolClass, students) = try await database.read { reader in
            let schoolClass = try Self.findClass(className, reader)
            let students = try reader.students(inClasses: [schoolClass.id!])
                .sorted { ($0.name.lastName, $0.name.firstName) < ($1.name.lastName, $1.name.firstName) }
            return (schoolClass, students)
        }
        try await authorize(caller, .attendanceView, Self.classObject(schoolClass))
        let period = try rules.calendar.resolve(name, grade: schoolClass.grade, today: today)
        var summaries: [AttendanceSummary] = []
        for student in students {
            summaries.append(try await attendanceSummary(student: student.id!, period: period.key, caller: caller))
        }
        let codes = rules.attendanceCodes.all
        let absent = Set(codes.filter(\.absent).map(\.code))
        func text(_ key: String) -> Cell { .text(Strings.text(key, language)) }
        let header: [Cell] =
            [text("export.student"), text("export.lessons")] + codes.map { .text("\($0.code) — \($0.title)") }
            + [text("export.missed")]
        let rows = summaries.map { summary -> [Cell] in
            let missed = summary.counts.filter { absent.contains($0.key) }.values.reduce(0, +)
            return [.text(summary.student.name), .number(summary.lessons)]
                + codes.map { .number(summary.counts[$0.code] ?? 0) } + [.number(missed)]
        }
        return Export(
            fileName: Strings.text(
                "export.attendance_file", language, ["class": schoolClass.name, "period": period.title]),
            workbook: Workbook(sheets: [
                Sheet(
                    title: "\(schoolClass.name) \(period.title)", headerRows: [header], rows: rows,
                    columnWidths: [32, 10] + codes.map { _ in 12 } + [10])
            ]))
    }

    /// The object a class's period marks and attendance are decided on, as
    /// ``periodMarks(className:period:caller:)`` names it.
    static func classObject(_ schoolClass: SchoolClass) -> AccessObject {
        AccessObject(kind: .group, id: schoolClass.id!.rawValue, classes: [schoolClass.id!])
    }

    /// One summary sheet per class, in the order given, each checked as the class's period
    /// marks are; with the title of the period shown.
    private func classSummarySheets(classNames: [String], period name: String, _ language: Language, _ caller: Caller)
        async throws -> [(sheet: Sheet, period: String)]
    {
        let rules = try await rules()
        let today = try await today()
        let classes = try await database.read { reader in try classNames.map { try Self.findClass($0, reader) } }
        for schoolClass in classes {
            try await authorize(caller, .periodMarksView, Self.classObject(schoolClass))
        }
        let loaded = try await database.read { reader in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            let snapshot = try TeachingSnapshot.load(reader, classes: classes)
            let marks = try reader.attestationMarks(students: snapshot.students.compactMap(\.id), year: year.id!)
            return (snapshot, marks)
        }
        let byStudent = Dictionary(grouping: loaded.1, by: \.studentID)
        let studentsByClass = Dictionary(grouping: loaded.0.students, by: \.classID)
        func text(_ key: String) -> Cell { .text(Strings.text(key, language)) }
        return try classes.map { schoolClass in
            let (kind, key, title): (AttestationMark.Kind, String, String)
            if name == "final" {
                (kind, key, title) = (.final, "final", Strings.text("export.final", language))
            } else {
                let period = try rules.calendar.resolve(name, grade: schoolClass.grade, today: today)
                (kind, key, title) = (period.markKind, period.key, period.title)
            }
            let students = (studentsByClass[schoolClass.id!] ?? [])
                .sorted { ($0.name.lastName, $0.name.firstName) < ($1.name.lastName, $1.name.firstName) }
            let subjectIDs = Set(students.flatMap { loaded.0.subjects(of: $0.id!).compactMap(\.id) })
            let subjects = subjectIDs.compactMap { loaded.0.subjects[$0] }.sorted { $0.name < $1.name }
            let rows = students.map { student -> [Cell] in
                let set = Dictionary(
                    (byStudent[student.id!] ?? []).filter { $0.kind == kind && $0.period == key }.map {
                        ($0.subjectID, $0.value)
                    }, uniquingKeysWith: { a, _ in a })
                return [.text(student.name.description)] + subjects.map { .mark(set[$0.id!] ?? nil) }
            }
            let sheet = Sheet(
                title: "\(schoolClass.name) \(title)",
                headerRows: [[text("export.student")] + subjects.map { .text($0.name) }], rows: rows,
                columnWidths: [32] + subjects.map { _ in 12 })
            return (sheet, title)
        }
    }

    /// `20.11` for a column of dates within one year.
    static func shortDate(_ date: LocalDate) -> String {
        let parts = date.description.split(separator: "-")
        guard parts.count == 3 else { return date.description }
        return "\(parts[2]).\(parts[1])"
    }
}
