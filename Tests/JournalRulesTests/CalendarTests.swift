import JournalModel
import JournalRules
import Testing

@Suite("The calendar: periods per grade, holidays")
struct CalendarTests {
    @Test(arguments: [(1, "quarters"), (9, "quarters"), (10, "halves"), (11, "halves")])
    func gradesGetTheirPeriodScheme(grade: Int, scheme: String) async throws {
        let calendar = try await RulesFixtures.load(RulesFixtures.shipped()).calendar
        let periods = calendar.periods(grade: grade)
        #expect(periods.allSatisfy { $0.scheme == scheme })
        #expect(periods.count == (scheme == "quarters" ? 4 : 2))
        #expect(periods.first?.range.start == LocalDate("2026-09-01"))
        #expect(periods.last?.range.end == LocalDate("2027-05-26"))
    }

    @Test func periodContainingADayDependsOnTheGrade() async throws {
        let calendar = try await RulesFixtures.load(RulesFixtures.shipped()).calendar
        let december = LocalDate("2026-12-10")!
        #expect(calendar.period(containing: december, grade: 9)?.key == "q2")
        #expect(calendar.period(containing: december, grade: 10)?.key == "h1")
        #expect(calendar.period(containing: LocalDate("2026-10-30")!, grade: 9) == nil)  // autumn holidays
        #expect(calendar.period(named: "2 четверть", grade: 5)?.key == "q2")
        #expect(calendar.period(named: "q2", grade: 11) == nil)
    }

    @Test func holidaysIncludingTheFirstGradersExtraWeek() async throws {
        let calendar = try await RulesFixtures.load(RulesFixtures.shipped()).calendar
        let february = LocalDate("2027-02-16")!  // a Tuesday
        #expect(!calendar.isSchoolDay(february, grade: 1))
        #expect(calendar.isSchoolDay(february, grade: 2))
        #expect(calendar.holiday(on: LocalDate("2026-11-02")!, grade: 11)?.title == "Осенние каникулы")
        #expect(!calendar.isSchoolDay(LocalDate("2026-11-29")!, grade: 5))  // a Sunday
        #expect(calendar.isSchoolDay(LocalDate("2026-11-28")!, grade: 5))  // a Saturday
        #expect(!calendar.isSchoolDay(LocalDate("2027-01-05")!, grade: 10))
        #expect(calendar.closeDate(of: calendar.period(named: "q1", grade: 3)!) == LocalDate("2026-10-27"))
    }
}
