import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// The annual marks of the years before the current one, on the student's attestation
/// (Issue 11, item 8).
@Suite("Annual marks of earlier years")
struct EarlierYearsAttestationTests {
    static let reason = TestSchool.earlierYearReason

    /// Анна's year 2025/2026 (see ``TestSchool/addEarlierYear()``); the stranger is Морозов's
    /// mother.
    static func school() async throws -> (TestSchool, stranger: AccountID) {
        let school = try await TestSchool.make([.sixB], accounts: [.parent])
        return (school, try await school.addEarlierYear())
    }

    @Test func theParentSeesLastYearsAnnualMarksWithTheReason() async throws {
        let (school, _) = try await Self.school()
        let parent = Caller.person(try await school.service.subject(account: school.account(.parent)))
        let attestation = try await school.service.attestation(student: school.students[0].id!, caller: parent)
        let year = try #require(attestation.earlierYears.first)
        #expect(attestation.earlierYears.count == 1 && year.title == "2025/2026")
        #expect(year.marks.map(\.subject) == ["Математика", "Русский язык"])
        #expect(year.marks[0].value == "5" && year.marks[0].recommended == "4" && year.marks[0].reason == Self.reason)
        #expect(year.marks[1].value == "4" && year.marks[1].reason == nil)
        // The earlier year's marks are not this year's.
        #expect(attestation.marks.isEmpty)
    }

    @Test func theCurrentYearStaysTheCurrentOne() async throws {
        let (school, _) = try await Self.school()
        #expect(try await school.service.currentYear().title == "2026/2027")
        let years = try await school.service.database.read { try $0.years() }
        #expect(years.map(\.title) == ["2025/2026", "2026/2027"])
        #expect(years.filter(\.isCurrent).map(\.title) == ["2026/2027"])
    }

    @Test func aStrangerParentIsStillRefused() async throws {
        let (school, stranger) = try await Self.school()
        let caller = Caller.person(try await school.service.subject(account: stranger))
        await #expect(throws: AccessDenied.self) {
            try await school.service.attestation(student: school.students[0].id!, caller: caller)
        }
        // Their own child has no earlier years.
        let own = try await school.service.attestation(student: school.sixBStudents[0].id!, caller: caller)
        #expect(own.earlierYears.isEmpty)
    }

    @Test func aStudentWithoutEarlierMarksHasNoEarlierYears() async throws {
        let (school, _) = try await Self.school()
        let attestation = try await school.service.attestation(
            student: school.students[1].id!, caller: .system("test"))
        #expect(attestation.earlierYears.isEmpty)
    }
}
