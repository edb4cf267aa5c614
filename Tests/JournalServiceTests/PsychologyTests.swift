import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Localization
import Testing

@Suite("The psychologist's and social pedagogue's work (issue 16, item 4)")
struct PsychologyTests {
    static let people: Set<Person> = [
        .psychologist, .teacher, .otherTeacher, .management, .administrator, .parent, .hr,
    ]

    func school() async throws -> TestSchool {
        try await TestSchool.make([.fiveA, .sixB], accounts: Self.people)
    }

    func caller(_ school: TestSchool, _ person: Person) async throws -> Caller {
        .person(try await school.service.subject(account: school.account(person)))
    }

    /// A second psychologist with Анна in her caseload too.
    func secondPsychologist(_ school: TestSchool) async throws -> Caller {
        let account = try await school.service.database.write(actor: .system("test fixture")) { writer in
            let builder = try SchoolBuilder(writer)
            let staff = try builder.staff(
                PersonName(lastName: "Орлова", firstName: "Вера"), position: "социальный педагог")
            return (staff.id!, try builder.account("orlova", owner: .staff(staff.id!), roles: [.psychologist]))
        }
        try await school.service.setCaseload(
            staff: account.0, students: [school.students[0].id!], caller: .system("test fixture"))
        return .person(try await school.service.subject(account: account.1))
    }

    func consent(_ school: TestSchool, _ scope: PsychologyScope, given: String = "2026-09-01") async throws
        -> PsychologyConsent
    {
        try await school.service.addPsychologyConsent(
            student: school.students[0].id!, representative: school.mother, scope: scope, givenOn: LocalDate(given)!,
            document: "Согласие № 1", caller: try await caller(school, .psychologist))
    }

    func record(_ school: TestSchool, _ date: String, _ scope: PsychologyScope = .counselling, by person: Caller? = nil)
        async throws -> PsychologyRecord
    {
        let by = if let person { person } else { try await caller(school, .psychologist) }
        return try await school.service.addPsychologyRecord(
            school.students[0].id!,
            PsychologyRecordInput(
                date: LocalDate(date)!, kind: .session, scope: scope, notes: "Беседа о тревоге перед контрольной",
                conclusion: "Нужны ещё две встречи"), caller: by)
    }

    func reads(_ school: TestSchool, _ student: StudentID) async throws -> [SpecialRead] {
        try await school.service.database.read { try $0.specialReads(SpecialReadFilter(student: student)) }
    }

    @Test func noRecordWithoutAConsentCoveringItsScopeOnItsDay() async throws {
        let school = try await school()
        await #expect(throws: JournalError.self) { try await record(school, "2026-10-01") }
        _ = try await consent(school, .counselling)
        let written = try await record(school, "2026-10-01")
        #expect(written.authorID == school.staff(.psychologist).id)
        // Another scope, or a day before the consent, is refused with the reason.
        do {
            _ = try await record(school, "2026-10-01", .diagnostics)
            Issue.record("a diagnostic without consent was written")
        } catch let error as JournalError {
            guard case .refused(let message) = error else { throw error }
            #expect(message.key == "error.psychology.no_consent.diagnostics")
        }
        await #expect(throws: JournalError.self) { try await record(school, "2026-08-20") }
        // A future date is refused too.
        await #expect(throws: JournalError.self) { try await record(school, "2026-12-01") }
    }

