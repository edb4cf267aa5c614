import JournalDemo
import JournalModel
import Testing

@Suite struct DeterminismTests {
    @Test func sameOptionsGiveTheSameSchool() {
        let again = DemoSchoolGenerator(options: Fixtures.options).generate()
        #expect(again == Fixtures.school)
    }

    @Test func anotherSeedGivesAnotherSchool() {
        var options = Fixtures.options
        options.seed += 1
        let other = DemoSchoolGenerator(options: options).generate()
        #expect(other.students.map(\.name) != Fixtures.school.students.map(\.name))
        #expect(other.marks != Fixtures.school.marks)
        #expect(other.credentials.map(\.password) != Fixtures.school.credentials.map(\.password))
    }

    @Test func theAcademicYearFollowsToday() throws {
        let march = DemoOptions(today: try #require(LocalDate("2026-03-12")))
        #expect(march.academicYear == DateRange(start: LocalDate("2025-09-01")!, end: LocalDate("2026-08-31")!))
        let august = DemoOptions(today: try #require(LocalDate("2026-08-20")))
        #expect(august.academicYear == DateRange(start: LocalDate("2026-09-01")!, end: LocalDate("2027-08-31")!))
        let september = DemoOptions(today: try #require(LocalDate("2026-09-01")))
        #expect(september.academicYear.start == LocalDate("2026-09-01"))
        #expect(Fixtures.school.year.title == "2025/2026")
        #expect(Fixtures.school.year.isCurrent)
    }

    @Test func standardCalendarHasHolidaysAndFourQuarters() {
        let options = Fixtures.options
        #expect(options.periods.count == 4)
        #expect(options.periods.first?.start == LocalDate("2025-09-01"))
        #expect(options.periods.last?.end == LocalDate("2026-05-26"))
        #expect(options.holidays.contains { $0.contains(LocalDate("2026-01-05")!) })
        #expect(options.holidays.contains { $0.contains(LocalDate("2025-11-04")!) })
        #expect(!options.isSchoolDay(LocalDate("2026-02-23")!))
        #expect(options.isSchoolDay(LocalDate("2026-02-24")!))
        #expect(options.isSchoolDay(LocalDate("2026-02-16")!, grade: 2))
        #expect(!options.isSchoolDay(LocalDate("2026-02-16")!, grade: 1))
        #expect(DemoOptions(today: Fixtures.today, holidays: []).firstGradeHolidays.isEmpty)
    }

    @Test func tooFewStudentsAreRaisedToThirty() {
        #expect(DemoOptions(students: 5, today: Fixtures.today).students == 30)
    }
}
