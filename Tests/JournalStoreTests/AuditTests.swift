import Foundation
import GRDB
import JournalModel
import Testing

@testable import JournalStore

@Suite("Every write of journal data is audited")
struct AuditTests {
    /// The log itself, the migrator's and SQLite's bookkeeping, sessions and calendar feeds
    /// (tokens, no journal data; sign-ins are audited on the account), and delivery's
    /// bookkeeping: the outbox is itself the log of what was sent, and the consumers' positions
    /// in the audit log are written with it. A survey's audience, ballots and participation are
    /// not audited on purpose: an audit entry names its actor, which would link an anonymous
    /// ballot to its author; the survey itself (made, launched, closed) is.
    static let internalTables: Set<String> = [
        "audit", "grdb_migrations", "sqlite_sequence", "session", "calendarFeed", "outboxMessage", "consumerPosition",
        "surveyUnit", "surveyRespondent", "surveyParticipation", "surveyBallot", "surveyKey",
        "pluginRun", "pluginVersion", "specialRead",
    ]

    /// Enumerates the schema: every table but the log itself is guarded, so no table can be
    /// written without an audit record.
    @Test func everyTableOfTheSchemaIsGuarded() throws {
        let database = try JournalDatabase.inMemory()
        let tables = try database.readNow { (reader: StoreReader) throws in
            try String.fetchAll(reader.db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        let unguarded = Set(tables).subtracting(AuditGuard.auditedTables).subtracting(Self.internalTables)
        #expect(unguarded.isEmpty, "tables without audit: \(unguarded.sorted())")
        #expect(AuditGuard.auditedTables.isSubset(of: Set(tables)))
    }

    static func seeded() throws -> JournalDatabase {
        let database = try JournalDatabase.inMemory()
        try database.writeNow(actor: .system("seed")) { writer in
            try seed(writer)
        }
        return database
    }

    /// One row in every guarded table, written through the audited path.
    static func seed(_ writer: AuditedWriter) throws {
        let now = writer.now
        try writer.insert(School(name: "Школа", timeZone: "Europe/Moscow"))
        let year = try writer.insert(
            AcademicYear(
                title: "2026/2027", startsOn: LocalDate("2026-09-01")!, endsOn: LocalDate("2027-08-31")!,
                isCurrent: true))
        let teacher = try writer.insert(
            Staff(name: PersonName(lastName: "Петрова", firstName: "Мария"), position: "учитель"))
        let schoolClass = try writer.insert(
            SchoolClass(yearID: year.id!, grade: 5, letter: "А", classTeacherID: teacher.id))
        let student = try writer.insert(
            Student(classID: schoolClass.id!, name: PersonName(lastName: "Иванова", firstName: "Анна")))
        let parent = try writer.insert(Representative(name: PersonName(lastName: "Иванова", firstName: "Елена")))
        try writer.insert(StudentRepresentative(studentID: student.id!, representativeID: parent.id!, kind: .parent))
        let subject = try writer.insert(Subject(name: "Математика"))
        let group = try writer.insert(
            TeachingGroup(yearID: year.id!, name: "5А", kind: .wholeClass, classID: schoolClass.id))
        try writer.insert(GroupMember(groupID: group.id!, studentID: student.id!))
        let assignment = try writer.insert(
            TeachingAssignment(groupID: group.id!, subjectID: subject.id!, teacherID: teacher.id!, hoursPerWeek: 5))
        try writer.insert(Bell(number: 1, startsAt: LocalTime("08:30")!, endsAt: LocalTime("09:15")!))
        try writer.insert(
            TimetableEntry(
                assignmentID: assignment.id!, weekday: 1, lessonNumber: 1, room: "12", validFrom: year.startsOn,
                validTo: year.endsOn))
        let lesson = try writer.insert(Lesson(assignmentID: assignment.id!, date: LocalDate("2026-11-16")!, number: 1))
        try writer.insert(TimetableChange(lessonID: lesson.id!, kind: .roomChange, previousRoom: "12", createdAt: now))
        try writer.insert(IndividualHomework(lessonID: lesson.id!, studentID: student.id!, text: "№ 5"))
        let work = try writer.insert(
            Work(assignmentID: assignment.id!, lessonID: lesson.id, workType: "test", date: lesson.date))
        try writer.insert(Mark(workID: work.id!, studentID: student.id!, value: "5", createdAt: now))
        try writer.insert(Attendance(lessonID: lesson.id!, studentID: student.id!, code: "Н"))
        try writer.insert(
            AttestationMark(
                studentID: student.id!, subjectID: subject.id!, yearID: year.id!, kind: .period, period: "q1"))
        try writer.insert(
            ExamResult(
                studentID: student.id!, subjectID: subject.id!, yearID: year.id!, examKind: "ОГЭ", score: 30, mark: "5",
                resultsKnownOn: LocalDate("2027-06-20")!))
        let account = try writer.insert(
            Account(login: "ivanova", passwordHash: "$2b$10$x", owner: .student(student.id!), createdAt: now))
        try writer.insert(AccountRole(accountID: account.id!, role: .student))
        let ruleset = try writer.insert(Ruleset(author: "test", createdAt: now, comment: nil, isActive: true))
        try writer.insert(StoredRuleFile(rulesetID: ruleset.id!, path: "a.lua", source: "return 1"))
        try writer.insert(
            RightsExtension(
                role: .teacher, accountID: nil, capability: "exams.view", scope: "school", effect: "allow",
                condition: nil, comment: "test", author: "test", createdAt: now))
        try writer.insert(CaseloadEntry(staffID: teacher.id!, studentID: student.id!))
        try writer.insert(
            PeriodReopening(
                yearID: year.id!, period: "q1", classID: nil, until: LocalDate("2026-11-27")!, reason: "исправление",
                openedByID: teacher.id, openedBy: "test", openedAt: now))
        try writer.insert(
            EntryUnlock(
                lessonID: lesson.id!, workID: nil, until: LocalDate("2026-11-21")!, reason: "болезнь",
                openedByID: teacher.id, openedBy: "test", openedAt: now))
        try writer.insert(
            Contact(
                representativeID: parent.id!, kind: .email, value: "elena@example.org", basis: .application,
                basisNumber: "17", basisDate: LocalDate("2026-09-01")!, receivedBy: "секретарь",
                validFrom: LocalDate("2026-09-01")!, enteredBy: "test", enteredAt: now))
        try writer.insert(
            DeliveryPreference(
                representativeID: parent.id!, messageClass: "marks", channel: .email, frequency: .daily,
                applicationNumber: "17", updatedBy: "test", updatedAt: now))
        try writer.insert(
            SecurityNotice(
                at: now, kind: .passwordReset, actorAccountID: nil, actorName: "admin", accountID: account.id!,
                accountLogin: account.login, role: .student))
        try writer.insert(
            PrintedSheet(
                studentID: student.id!, classID: schoolClass.id!, weekStart: LocalDate("2026-11-16")!, printedAt: now,
                printedByID: account.id, printedBy: "test"))
        try writer.insert(
            Survey(
                title: "Опрос", source: "return survey {}", privacy: .anonymous, ballotUnit: .student, minimumGroup: 5,
                opens: LocalDate("2026-11-20")!, closes: LocalDate("2026-11-27")!, retentionDays: 365,
                createdBy: account.id, createdAt: now))
        try writer.insert(
            PluginSetting(
                pluginID: "marks-alert", enabled: true, config: "{}", version: "1.0.0", hash: "0", changedAt: now))
        try writer.insert(
            StudentFlag(
                pluginID: "marks-alert", pluginVersion: "1.0.0", studentID: student.id!, subjectID: nil,
                text: "риск неаттестации", raisedAt: now))
        try writer.insert(
            StaffTask(
                pluginID: "marks-alert", pluginVersion: "1.0.0", kind: .notice, staffID: teacher.id!,
                studentID: student.id, text: "посмотрите", due: nil, createdAt: now))
        try writer.insert(
            PluginReport(
                pluginID: "attendance-report", pluginVersion: "1.0.0", report: "monthly", period: "2026-11",
                title: "Пропуски", columns: "[]", rows: "[]", madeAt: now))
        try writer.insert(
            EmergencyAccess(
                accountID: account.id!, actorName: "test", studentID: student.id!, domain: .health,
                reason: "приступ на уроке", openedAt: now, until: now.addingTimeInterval(3600)))
        // Issue 16's domains: one row of each table (health, psychology, personnel, personal files).
        try writer.insert(
            PsychologyConsent(
                studentID: student.id!, representativeID: parent.id!, scope: .counselling,
                givenOn: LocalDate("2026-09-01")!, document: "заявление 5", recordedBy: teacher.id))
        try writer.insert(
            PsychologyRecord(
                studentID: student.id!, authorID: teacher.id!, date: LocalDate("2026-09-10")!, kind: .session,
                scope: .counselling, notes: "встреча", conclusion: "", createdAt: now))
        let conclusion = try writer.insert(
            CouncilConclusion(
                studentID: student.id!, authorID: teacher.id!, date: LocalDate("2026-10-01")!, conclusion: "заключение",
                recommendations: "рекомендации", createdAt: now))
        try writer.insert(
            CouncilShare(conclusionID: conclusion.id!, staffID: teacher.id!, sharedBy: teacher.id!, sharedAt: now))
        try writer.insert(
            SocialFact(studentID: student.id!, kind: .largeFamily, since: nil, note: "", recordedBy: teacher.id))
        try writer.insert(
            StaffFile(staffID: teacher.id!, hiredOn: LocalDate("2020-09-01")!, category: .first, attestedOn: nil))
        try writer.insert(
            StaffEducation(staffID: teacher.id!, institution: "МПГУ", year: 2015, qualification: "учитель математики"))
        try writer.insert(
            StaffCourse(
                staffID: teacher.id!, title: "ФГОС", provider: "ИРО", hours: 72, from: LocalDate("2025-01-10")!,
                to: LocalDate("2025-02-10")!, certificate: "123"))
        try writer.insert(
            StaffMedicalCheck(
                staffID: teacher.id!, date: LocalDate("2026-06-01")!, validUntil: LocalDate("2027-06-01")!))
        try writer.insert(
            CriminalRecordCertificate(
                staffID: teacher.id!, number: "1/2026", issuedOn: LocalDate("2026-01-10")!,
                validUntil: LocalDate("2027-01-10")!))
        let day = LocalDate("2026-11-16")!
        try writer.insert(HealthGroupRecord(studentID: student.id!, group: 2, setOn: day, basis: "ф. 086/у"))
        try writer.insert(
            PEGroupPeriod(studentID: student.id!, group: .specialA, from: day, to: nil, basis: "заключение ВК"))
        try writer.insert(HealthAlert(studentID: student.id!, kind: .allergy, text: "орехи"))
        try writer.insert(Vaccination(studentID: student.id!, vaccine: "АДС-М", date: day, refused: false))
        try writer.insert(
            SickNote(studentID: student.id!, from: day, to: day, number: "17", issuedBy: "ГП №3"))
        try writer.insert(HealthFlag(studentID: student.id!, text: "ФК: специальная группа", until: nil))
        // Personal files (the secretary's).
        try writer.insert(
            PersonalFile(
                studentID: student.id!, fileNumber: "И-1", enrolledOn: LocalDate("2022-09-01")!,
                enrolmentOrder: "45-у", enrolmentOrderDate: LocalDate("2022-08-25")!))
        try writer.insert(
            ClassTransfer(
                studentID: student.id!, date: LocalDate("2026-10-01")!, fromClassID: schoolClass.id!,
                toClassID: schoolClass.id!, fromClassName: "5Б", toClassName: "5А", orderNumber: "101-у",
                orderDate: LocalDate("2026-09-30")!))
        try writer.insert(
            StudentDocument(studentID: student.id!, kind: .birthCertificate, receivedOn: LocalDate("2022-08-20")!))
        try writer.insert(
            IncomingApplication(
                year: 2026, number: 17, receivedOn: LocalDate("2026-09-01")!, representativeID: parent.id,
                applicantName: "Иванова Елена", kind: .informationForm, studentID: student.id,
                summary: "электронная почта", registeredBy: "test"))
        try writer.insert(
            IssuedCertificate(
                year: 2026, number: 1, studentID: student.id!, issuedOn: LocalDate("2026-11-16")!,
                purpose: "по месту требования", className: "5А", academicYear: "2026/2027", issuedBy: "test"))
    }

    @Test func seedingWroteOneAuditEntryPerRowOfEveryGuardedTable() throws {
        let database = try Self.seeded()
        try database.readNow { (reader: StoreReader) throws in
            for table in AuditGuard.auditedTables {
                let rows = try reader.count(table)
                let entries = try reader.auditEntries(entity: table).count
                #expect(rows == 1 && entries == 1, "\(table): \(rows) rows, \(entries) audit entries")
            }
        }
    }

    /// A raw update or delete of any guarded table, outside the audited path, is rolled back.
    @Test(arguments: AuditGuard.auditedTables.sorted())
    func rawWriteOutsideTheAuditedPathIsRolledBack(table: String) throws {
        let database = try Self.seeded()
        let before = try database.readNow { try $0.count(table) }
        #expect(throws: StoreError.self) {
            try database.unauditedWrite { db in
                try db.execute(sql: "UPDATE \"\(table)\" SET rowid = rowid")
            }
        }
        // A raw delete is refused too: by the guard, or first by a foreign key of the rows
        // that still refer to it. Either way nothing is deleted.
        #expect(throws: (any Error).self) {
            try database.unauditedWrite { db in try db.execute(sql: "DELETE FROM \"\(table)\"") }
        }
        #expect(try database.readNow { try $0.count(table) } == before)
        // The audited path still works after a refusal.
        _ = try database.writeNow(actor: .system("after")) { writer in
            try writer.insert(Subject(name: "Физика \(table)"))
        }
    }

    @Test func auditedWriteThatAlsoWritesRawIsRolledBackWhole() throws {
        let database = try Self.seeded()
        #expect(throws: StoreError.self) {
            try database.writeNow(actor: .system("sneaky")) { writer in
                try writer.insert(Subject(name: "История"))
                try writer.db.execute(sql: "UPDATE mark SET value = '2'")
            }
        }
        try database.readNow { (reader: StoreReader) throws in
            #expect(try reader.subjects().map(\.name) == ["Математика"])
            #expect(try reader.count("mark") == 1)
        }
    }

    @Test func staleVersionIsRefusedAndNothingIsWritten() throws {
        let database = try Self.seeded()
        var mark = try database.readNow { try $0.mark(1)! }
        try database.writeNow(actor: .system("first")) { writer in
            var fresh = mark
            fresh.value = "4"
            try writer.update(fresh)
        }
        mark.value = "3"
        #expect(throws: JournalError.self) {
            try database.writeNow(actor: .system("second")) { writer in try writer.update(mark) }
        }
        #expect(try database.readNow { try $0.mark(1)?.value } == "4")
    }
}