    @Test func withdrawalBeforeAnExistingRecordIsRefusedAndStopsNewWork() async throws {
        let school = try await school()
        let given = try await consent(school, .counselling)
        _ = try await record(school, "2026-10-01")
        let psychologist = try await caller(school, .psychologist)
        do {
            _ = try await school.service.withdrawPsychologyConsent(
                given.id!, on: LocalDate("2026-09-15")!, caller: psychologist)
            Issue.record("withdrawn before a record that relies on it")
        } catch let error as JournalError {
            guard case .invalid(let field, let message) = error else { throw error }
            #expect(field == "withdrawn_on")
            #expect(message.key == "error.psychology.withdrawn_before_record")
        }
        #expect(try await school.service.database.read { try $0.psychologyConsent(given.id!) }?.withdrawnOn == nil)
        let withdrawn = try await school.service.withdrawPsychologyConsent(
            given.id!, on: LocalDate("2026-10-02")!, caller: psychologist)
        #expect(withdrawn.withdrawnOn == LocalDate("2026-10-02"))
        await #expect(throws: JournalError.self) { try await record(school, "2026-10-05") }
        // A consent records rely on cannot be deleted; one nothing relies on can.
        await #expect(throws: JournalError.self) {
            try await school.service.deletePsychologyConsent(given.id!, caller: psychologist)
        }
        let unused = try await consent(school, .diagnostics)
        try await school.service.deletePsychologyConsent(unused.id!, caller: psychologist)
        #expect(try await school.service.database.read { try $0.psychologyConsent(unused.id!) } == nil)
    }

    @Test func aConsentComesOnlyFromTheStudentsOwnRepresentative() async throws {
        let school = try await school()
        let other = try await school.service.database.write(actor: .system("test fixture")) { writer in
            try writer.insert(Representative(name: PersonName(lastName: "Морозова", firstName: "Ирина"))).id!
        }
        await #expect(throws: JournalError.self) {
            try await school.service.addPsychologyConsent(
                student: school.students[0].id!, representative: other, scope: .counselling,
                givenOn: LocalDate("2026-09-01")!, document: "Согласие", caller: try await caller(school, .psychologist)
            )
        }
    }

    @Test func recordsAreReadOnlyByTheirAuthor() async throws {
        let school = try await school()
        _ = try await consent(school, .counselling)
        _ = try await record(school, "2026-10-01")
        let anna = school.students[0].id!
        let mine = try await school.service.psychologyCard(anna, caller: try await caller(school, .psychologist))
        #expect(mine.records.count == 1)
        #expect(mine.consents.count == 1)
        // Another psychologist with Анна in her caseload sees the consent, not the record.
        let colleague = try await secondPsychologist(school)
        let theirs = try await school.service.psychologyCard(anna, caller: colleague)
        #expect(theirs.records.isEmpty)
        #expect(theirs.consents.count == 1)
        // Management, the class teacher and the administrator are refused.
        for person in [Person.management, .teacher, .administrator, .hr] {
            await #expect(throws: AccessDenied.self, "\(person)") {
                try await school.service.psychologyCard(anna, caller: try await caller(school, person))
            }
        }
        // A student outside the caseload is refused to the psychologist too.
        await #expect(throws: AccessDenied.self) {
            try await school.service.psychologyCard(
                school.sixBStudents[0].id!, caller: try await caller(school, .psychologist))
        }
    }

    @Test func theAdministratorIsRefusedPsychologyEverywhere() async throws {
        let school = try await school()
        let admin = try await caller(school, .administrator)
        let anna = school.students[0].id!
        await #expect(throws: AccessDenied.self) { try await school.service.psychologyCaseload(caller: admin) }
        await #expect(throws: AccessDenied.self) {
            try await school.service.addPsychologyConsent(
                student: anna, representative: school.mother, scope: .counselling, givenOn: LocalDate("2026-09-01")!,
                document: "Согласие", caller: admin)
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.setSocialFacts(
                anna, [SocialFactInput(kind: .largeFamily, since: nil, note: "")], caller: admin)
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.socialPassportCounts(school.fiveA.id!, caller: admin)
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.socialPassport(school.fiveA.id!, caller: admin)
        }
        // Not even through a share by the psychologist.
        let conclusion = try await school.service.addCouncilConclusion(
            anna, date: LocalDate("2026-11-10")!, conclusion: "Заключение", recommendations: "",
            caller: try await caller(school, .psychologist))
        await #expect(throws: JournalError.self) {
            try await school.service.shareCouncilConclusion(
                conclusion.id!, with: school.staff(.administrator).id!, caller: try await caller(school, .psychologist))
        }
        #expect(try await school.service.sharedCouncilConclusions(caller: admin).isEmpty)
        #expect(try await reads(school, anna).allSatisfy { $0.accountID != school.account(.administrator) })
    }

    @Test func aCouncilConclusionIsReadByThoseItIsSharedWithEachReadLogged() async throws {
        let school = try await school()
        let anna = school.students[0].id!
        let psychologist = try await caller(school, .psychologist)
        let teacher = try await caller(school, .teacher)
        let conclusion = try await school.service.addCouncilConclusion(
            anna, date: LocalDate("2026-11-10")!, conclusion: "Трудности внимания",
            recommendations: "Давать задания по частям", caller: psychologist)
        #expect(try await school.service.sharedCouncilConclusions(caller: teacher).isEmpty)
        // Only the author shares: the class teacher may not share it on, nor another psychologist.
        await #expect(throws: AccessDenied.self) {
            try await school.service.shareCouncilConclusion(
                conclusion.id!, with: school.staff(.teacher).id!, caller: teacher)
        }
        let colleague = try await secondPsychologist(school)
        do {
            _ = try await school.service.shareCouncilConclusion(
                conclusion.id!, with: school.staff(.teacher).id!, caller: colleague)
            Issue.record("another psychologist shared a conclusion")
        } catch let error as JournalError {
            guard case .refused(let message) = error else { throw error }
            #expect(message.key == "error.psychology.author_only")
        }
        let share = try await school.service.shareCouncilConclusion(
            conclusion.id!, with: school.staff(.teacher).id!, caller: psychologist)
        #expect(share.sharedBy == school.staff(.psychologist).id)
        await #expect(throws: JournalError.self) {
            try await school.service.shareCouncilConclusion(
                conclusion.id!, with: school.staff(.teacher).id!, caller: psychologist)
        }
        let before = try await reads(school, anna).count
        let shared = try await school.service.sharedCouncilConclusions(caller: teacher)
        #expect(shared.map(\.conclusion.recommendations) == ["Давать задания по частям"])
        #expect(shared[0].shares.isEmpty)
        let after = try await reads(school, anna)
        #expect(after.count == before + 1)
        #expect(after.first?.accountID == school.account(.teacher))
        #expect(after.first?.what == "psychology.council")
        // Сидоров, who does not teach Анна, cannot be given it; management, who is not named, reads nothing.
        await #expect(throws: JournalError.self) {
            try await school.service.shareCouncilConclusion(
                conclusion.id!, with: school.staff(.otherTeacher).id!, caller: psychologist)
        }
        #expect(
            try await school.service.sharedCouncilConclusions(caller: try await caller(school, .management)).isEmpty)
        // Revoked: the class teacher reads it no more.
        try await school.service.revokeCouncilShare(
            conclusion.id!, staff: school.staff(.teacher).id!, caller: psychologist)
        #expect(try await school.service.sharedCouncilConclusions(caller: teacher).isEmpty)
        let card = try await school.service.psychologyCard(anna, caller: psychologist)
        #expect(card.conclusions.first?.shares.first?.revokedAt != nil)
    }

    @Test func theClassTeacherSeesOnlyCountsOfTheirClass() async throws {
        let school = try await school()
        let psychologist = try await caller(school, .psychologist)
        let (anna, oleg) = (school.students[0].id!, school.students[1].id!)
        _ = try await school.service.setSocialFacts(
            anna,
            [
                SocialFactInput(kind: .largeFamily, since: LocalDate("2024-01-01"), note: "удостоверение"),
                SocialFactInput(kind: .lowIncome, since: nil, note: ""),
            ], caller: psychologist)
        _ = try await school.service.setSocialFacts(
            oleg, [SocialFactInput(kind: .largeFamily, since: nil, note: "")], caller: psychologist)
        // Duplicates and future dates are refused, nothing half-written.
        await #expect(throws: JournalError.self) {
            try await school.service.setSocialFacts(
                oleg,
                [
                    SocialFactInput(kind: .atRisk, since: nil, note: ""),
                    SocialFactInput(kind: .atRisk, since: nil, note: ""),
                ],
                caller: psychologist)
        }
        let counts = try await school.service.socialPassportCounts(
            school.fiveA.id!, caller: try await caller(school, .teacher))
        #expect(counts.counts == ["large_family": 2, "low_income": 1])
        #expect(counts.withFacts == 2)
        #expect(counts.students == 3)
        // Names are the social pedagogue's: the class teacher is refused them, and another class's counts.
        await #expect(throws: AccessDenied.self) {
            try await school.service.socialPassport(school.fiveA.id!, caller: try await caller(school, .teacher))
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.socialPassportCounts(
                school.fiveA.id!, caller: try await caller(school, .otherTeacher))
        }
        let passport = try await school.service.socialPassport(school.fiveA.id!, caller: psychologist)
        #expect(passport.rows.first { $0.studentID == anna }?.facts.count == 2)
        #expect(try await reads(school, anna).contains { $0.what == "psychology.social_passport" })
    }

    @Test func everySpecialReadPathLeavesATrace() async throws {
        let school = try await school()
        let anna = school.students[0].id!
        let psychologist = try await caller(school, .psychologist)
        _ = try await consent(school, .counselling)
        _ = try await record(school, "2026-10-01")
        _ = try await school.service.psychologyCaseload(caller: psychologist)
        _ = try await school.service.psychologyCard(anna, caller: psychologist)
        let whats = Set(try await reads(school, anna).map(\.what))
        #expect(
            whats.isSuperset(of: [
                "psychology.caseload", "psychology.card", "psychology.consents", "psychology.records",
            ]))
        let caseload = try await school.service.psychologyCaseload(caller: psychologist)
        #expect(caseload.map(\.studentID) == [anna])
        #expect(caseload[0].consents == [.counselling])
        #expect(caseload[0].lastRecord == LocalDate("2026-10-01"))
        // Others have no caseload page.
        await #expect(throws: AccessDenied.self) {
            try await school.service.psychologyCaseload(caller: try await caller(school, .teacher))
        }
    }

    @Test func theSubjectAccessSectionsListRecordsWithoutTheWorkingNotes() async throws {
        let school = try await school()
        _ = try await consent(school, .counselling)
        _ = try await record(school, "2026-10-01")
        let sections = try await school.service.database.read { reader in
            try JournalService.psychologySubjectAccessSections(school.students[0].id!, reader, .ru)
        }
        #expect(sections.count == 4)
        #expect(sections[0].rows == [["консультирование", "Иванова Елена", "2026-09-01", "Согласие № 1", ""]])
        #expect(
            sections[1].rows == [["2026-10-01", "консультация (встреча)", "консультирование", "Нужны ещё две встречи"]])
        #expect(!sections.flatMap(\.rows).joined().contains { $0.contains("Беседа") })
    }
}
