public import Foundation
import JournalAccess
import JournalDocuments
public import JournalModel
import JournalRules
public import JournalStore
public import Localization

/// A batch of weekly paper sheets just printed (R19): the PDF, one student per page (more when
/// a week does not fit), and the register's rows of the sheets it holds.
public struct PrintedSheets: Sendable {
    public var pdf: Data
    public var pageCount: Int
    public var sheets: [PrintedSheetEntry]
}

/// A row of the issuance register of weekly paper sheets, with names instead of ids.
public struct PrintedSheetEntry: Sendable, Codable, Hashable {
    /// The number printed on the sheet.
    public var number: Int64
    public var studentID: StudentID
    public var student: String
    public var className: String
    public var weekStart: LocalDate
    public var printedAt: Date
    public var printedBy: String
    /// To whom the sheet was handed, as the issuer wrote it; nil until it was.
    public var issuedTo: String?
    public var issuedAt: Date?
    public var issuedBy: String?

    /// The number as the sheet shows it: six digits at least.
    public var numberText: String { PrintedSheetEntry.format(number) }

    static func format(_ number: Int64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// What the class teacher's page shows: the class's students and the week's register.
public struct PrintoutClass: Sendable {
    public var className: String
    public var weekStart: LocalDate
    public var students: [StudentSummary]
    /// The students whose family agreed to be informed on paper (R18, R19): a representative
    /// with some class of messages on paper. Their sheets go out every week.
    public var onPaper: Set<StudentID>
    public var register: [PrintedSheetEntry]
}

extension JournalService {
    /// The longest name of the person a sheet was handed to.
    public static let issuedToLimit = 200

    /// The weekly sheets of a class's students for the week of `week` (any day of it): the
    /// class teacher's and management's `printouts.issue`. Each sheet is numbered and entered
    /// in the register. `students` prints only those of the class (the families whose agreed
    /// form is paper); nil prints every student.
    public func weeklySheets(
        className: String, week: LocalDate, students: [StudentID]? = nil, language: Language = .ru, caller: Caller
    ) async throws -> PrintedSheets {
        let schoolClass = try await database.read { reader in try Self.findClass(className, reader) }
        try await authorize(
            caller, .printoutsIssue,
            AccessObject(kind: .group, id: schoolClass.id!.rawValue, classes: [schoolClass.id!]))
        let weekStart = try await checkPrintoutWeek(week)
        var chosen = try await database.read { reader in try reader.students(inClass: schoolClass.id!) }
        if let students {
            let wanted = Set(students)
            let foreign = wanted.subtracting(chosen.compactMap(\.id))
            guard foreign.isEmpty else {
                throw JournalError.invalid(
                    field: "students",
                    message: .init(
                        "error.printout_not_in_class",
                        ["students": foreign.map(\.description).sorted().joined(separator: ", "), "class": className]))
            }
            chosen.removeAll { !wanted.contains($0.id!) }
        }
        return try await printSheets(
            of: chosen.compactMap(\.id), schoolClass: schoolClass, weekStart: weekStart, language: language,
            caller: caller)
    }

    /// One student's weekly sheet: whoever may read the student's diary (the family, the class
    /// teacher, management), numbered and entered in the register like the class's.
    public func weeklySheet(student id: StudentID, week: LocalDate, language: Language = .ru, caller: Caller)
        async throws -> PrintedSheets
    {
        let context = try await studentContext(id, capability: .diaryView, caller: caller)
        let weekStart = try await checkPrintoutWeek(week)
        let schoolClass = try await database.read { reader in try reader.schoolClass(context.classID)! }
        return try await printSheets(
            of: [id], schoolClass: schoolClass, weekStart: weekStart, language: language, caller: caller)
    }

    /// The register of a class's sheets for the week of `week`: who printed each, and to whom
    /// it was handed (`printouts.issue`).
    public func printoutRegister(className: String, week: LocalDate, caller: Caller) async throws
        -> [PrintedSheetEntry]
    {
        let schoolClass = try await database.read { reader in try Self.findClass(className, reader) }
        try await authorize(
            caller, .printoutsIssue,
            AccessObject(kind: .group, id: schoolClass.id!.rawValue, classes: [schoolClass.id!]))
        let weekStart = try await checkPrintoutWeek(week)
        return try await database.read { reader in
            try Self.entries(reader.printedSheets(class: schoolClass.id!, weekStart: weekStart), reader)
        }
    }

    /// The class's students and the register of the week of `week`, for the page that prints
    /// and issues the sheets (`printouts.issue`).
    public func printoutClass(className: String, week: LocalDate, caller: Caller) async throws -> PrintoutClass {
        let register = try await printoutRegister(className: className, week: week, caller: caller)
        let (schoolClass, students, onPaper) = try await database.read { reader in
            let schoolClass = try Self.findClass(className, reader)
            let students = try reader.students(inClass: schoolClass.id!)
            return (schoolClass, students, try Self.studentsOnPaper(students.compactMap(\.id), reader))
        }
        return PrintoutClass(
            className: schoolClass.name, weekStart: week.startOfWeek,
            students: students.map {
                StudentSummary(id: $0.id!, name: $0.name.description, className: schoolClass.name)
            }.sorted { $0.name < $1.name }, onPaper: onPaper, register: register)
    }

    /// Records that sheet `number` was handed to `issuedTo` (a representative's name or
    /// whoever took it), now, by the caller (`printouts.issue` on the sheet's class). A sheet
    /// already handed over keeps its first record.
    public func recordIssue(sheet number: Int64, issuedTo: String, caller: Caller) async throws -> PrintedSheetEntry {
        let issuedTo = issuedTo.trimmingWhitespace()
        guard !issuedTo.isEmpty, issuedTo.count <= Self.issuedToLimit else {
            throw JournalError.invalid(
                field: "issuedTo", message: .init("error.printout_issued_to", ["limit": String(Self.issuedToLimit)]))
        }
        guard let sheet = try await database.read({ reader in try reader.printedSheet(number: number) }) else {
            try await authorize(caller, .printoutsIssue, AccessObject(kind: .school))
            throw ServiceError.unknown(entity: "printed sheet", id: String(number))
        }
        try await authorize(
            caller, .printoutsIssue,
            AccessObject(
                kind: .group, id: sheet.classID.rawValue, students: [sheet.studentID], classes: [sheet.classID]))
        return try await database.write(actor: caller.actor) { writer in
            guard var current = try writer.reader.printedSheet(number: number) else {
                throw ServiceError.unknown(entity: "printed sheet", id: String(number))
            }
            if let already = current.issuedTo {
                throw JournalError.refused(
                    .init(
                        "error.printout_already_issued",
                        ["number": PrintedSheetEntry.format(number), "to": already]))
            }
            current.issuedTo = issuedTo
            current.issuedAt = writer.now
            current.issuedByID = writer.actor.accountID
            current.issuedBy = writer.actor.displayName
            let updated = try writer.update(current)
            return try Self.entries([updated], writer.reader)[0]
        }
    }

    // MARK: Printing

    /// The Monday of `week`'s week, if it lies in the current school year and has begun.
    func checkPrintoutWeek(_ week: LocalDate) async throws -> LocalDate {
        let year = try await currentYear()
        let today = try await today()
        let start = week.startOfWeek
        guard start.adding(days: 6) >= year.startsOn, start <= year.endsOn, start <= today else {
            throw JournalError.invalid(
                field: "week",
                message: .init(
                    "error.printout_week",
                    [
                        "week": week.description, "start": year.startsOn.description,
                        "end": min(year.endsOn, today).description,
                    ]))
        }
        return start
    }

    /// Gathers each student's week and standings, numbers the sheets in the register and
    /// renders them. The numbers are taken before the rendering so that each sheet shows its
    /// own; should the rendering fail, its numbers stay in the register, never issued.
    func printSheets(
        of students: [StudentID], schoolClass: SchoolClass, weekStart: LocalDate, language: Language, caller: Caller
    ) async throws -> PrintedSheets {
        var views: [WeeklySheetView] = []
        for id in students {
            views.append(try await weeklySheetView(student: id, weekStart: weekStart, caller: caller))
        }
        try await addStandings(to: &views, schoolClass: schoolClass, weekStart: weekStart)
        let school = try await school()
        let now = now()
        let classID = schoolClass.id!
        let studentIDs = views.map(\.week.student.id)
        let rows = try await database.write(actor: caller.actor) { writer in
            try studentIDs.map { studentID in
                try writer.insert(
                    PrintedSheet(
                        studentID: studentID, classID: classID, weekStart: weekStart, printedAt: writer.now,
                        printedByID: writer.actor.accountID, printedBy: writer.actor.displayName))
            }
        }
        for (index, row) in rows.enumerated() {
            views[index].number = PrintedSheetEntry.format(row.id!)
            views[index].schoolName = school.name
            views[index].dataAt = Self.momentText(now, timeZone: school.timeZone)
        }
        let document = Document(sections: views.map { $0.section(language) }, fontSize: WeeklySheetView.fontSize)
        let pdf: PDF
        do {
            pdf = try PDFWriter.pdf(document)
        } catch let error as DocumentError {
            throw JournalError.refused(.init("error.printout_render", ["reason": error.description]))
        }
        let entries = try await database.read { reader in try Self.entries(rows, reader) }
        return PrintedSheets(pdf: pdf.data, pageCount: pdf.pageCount, sheets: entries)
    }

    /// A student's week as the diary shows it, checked against the caller's rights there.
    func weeklySheetView(student id: StudentID, weekStart: LocalDate, caller: Caller) async throws -> WeeklySheetView {
        WeeklySheetView(week: try await diaryWeek(student: id, week: weekStart, caller: caller))
    }

    /// Each student's average and forecast per subject for the study period of the week, as
    /// the diary's marks page computes them, with the marks so far.
    func addStandings(to views: inout [WeeklySheetView], schoolClass: SchoolClass, weekStart: LocalDate) async throws {
        let active = try await rules()
        let today = try await today()
        guard
            let period = active.calendar.period(
                containing: min(weekStart.adding(days: 6), today), grade: schoolClass.grade)
                ?? active.calendar.period(containing: weekStart, grade: schoolClass.grade)
        else { return }
        let rules = try await rules(for: period, active: active, today: today)
        let (snapshot, marks) = try await database.read { reader in
            let snapshot = try TeachingSnapshot.load(reader, classes: [schoolClass], withPeriodMarks: false)
            return (snapshot, try snapshot.marks(reader) { _ in period })
        }
        let only = views.count == 1 ? views[0].week.student.id : nil
        let rows = try await rules.withEvaluator(budget: Self.pageBudget()) { evaluator in
            try Self.standings(
                snapshot, marks: marks, rules: rules, today: today, recommender: evaluator, only: only,
                failures: ruleFailures
            ) { _ in period }
        }
        let byStudent = Dictionary(grouping: rows, by: \.studentID)
        for index in views.indices {
            views[index].periodTitle = period.title
            views[index].standings = byStudent[views[index].week.student.id] ?? []
        }
    }

    static func entries(_ sheets: [PrintedSheet], _ reader: StoreReader) throws -> [PrintedSheetEntry] {
        var names: [StudentID: String] = [:]
        var classes: [ClassID: String] = [:]
        return try sheets.map { sheet in
            if names[sheet.studentID] == nil {
                names[sheet.studentID] = try reader.student(sheet.studentID)?.name.description ?? "?"
            }
            if classes[sheet.classID] == nil {
                classes[sheet.classID] = try reader.schoolClass(sheet.classID)?.name ?? "?"
            }
            return PrintedSheetEntry(
                number: sheet.id!, studentID: sheet.studentID, student: names[sheet.studentID]!,
                className: classes[sheet.classID]!, weekStart: sheet.weekStart, printedAt: sheet.printedAt,
                printedBy: sheet.printedBy, issuedTo: sheet.issuedTo, issuedAt: sheet.issuedAt, issuedBy: sheet.issuedBy
            )
        }
    }

    /// An instant as the school's clock shows it: `20.11.2026 12:00`.
    static func momentText(_ instant: Date, timeZone identifier: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "Europe/Moscow")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : String(value ?? 0) }
        return "\(two(parts.day)).\(two(parts.month)).\(parts.year ?? 0) \(two(parts.hour)):\(two(parts.minute))"
    }
}

extension JournalService {
    /// Of `students`, those with a representative who receives some class of messages on paper.
    static func studentsOnPaper(_ students: [StudentID], _ reader: StoreReader) throws -> Set<StudentID> {
        let links = try reader.representativeLinks(students: students)
        let paper = Set(
            try reader.deliveryPreferences(representatives: Array(Set(links.map(\.representativeID))))
                .filter { $0.channel == .paper }.map(\.representativeID))
        return Set(links.filter { paper.contains($0.representativeID) }.map(\.studentID))
    }

    /// The students of a class whose family agreed to paper (R19), for `journal printouts --paper`.
    public func studentsOnPaper(className: String, caller: Caller) async throws -> [StudentID] {
        let schoolClass = try await database.read { reader in try Self.findClass(className, reader) }
        try await authorize(
            caller, .printoutsIssue,
            AccessObject(kind: .group, id: schoolClass.id!.rawValue, classes: [schoolClass.id!]))
        return try await database.read { reader in
            try Self.studentsOnPaper(try reader.students(inClass: schoolClass.id!).compactMap(\.id), reader)
                .sorted { $0.rawValue < $1.rawValue }
        }
    }
}
