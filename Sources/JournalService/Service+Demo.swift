import Foundation
import HummingbirdBcrypt
public import JournalDemo
public import JournalModel
public import JournalRules
import JournalStore

/// What `journal demo` created.
public struct DemoResult: Sendable {
    public var school: String
    public var counts: [(String, Int)]
    public var credentials: [DemoCredential]
    /// Class names by student and children by representative, for the credentials file.
    public var classOfStudent: [StudentID: String]
    public var childrenOfRepresentative: [RepresentativeID: [String]]
}

extension JournalService {
    /// bcrypt cost for demo accounts. Their passwords follow from the public seed and are
    /// written to the credentials file, so a slow hash would protect nothing and only make the
    /// demo take minutes; each demo account must choose its own password (hashed with
    /// ``passwordHashCost``) at first sign-in anyway.
    public static let demoPasswordHashCost: UInt8 = 6

    /// Fills an empty database with a generated school (JournalDemo): classes 1–11, staff,
    /// students and their representatives, a year's timetable and lessons, marks, absences,
    /// substitutions, the annual marks of the year before, and an account for everyone. All of
    /// it in one transaction.
    public func createDemo(
        students: Int, seed: UInt64, today: LocalDate, rules files: RuleFiles,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> DemoResult {
        guard Limits.demoStudents.contains(students) else {
            throw JournalError.invalid(
                field: "students",
                message: .init(
                    "error.demo_students",
                    [
                        "min": String(Limits.demoStudents.lowerBound), "max": String(Limits.demoStudents.upperBound),
                        "count": String(students),
                    ]))
        }
        if let existing = try await database.read({ try $0.school() }) {
            throw ServiceError.alreadyInitialized(school: existing.name)
        }
        let year = SchoolCalendar.academicYear(containing: today)
        let calendar = try await SchoolRules.load(files, academicYear: year).calendar
        let options = DemoOptions(
            students: students, seed: seed, today: today,
            holidays: calendar.holidays.filter { $0.applies(to: 2) }.map(\.range),
            firstGradeHolidays: calendar.holidays.filter { $0.applies(to: 1) && !$0.applies(to: 2) }.map(\.range),
            periods: calendar.periods(grade: 5).map(\.range))
        let demo = DemoSchoolGenerator(options: options).generate()
        let hashes = try await hashPasswords(
            demo.credentials.map(\.password), cost: Self.demoPasswordHashCost, progress: progress)
        let createdAt = now()
        try await database.write(actor: .system("journal demo"), reason: "demo school generated (seed \(seed))") {
            writer in
            try Self.insert(demo, hashes: hashes, rules: files, createdAt: createdAt, writer)
        }
        forgetRules()
        let periodMarks = try await setDemoPeriodMarks(today: today)
        let examResults = try await setDemoExamResults(seed: seed, today: today)
        let changes = try await makeDemoTimetableChanges(today: today)
        let surveys = try await makeDemoSurveys(seed: seed, today: today)
        _ = try await (makeDemoPsychology(seed: seed, today: today), makeDemoPersonnel(seed: seed, today: today))
        _ = try await makeDemoHealth(seed: seed, today: today)
        try await makeDemoSecretaryWork(seed: seed, today: today)
        let classNames = Dictionary(uniqueKeysWithValues: demo.classes.map { ($0.id!, $0.name) })
        let classOfStudent = Dictionary(
            uniqueKeysWithValues: demo.students.map { ($0.id!, classNames[$0.classID] ?? "") })
        let studentsByID = Dictionary(uniqueKeysWithValues: demo.students.map { ($0.id!, $0) })
        var children: [RepresentativeID: [String]] = [:]
        for link in demo.studentRepresentatives {
            guard let child = studentsByID[link.studentID] else { continue }
            children[link.representativeID, default: []].append(
                "\(child.name.lastName) \(child.name.firstName) (\(classOfStudent[child.id!] ?? ""))")
        }
        return DemoResult(
            school: demo.school.name,
            counts: [
                ("classes", demo.classes.count), ("staff", demo.staff.count), ("students", demo.students.count),
                ("representatives", demo.representatives.count), ("contacts", demo.contacts.count),
                ("agreed forms of information", demo.deliveryPreferences.count), ("subjects", demo.subjects.count),
                ("groups", demo.groups.count), ("assignments", demo.assignments.count),
                ("timetable entries", demo.timetable.count), ("lessons", demo.lessons.count),
                ("timetable changes", demo.timetableChanges.count), ("works", demo.works.count),
                ("marks", demo.marks.count), ("attendance records", demo.attendance.count),
                ("period marks", periodMarks), ("annual marks of last year", demo.previousAnnualMarks.count),
                ("exam results", examResults), ("staff-made timetable changes", changes),
                ("surveys", surveys.surveys), ("survey ballots", surveys.ballots), ("accounts", demo.credentials.count),
            ], credentials: demo.credentials, classOfStudent: classOfStudent, childrenOfRepresentative: children)
    }

    /// Last year's ОГЭ protocol of today's tenth graders, who sat it in grade 9: mathematics and
    /// Russian, with scores drawn from the seed and converted by exams.lua.
    private func setDemoExamResults(seed: UInt64, today: LocalDate) async throws -> Int {
        let rules = try await rules()
        let examYear = SchoolCalendar.academicYear(containing: today).start.year
        let (students, subjects) = try await database.read { reader in
            let year = try reader.currentYear()!
            let tenth = try reader.classes(year: year.id!).filter { $0.grade == 10 }.compactMap(\.id)
            return (try reader.students(inClasses: tenth), try reader.subjects())
        }
        let taken = ["Математика", "Русский язык"].compactMap { name in subjects.first { $0.name == name } }
        guard rules.exams.tables[examYear]?["ОГЭ"] != nil, !students.isEmpty, !taken.isEmpty else { return 0 }
        return try await database.write(actor: .system("journal demo"), reason: "ОГЭ protocols of last year") {
            writer in
            var random = DemoRandom(seed: seed &+ 2026)
            var count = 0
            for student in students {
                for subject in taken {
                    guard let table = rules.exams.tables[examYear]?["ОГЭ"]?[subject.name] else { continue }
                    let lowest = Int(table.max * 0.3)
                    let score = Double(lowest + Int(random.next() % UInt64(Int(table.max) - lowest + 1)))
                    let outcome = try rules.exams.outcome(
                        exam: "ОГЭ", subject: subject.name, year: examYear, score: score)
                    let protocolDate = LocalDate(year: examYear, month: 6, day: subject.name == "Математика" ? 12 : 5)!
                    try writer.insert(
                        ExamResult(
                            studentID: student.id!, subjectID: subject.id!,
                            yearID: try writer.reader.currentYear()!.id!,
                            examKind: "ОГЭ", score: score, mark: outcome.mark, resultsKnownOn: protocolDate,
                            publishedAt: DemoSchoolGenerator.timestamp(protocolDate, minutes: 10 * 60),
                            examDate: protocolDate.adding(days: -12),
                            protocolNumber: "ОГЭ-\(examYear)/\(subject.name == "Математика" ? 7 : 3)"))
                    count += 1
                }
            }
            return count
        }
    }

    /// A few changes the deputy head made to the coming days: a lesson cancelled, one moved
    /// to a free slot, one given another room — through the same checks as the pages.
    private func makeDemoTimetableChanges(today: LocalDate) async throws -> Int {
        let deputy = Caller.system("journal demo (deputy head)")
        let lessons = try await database.read { reader in
            try reader.allAssignments().prefix(40).flatMap { assignment in
                try reader.lessons(
                    assignments: [assignment.id!],
                    range: DateRange(start: today.adding(days: 1), end: today.adding(days: 7)))
            }
        }
        .filter { $0.status == .scheduled }
        .sorted { ($0.date, $0.number, $0.id!.rawValue) < ($1.date, $1.number, $1.id!.rawValue) }
        var made = 0
        var remaining = lessons[...]
        if let lesson = remaining.popFirst(),
            (try? await cancelLesson(lesson.id!, reason: "учитель на курсах повышения квалификации", caller: deputy))
                != nil
        {
            made += 1
        }
        if let lesson = remaining.popFirst(),
            (try? await changeRoom(lesson.id!, to: "Актовый зал", reason: "ремонт в кабинете", caller: deputy)) != nil
        {
            made += 1
        }
        // Two subgroups of a class merged: the second group's teacher is away.
        let slots = Dictionary(grouping: remaining) { "\($0.date) \($0.number)" }
        merging: for lesson in remaining {
            for host in slots["\(lesson.date) \(lesson.number)"] ?? [] where host.id != lesson.id {
                let groups = try await database.read { reader in
                    try [lesson, host].map {
                        try reader.assignment($0.assignmentID).flatMap { try reader.group($0.groupID) }
                    }
                }
                guard let guestGroup = groups[0], let hostGroup = groups[1], guestGroup.kind == .subgroup,
                    hostGroup.kind == .subgroup, guestGroup.classID == hostGroup.classID
                else { continue }
                if (try? await mergeLesson(lesson.id!, into: host.id!, reason: "учитель на больничном", caller: deputy))
                    != nil
                {
                    made += 1
                    remaining.removeAll { $0.id == lesson.id || $0.id == host.id }
                    break merging
                }
            }
        }
        // A line of the weekly timetable given another room from next Monday.
        let monday = today.startOfWeek.adding(days: 7)
        let line = try await database.read { reader in
            try reader.timetable().first { $0.validFrom < monday && $0.validTo > monday && $0.room != nil }
        }
        if let line,
            (try? await changeTimetableLine(
                line.id!, TimetableLineChange(room: "Новый корпус, 12", from: monday), caller: deputy)) != nil
        {
            made += 1
        }
        moving: while let lesson = remaining.popFirst() {
            for number in [7, 8] {
                if (try? await moveLesson(
                    lesson.id!, to: lesson.date, number: number, reason: "олимпиада", caller: deputy))
                    != nil
                {
                    made += 1
                    break moving
                }
            }
        }
        return made
    }

    /// The period marks of the periods already over, as their teachers would have set them:
    /// the recommendation of the active rules, with its average and the rules' version.
    private func setDemoPeriodMarks(today: LocalDate) async throws -> Int {
        let rules = try await rules()
        let standings = try await schoolStandings(rules: rules, today: today, includingClosed: true)
        let closed = standings.values.compactMap { row -> (SubjectStanding, PeriodStanding, String)? in
            guard let standing = row.standing, standing.period.range.end < today,
                let recommended = standing.recommended
            else { return nil }
            return (row, standing, recommended)
        }
        .sorted {
            ($0.0.studentID, $0.0.subjectID, $0.1.period.key) < ($1.0.studentID, $1.0.subjectID, $1.1.period.key)
        }
        guard !closed.isEmpty else { return 0 }
        let year = try await currentYear().id!
        try await database.write(actor: .system("journal demo"), reason: "period marks of the periods over") { writer in
            for (row, standing, recommended) in closed {
                try writer.insert(
                    AttestationMark(
                        studentID: row.studentID, subjectID: row.subjectID, yearID: year, kind: .period,
                        period: standing.period.key, recommended: recommended,
                        recommendedAverage: standing.weighted.roundedAverage, rulesVersion: standing.rulesVersion,
                        value: recommended,
                        setAt: DemoSchoolGenerator.timestamp(standing.period.range.end, minutes: 12 * 60)))
            }
        }
        return closed.count
    }

    private static func insert(
        _ demo: DemoSchool, hashes: [String], rules: RuleFiles, createdAt: Date, _ writer: AuditedWriter
    ) throws {
        try writer.insert(demo.school)
        try writer.insert(demo.year)
        try writer.insert(demo.previousYear)
        for bell in demo.bells { try writer.insert(bell) }
        try insertRuleset(rules, comment: "the rules the school started with", active: true, writer: writer)
        try insertAll(demo.staff, writer)
        try insertAll(demo.classes, writer)
        try insertAll(demo.students, writer)
        try insertAll(demo.representatives, writer)
        try insertAll(demo.studentRepresentatives, writer)
        try insertAll(demo.contacts, writer)
        try insertAll(demo.deliveryPreferences, writer)
        try insertAll(demo.subjects, writer)
        try insertAll(demo.groups, writer)
        try insertAll(demo.groupMembers, writer)
        try insertAll(demo.assignments, writer)
        try insertAll(demo.timetable, writer)
        try insertAll(demo.lessons, writer)
        try insertAll(demo.timetableChanges, writer)
        try insertAll(demo.individualHomework, writer)
        try insertAll(demo.works, writer)
        try insertAll(demo.marks, writer)
        try insertAll(demo.attendance, writer)
        try insertAll(demo.previousAnnualMarks, writer)
        for (credential, hash) in zip(demo.credentials, hashes) {
            let account = try writer.insert(
                Account(
                    login: credential.login, passwordHash: hash, mustChangePassword: true, owner: credential.owner,
                    createdAt: createdAt))
            for role in credential.roles { try writer.insert(AccountRole(accountID: account.id!, role: role)) }
        }
    }

    private static func insertAll<Record: AuditedRecord>(_ records: [Record], _ writer: AuditedWriter) throws {
        for record in records { try writer.insert(record) }
    }
}
