import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// The demo school keeps its journal realistically imperfectly (issue 12, item 7), and the
/// journal-keeping monitor finds it: most entries on time, a few late, a few never made.
@Suite("The journal-keeping monitor on the demo school")
struct DemoComplianceTests {
    @Test func theMonitorFindsTheDemosOnTimeLateAndMissingEntries() async throws {
        let service = JournalService(database: try JournalDatabase.inMemory(now: { TestSchool.noon }))
        _ = try await service.createDemo(
            students: 40, seed: 11, today: TestSchool.today, rules: try TestSchool.shippedRules())
        let report = try await service.compliance(
            ComplianceQuery(from: LocalDate("2026-09-01")!, to: TestSchool.today), caller: .system("завуч"))
        let byDuty = Dictionary(grouping: report.items, by: \.duty).mapValues { items in
            Dictionary(grouping: items, by: \.status).mapValues(\.count)
        }
        #expect(!report.items.contains { $0.status == .ruleFailed })
        let records = try #require(byDuty["lesson_record"])
        #expect((records[.onTime] ?? 0) > 0 && (records[.missing] ?? 0) > 0, "\(records)")
        let missingShare = Double(records[.missing] ?? 0) / Double(records.values.reduce(0, +))
        #expect(missingShare < 0.05, "a few forgotten records, not many: \(records)")
        let homework = try #require(byDuty["homework"])
        #expect((homework[.onTime] ?? 0) > 0 && (homework[.late] ?? 0) > 0, "\(homework)")
        let marks = try #require(byDuty["work_marks"])
        #expect((marks[.onTime] ?? 0) > 0 && (marks[.late] ?? 0) > 0, "\(marks)")
    }
}
