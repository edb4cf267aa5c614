public import JournalModel

/// What demo school to make: how many students, from which seed, and the day the school "is"
/// at. The same options always give the same school.
public struct DemoOptions: Hashable, Sendable, Codable {
    /// The number of students, at least 30.
    public var students: Int
    public var seed: UInt64
    /// Lessons up to this day are held and filled in; later ones are only scheduled.
    public var today: LocalDate
    /// Days without lessons besides Sundays: the school holidays and public holidays.
    public var holidays: [DateRange]
    /// Extra holidays of grade 1 only (the February week first-graders get).
    public var firstGradeHolidays: [DateRange]
    /// The study periods (quarters); lessons run from the first period's start to the last
    /// one's end, and the bigger tests cluster before each period ends.
    public var periods: [DateRange]

    /// Options for the academic year that contains `today`. Without holidays or periods those
    /// of the school's default calendar are used: autumn, winter and spring holidays, public
    /// holidays, a February week for grade 1, four quarters from 1 September to 26 May.
    public init(
        students: Int = 1000, seed: UInt64 = 17, today: LocalDate, holidays: [DateRange]? = nil,
        firstGradeHolidays: [DateRange]? = nil, periods: [DateRange]? = nil
    ) {
        self.students = max(30, students)
        self.seed = seed
        self.today = today
        let startYear = Self.startYear(for: today)
        self.holidays = holidays ?? Self.standardHolidays(yearStarting: startYear)
        self.firstGradeHolidays =
            firstGradeHolidays ?? (holidays == nil ? Self.standardFirstGradeHolidays(yearStarting: startYear) : [])
        let given = periods?.filter { $0.start <= $0.end } ?? []
        self.periods = given.isEmpty ? Self.standardQuarters(yearStarting: startYear) : given
    }

    /// 1 September of the year of `today` when it is August or later, else of the year before,
    /// to 31 August after.
    public var academicYear: DateRange {
        let year = Self.startYear(for: today)
        return DateRange(start: Self.date(year, 9, 1), end: Self.date(year + 1, 8, 31))
    }

    /// The span lessons are given in: the first period's start to the last period's end,
    /// within the academic year.
    public var teachingSpan: DateRange {
        let year = academicYear
        let start = periods.map(\.start).min() ?? year.start
        let end = periods.map(\.end).max() ?? year.end
        return DateRange(start: max(start, year.start), end: min(end, year.end))
    }

    /// True when lessons are given on the day: not a Sunday, not a holiday, within the span.
    public func isSchoolDay(_ date: LocalDate) -> Bool {
        date.weekday != 7 && teachingSpan.contains(date) && !holidays.contains { $0.contains(date) }
    }

    /// True when a grade has lessons on the day: a school day, and not grade 1's own holiday.
    public func isSchoolDay(_ date: LocalDate, grade: Int) -> Bool {
        isSchoolDay(date) && (grade != 1 || !firstGradeHolidays.contains { $0.contains(date) })
    }

    static func startYear(for today: LocalDate) -> Int {
        today.month >= 8 ? today.year : today.year - 1
    }

    /// The holidays of the school's default calendar (`rules/calendar.lua`): autumn
    /// 25 October–4 November, winter 29 December–8 January, spring 22–29 March, and
    /// 23 February, 8 March, 1 May and 9 May.
    public static func standardHolidays(yearStarting year: Int) -> [DateRange] {
        [
            DateRange(start: date(year, 10, 25), end: date(year, 11, 4)),
            DateRange(start: date(year, 12, 29), end: date(year + 1, 1, 8)),
            DateRange(start: date(year + 1, 3, 22), end: date(year + 1, 3, 29)),
        ]
            + [date(year + 1, 2, 23), date(year + 1, 3, 8), date(year + 1, 5, 1), date(year + 1, 5, 9)]
            .map { DateRange(start: $0, end: $0) }
    }

    /// The extra February week of first-graders in the default calendar.
    public static func standardFirstGradeHolidays(yearStarting year: Int) -> [DateRange] {
        [DateRange(start: date(year + 1, 2, 14), end: date(year + 1, 2, 22))]
    }

    /// The quarters of the default calendar, 1 September to 26 May.
    public static func standardQuarters(yearStarting year: Int) -> [DateRange] {
        [
            DateRange(start: date(year, 9, 1), end: date(year, 10, 24)),
            DateRange(start: date(year, 11, 5), end: date(year, 12, 28)),
            DateRange(start: date(year + 1, 1, 9), end: date(year + 1, 3, 21)),
            DateRange(start: date(year + 1, 3, 30), end: date(year + 1, 5, 26)),
        ]
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: day)!
    }
}
