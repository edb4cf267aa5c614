import JournalModel
import Testing

@Suite struct LocalDateTests {
    @Test(arguments: ["2026-09-01", "2024-02-29", "1970-01-01", "2000-12-31"])
    func roundTripsThroughText(_ text: String) throws {
        let date = try #require(LocalDate(text))
        #expect(date.description == text)
        #expect(LocalDate(dayNumber: date.dayNumber) == date)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-9-1", "01.09.2026", "", "2026-09-01x"])
    func refusesImpossibleOrMalformedDays(_ text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func knowsWeekdays() throws {
        #expect(try #require(LocalDate("2026-09-01")).weekday == 2)  // a Tuesday
        #expect(try #require(LocalDate("2026-11-29")).weekday == 7)
        #expect(try #require(LocalDate("2026-11-29")).startOfWeek == LocalDate("2026-11-23"))
    }

    @Test func classNamesSplitIntoGradeAndLetter() {
        #expect(SchoolClass.parse(name: "5А")! == (5, "А"))
        #expect(SchoolClass.parse(name: " 10б ")! == (10, "Б"))
        #expect(SchoolClass.parse(name: "12А") == nil)
        #expect(SchoolClass.parse(name: "А5") == nil)
    }
}
