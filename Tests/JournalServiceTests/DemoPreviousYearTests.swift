import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// `journal demo` stores the year before the current one with its annual marks, and the
/// current year stays the one everything uses (Issue 11, item 8).
@Suite("The demo school's previous year")
struct DemoPreviousYearTests {
    @Test func theDemoStoresLastYearsAnnualMarksAndKeepsTheCurrentYear() async throws {
        let service = JournalService(database: try JournalDatabase.inMemory(now: { TestSchool.noon }))
        let result = try await service.createDemo(
            students: 30, seed: 11, today: TestSchool.today, rules: try TestSchool.shippedRules())
        #expect(try await service.currentYear().title == "2026/2027")
        let (years, fifth, first) = try await service.database.read { reader in
            let current = try reader.currentYear()!
            let classes = try reader.classes(year: current.id!)
            let fifth = try reader.students(inClass: classes.first { $0.grade == 5 }!.id!)
            let first = try reader.students(inClass: classes.first { $0.grade == 1 }!.id!)
            return (try reader.years(), fifth, first)
        }
        #expect(years.map(\.title) == ["2025/2026", "2026/2027"])
        #expect(years.map(\.isCurrent) == [false, true])
        let count = try #require(result.counts.first { $0.0 == "annual marks of last year" }?.1)
        #expect(count > 0)

        let caller = Caller.system("test")
        let student = try #require(fifth.first)
        let attestation = try await service.attestation(student: student.id!, caller: caller)
        let year = try #require(attestation.earlierYears.first)
        #expect(attestation.earlierYears.count == 1 && year.title == "2025/2026")
        #expect(year.marks.contains { $0.subject == "Литературное чтение" && $0.value != nil })
        #expect(year.marks.contains { $0.subject == "Окружающий мир" })
        // This year's marks are this year's: the first quarter's period marks, no annual one.
        #expect(!attestation.marks.isEmpty && attestation.marks.allSatisfy { $0.kind == .period })

        for student in first {
            #expect(try await service.attestation(student: student.id!, caller: caller).earlierYears.isEmpty)
        }
    }
}
