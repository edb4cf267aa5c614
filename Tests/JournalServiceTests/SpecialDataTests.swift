import Foundation
import GRDB
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Localization
import Testing

@Suite("Special-category data: the read log, emergency access, the subject-access export (R21, issue 16)")
struct SpecialDataTests {
    static let people: Set<Person> = [
        .administrator, .management, .teacher, .otherTeacher, .parent, .medical, .psychologist, .student,
    ]

    func caller(_ school: TestSchool, _ person: Person) async throws -> Caller {
        .person(try await school.service.subject(account: school.account(person)))
    }

    func anna(_ school: TestSchool) -> StudentID { school.students[0].id! }

    // MARK: Emergency access

    @Test func aTeacherOpensAnEmergencyAccessWithAReasonAndTheSpecialistsAreTold() async throws {
        let school = try await TestSchool.make([.marks, .sixB], accounts: Self.people)
        let teacher = try await caller(school, .teacher)
        let anna = anna(school)
        _ = try await school.service.saveHealthAlert(
            student: anna, HealthAlertInput(kind: "allergy", text: "арахис", note: nil),
            caller: try await caller(school, .medical))
        // Without an emergency access the teacher may not read it.
        await #expect(throws: AccessDenied.self) { _ = try await school.service.healthCard(anna, caller: teacher) }
        await #expect(throws: JournalError.self) {
            _ = try await school.service.openEmergencyAccess(
                student: anna, domain: .health, reason: "срочно", caller: teacher)
        }
        await #expect(throws: JournalError.self) {
            _ = try await school.service.openEmergencyAccess(
                student: anna, domain: .health, reason: "          \n   ", caller: teacher)
        }
        let access = try await school.service.openEmergencyAccess(
            student: anna, domain: .health, reason: "  Приступ астмы на уроке, нужна информация  ", caller: teacher)
        #expect(access.reason == "Приступ астмы на уроке, нужна информация")
        #expect(access.until.timeIntervalSince(access.openedAt) == EmergencyAccess.duration)
        // The opening is audited, and told to the administrator and the medical worker.
        let audit = try await school.service.database.read { reader in
            try reader.auditEntries(entity: "emergencyAccess")
        }
        #expect(audit.count == 1)
        #expect(audit.first?.reason == "Приступ астмы на уроке, нужна информация")
        for person in [Person.administrator, .medical] {
            let subject = try await school.service.subject(account: school.account(person))
            let notices = try await school.service.database.read { reader in
                try reader.securityNotices(roles: subject.roles, account: subject.accountID, since: .distantPast)
            }
            #expect(notices.contains { $0.kind == .emergencyAccess }, "\(person) is told")
        }
        let psychologist = try await school.service.subject(account: school.account(.psychologist))
        let theirs = try await school.service.database.read { reader in
            try reader.securityNotices(roles: psychologist.roles, account: psychologist.accountID, since: .distantPast)
        }
        #expect(!theirs.contains { $0.kind == .emergencyAccess }, "health is not the psychologist's")
        let context = try await school.service.emergencyAccessContext(student: anna, caller: teacher)
        #expect(context.open.map(\.domain) == [.health])
        // Under it the teacher reads the health card, and the read is logged with the access.
        let card = try await school.service.healthCard(anna, caller: teacher)
        #expect(card.records.alerts.map(\.text) == ["арахис"])
        let reads = try await school.service.database.read { reader in
            try reader.specialReads(SpecialReadFilter(student: anna, account: school.account(.teacher)))
        }
        #expect(reads.count == 1)
        #expect(reads.first?.emergencyAccessID == access.id)
        #expect(reads.first?.what == "health.card")
        // Not psychology: the access was to health only.
        await #expect(throws: AccessDenied.self) {
            _ = try await school.service.psychologyCard(anna, caller: teacher)
        }
        // An hour later it is closed.
        school.clock.advance(by: EmergencyAccess.duration + 1)
        let later = try await school.service.emergencyAccessContext(student: anna, caller: teacher)
        #expect(later.open.isEmpty)
    }

    @Test func theAdministratorsDenialHoldsInAnEmergencyAndStrangersCannotOpenOne() async throws {
        let school = try await TestSchool.make([.marks, .sixB], accounts: Self.people)
        let anna = anna(school)
        let reason = "Нужно срочно узнать об аллергии"
        for domain in [DataDomain.health, .psychology] {
            await #expect(throws: AccessDenied.self, "the administrator, \(domain)") {
                _ = try await school.service.openEmergencyAccess(
                    student: anna, domain: domain, reason: reason, caller: try await caller(school, .administrator))
            }
        }
        // Сидоров teaches 6Б, not Анна: he may not see her at all.
        await #expect(throws: AccessDenied.self) {
            _ = try await school.service.openEmergencyAccess(
                student: anna, domain: .health, reason: reason, caller: try await caller(school, .otherTeacher))
        }
        // A parent does not see students as the staff do.
        await #expect(throws: AccessDenied.self) {
            _ = try await school.service.openEmergencyAccess(
                student: anna, domain: .health, reason: reason, caller: try await caller(school, .parent))
        }
        // The medical worker has the right already.
        await #expect(throws: JournalError.self) {
            _ = try await school.service.openEmergencyAccess(
                student: anna, domain: .health, reason: reason, caller: try await caller(school, .medical))
        }
        // Only health and psychology are opened so.
        await #expect(throws: JournalError.self) {
            _ = try await school.service.openEmergencyAccess(
                student: anna, domain: .personnel, reason: reason, caller: try await caller(school, .teacher))
        }
        let opened = try await school.service.database.read { reader in try reader.emergencyAccesses() }
        #expect(opened.isEmpty, "nothing refused was written")
    }

    // MARK: The log

    @Test func theLogIsTheAdministratorsAndHidesTheEntriesThatNameTheReader() async throws {
        let school = try await TestSchool.make([.marks, .sixB], accounts: Self.people)
        let anna = anna(school)
        let admin = try await caller(school, .administrator)
        let at = school.clock.now
        try await school.service.database.logSpecialReads([
            SpecialRead(
                at: at, accountID: school.account(.medical), actorName: "Медсестра", domain: .health,
                what: "health.card", studentID: anna, purpose: "GET /health/students/1"),
            SpecialRead(
                at: at, accountID: school.account(.administrator), actorName: "Орлов Иван", domain: .health,
                what: "health.card", studentID: anna, purpose: "journal"),
            SpecialRead(
                at: at, accountID: school.account(.psychologist), actorName: "Соколова Татьяна",
                domain: .psychology, what: "psychology.card", studentID: anna, purpose: "GET /psychology/students/1"),
        ])
        let log = try await school.service.specialReadLog(SpecialReadFilter(), caller: admin)
        #expect(
            log.reads.map(\.actorName) == ["Соколова Татьяна", "Медсестра"],
            "the entry naming the administrator is hidden")
        // Whom the psychologist sees is not the administrator's to learn.
        #expect(log.reads.first?.studentID == nil)
        let aboutAnna = try await school.service.specialReadLog(SpecialReadFilter(student: anna), caller: admin)
        #expect(aboutAnna.reads.map(\.domain) == [.health])
        #expect(log.studentNames[anna] == "Иванова Анна")
        let filtered = try await school.service.specialReadLog(
            SpecialReadFilter(domain: .personnel), caller: admin)
        #expect(filtered.reads.isEmpty)
        for person in [Person.management, .medical, .psychologist, .teacher, .parent] {
            await #expect(throws: AccessDenied.self, "\(person)") {
                _ = try await school.service.specialReadLog(
                    SpecialReadFilter(), caller: try await caller(school, person))
            }
        }
        await #expect(throws: JournalError.self) {
            _ = try await school.service.specialReadLog(SpecialReadFilter(limit: 0), caller: admin)
        }
    }

    // MARK: Subject access

    @Test func aParentGetsEverythingTheSchoolHoldsAboutTheirChildAndTheReadIsLogged() async throws {
        let school = try await TestSchool.make([.marks, .sixB], accounts: Self.people)
        let anna = anna(school)
        let parent = try await caller(school, .parent)
        _ = try await school.service.saveHealthAlert(
            student: anna, HealthAlertInput(kind: "allergy", text: "арахис", note: "отёк"),
            caller: try await caller(school, .medical))
        let export = try await school.service.subjectAccessExport(student: anna, language: .ru, caller: parent)
        let pdf = try PDFText(export.pdf)
        #expect(pdf.text.contains("Иванова Анна"))
        #expect(pdf.text.contains("Сведения, которые школа хранит об обучающемся"))
        #expect(pdf.text.contains("Математика"))
        #expect(pdf.text.contains("Иванова Елена"), "the representative")
        #expect(pdf.text.contains("арахис"), "the health data the school holds is the family's to see")
        #expect(export.sections.contains { $0.title == "Отметки" && $0.rows.contains { $0.contains("5") } })
        // Her mark of 5 for the test and the lateness are there.
        let attendance = try #require(export.sections.first { $0.title == "Посещаемость" })
        #expect(!attendance.rows.isEmpty)
        let reads = try await school.service.database.read { reader in
            try reader.specialReads(SpecialReadFilter(student: anna))
        }
        let exportReads = reads.filter { $0.accountID == school.account(.parent) }
        #expect(Set(exportReads.map(\.domain)) == [.health, .psychology])
        #expect(exportReads.allSatisfy { $0.what == "subject_access.export" })
        // Nobody else's child, and nobody but the representative.
        let maxim = school.sixBStudents[0].id!
        await #expect(throws: AccessDenied.self) {
            _ = try await school.service.subjectAccessExport(student: maxim, language: .ru, caller: parent)
        }
        for person in [Person.administrator, .teacher, .management, .medical, .student] {
            await #expect(throws: AccessDenied.self, "\(person)") {
                _ = try await school.service.subjectAccessExport(
                    student: anna, language: .ru, caller: try await caller(school, person))
            }
        }
        let english = try await school.service.subjectAccessExport(student: anna, language: .en, caller: parent)
        #expect(try PDFText(english.pdf).text.contains("Data the school holds about the student"))
    }

    @Test func aWiderGrantOpensNoOtherChildsExport() async throws {
        let school = try await TestSchool.make([.marks, .sixB], accounts: Self.people)
        _ = try await school.service.addRightsExtension(
            RightsExtensionInput(
                role: .parent, accountID: nil, capability: "subject_access.request", scope: "school", effect: "allow",
                comment: "по ошибке"),
            caller: .system("test"))
        let maxim = school.sixBStudents[0].id!
        await #expect(throws: JournalError.self) {
            _ = try await school.service.subjectAccessExport(
                student: maxim, language: .ru, caller: try await caller(school, .parent))
        }
        let reads = try await school.service.database.read { reader in
            try reader.specialReads(SpecialReadFilter(student: maxim))
        }
        #expect(reads.isEmpty)
    }

    /// A medical record's id on another student's card is not found there: it cannot move a
    /// record from one child to another.
    @Test func aRecordOfAnotherStudentCannotBeCorrectedThroughThisOne() async throws {
        let school = try await TestSchool.make([.marks, .sixB], accounts: Self.people)
        let medical = try await caller(school, .medical)
        let anna = anna(school)
        let maxim = school.sixBStudents[0].id!
        let alert = try await school.service.saveHealthAlert(
            student: anna, HealthAlertInput(kind: "allergy", text: "арахис", note: nil), caller: medical)
        await #expect(throws: (any Error).self) {
            _ = try await school.service.saveHealthAlert(
                student: maxim, id: alert.id, HealthAlertInput(kind: "allergy", text: "пыльца", note: nil),
                caller: medical)
        }
        let card = try await school.service.healthCard(anna, caller: medical)
        #expect(card.records.alerts.map(\.text) == ["арахис"])
    }

    // MARK: Categories

    /// Every column of every specialists' table in the schema carries a category, and the
    /// registry names no column the schema lacks.
    @Test func everyFieldOfTheSpecialistsTablesHasItsCategory() throws {
        let database = try JournalDatabase.inMemory()
        try database.readNow { (reader: StoreReader) throws in
            for (table, entry) in DataCategories.tables {
                let columns = try reader.columnNames(table)
                #expect(!columns.isEmpty, "\(table) is in the schema")
                #expect(Set(columns) == Set(entry.columns.keys), "\(table): \(columns.sorted())")
            }
        }
    }

    /// The change history shows no specialists' table of special data to anyone: the
    /// administrator's audit.view reaches none of it (their denial holds in the audit views).
    @Test func theHistoryHasNoKindOverSpecialData() {
        let historyTables = Set(HistoryQuery.kinds.values.joined())
        for (table, entry) in DataCategories.tables where entry.category == .special {
            #expect(!historyTables.contains(table), "\(table) is in the history")
        }
    }
}
