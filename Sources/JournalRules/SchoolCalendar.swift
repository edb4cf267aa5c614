public import JournalModel
import Localization
import LuaRuntime

/// The school's calendar for one academic year (R9): period schemes per grade level
/// (quarters for 1–9, half-years for 10–11 by default), holidays, and how long after a
/// period ends its marks must be set.
public struct SchoolCalendar: Sendable, Hashable {
    public struct Period: Sendable, Hashable, Codable {
        public var key: String
        public var title: String
        public var scheme: String
        public var range: DateRange

        /// The whole year: its marks are annual marks, recommended from the period marks.
        public var isYear: Bool { key == SchoolCalendar.yearKey }
        /// The kind of attestation mark set for this period.
        public var markKind: AttestationMark.Kind { isYear ? .annual : .period }
    }

    public struct Holiday: Sendable, Hashable {
        public var title: String
        public var range: DateRange
        var grades: GradeSet?

        public func applies(to grade: Int) -> Bool { grades?.contains(grade) ?? true }
    }

    /// 1 September to 31 August.
    public let year: DateRange
    public let schemes: [String: [Period]]
    let schemeByGrade: [Int: String]
    public let holidays: [Holiday]
    /// Period marks are due this many days after the period ends.
    public let closeAfterDays: Int

    public func periods(grade: Int) -> [Period] {
        schemeByGrade[grade].flatMap { schemes[$0] } ?? []
    }

    /// The key of the whole academic year as a period: its marks are annual marks.
    public static let yearKey = "year"

    /// The whole year for the grade, from its first period's start to its last one's end: the
    /// period of annual marks (R2).
    public func year(grade: Int) -> Period? {
        let periods = periods(grade: grade)
        guard let first = periods.first, let last = periods.last else { return nil }
        return Period(
            key: Self.yearKey, title: "Год", scheme: Self.yearKey,
            range: DateRange(start: first.range.start, end: last.range.end))
    }

    /// The grade's periods and then the year: what a period switcher offers.
    public func periodsAndYear(grade: Int) -> [Period] {
        periods(grade: grade) + (year(grade: grade).map { [$0] } ?? [])
    }

    /// A period by key (`q1`, `year`) or title (`1 четверть`, `год`), for the grade's scheme.
    public func period(named name: String, grade: Int) -> Period? {
        let wanted = name.lowercased()
        if wanted == Self.yearKey || wanted == "год" { return year(grade: grade) }
        return periods(grade: grade).first { $0.key.lowercased() == wanted || $0.title.lowercased() == wanted }
    }

    /// A period by key or title, or `current`: the one containing `today`, or during holidays
    /// the last one begun.
    public func period(named name: String, grade: Int, today: LocalDate) -> Period? {
        guard name.lowercased() == "current" || name.lowercased() == "текущий" else {
            return period(named: name, grade: grade)
        }
        return current(grade: grade, today: today)
    }

    /// The one way a period asked for by name is found: its key or title, `current`, or
    /// `year`; anything else is refused with the names the grade accepts.
    public func resolve(_ name: String, grade: Int, today: LocalDate) throws(UnknownPeriod) -> Period {
        guard let period = period(named: name, grade: grade, today: today) else {
            throw UnknownPeriod(name: name, known: periodsAndYear(grade: grade))
        }
        return period
    }

    /// A period name the grade's calendar does not have.
    public struct UnknownPeriod: Error, Sendable, Hashable, CustomStringConvertible {
        public var name: String
        /// The periods the grade has, the year last.
        public var known: [Period]

        /// The names accepted, `q1 (1 четверть), …, year (Год), current`.
        public var knownText: String {
            (known.map { "\($0.key) (\($0.title))" } + ["current"]).joined(separator: ", ")
        }

        /// What is wrong, as a key of the localisation table with its values.
        public var message: JournalError.Message {
            JournalError.Message("error.unknown_period", ["name": name, "known": knownText])
        }

        public var description: String { message.text(.en) }
    }

    /// The period containing `today`, or the last one begun, or the first.
    public func current(grade: Int, today: LocalDate) -> Period? {
        let periods = periods(grade: grade)
        return periods.first { $0.range.contains(today) } ?? periods.last { $0.range.start <= today } ?? periods.first
    }

    /// A period by key or title in any scheme.
    public func anyPeriod(named name: String) -> Period? {
        let wanted = name.lowercased()
        if wanted == Self.yearKey || wanted == "год" { return year(grade: 1) }
        return schemes.keys.sorted().lazy.compactMap { self.schemes[$0] }.joined().first {
            $0.key.lowercased() == wanted || $0.title.lowercased() == wanted
        }
    }

    public func period(containing date: LocalDate, grade: Int) -> Period? {
        periods(grade: grade).first { $0.range.contains(date) }
    }

    public func holiday(on date: LocalDate, grade: Int) -> Holiday? {
        holidays.first { $0.range.contains(date) && $0.applies(to: grade) }
    }

    /// A day with lessons for the grade: inside a period, not a Sunday, not a holiday.
    public func isSchoolDay(_ date: LocalDate, grade: Int) -> Bool {
        date.weekday != 7 && period(containing: date, grade: grade) != nil && holiday(on: date, grade: grade) == nil
    }

    public func closeDate(of period: Period) -> LocalDate { period.range.end.adding(days: closeAfterDays) }

    /// Every period key of every scheme, for messages.
    public var periodKeysText: String {
        schemes.keys.sorted().map { scheme in
            "\(scheme): " + schemes[scheme]!.map(\.key).joined(separator: ", ")
        }.joined(separator: "; ")
    }

    /// The academic year that contains `date`: from 1 September.
    public static func academicYear(containing date: LocalDate) -> DateRange {
        let startYear = date.month >= 9 ? date.year : date.year - 1
        return DateRange(
            start: LocalDate(year: startYear, month: 9, day: 1)!,
            end: LocalDate(year: startYear + 1, month: 8, day: 31)!)
    }

    static func parse(_ value: LuaValue, file: RuleFile, year: DateRange) throws -> SchoolCalendar {
        let table = try RuleTable(value, file: file)
        let schemesTable = try table.table("schemes")
        var schemes: [String: [Period]] = [:]
        var keys: Set<String> = []
        for scheme in schemesTable.fields.keys.sorted() {
            let entries = try schemesTable.tables(scheme)
            guard !entries.isEmpty else {
                throw table.error(scheme, .init("rules.school_calendar.1", ["v1": "\(scheme)"]))
            }
            var periods: [Period] = []
            for entry in entries {
                let key = try entry.string("key")
                guard keys.insert(key).inserted else {
                    throw entry.error("key", .init("rules.school_calendar.2", ["v1": "\(key)"]))
                }
                let range = try dateRange(entry, year: year)
                if let previous = periods.last, previous.range.end >= range.start {
                    throw entry.error(
                        "from",
                        .init(
                            "rules.school_calendar.3",
                            [
                                "v1": "\(key)", "v2": "\(range.start)", "v3": "\(previous.key)",
                                "v4": "\(previous.range.end)",
                            ]))
                }
                periods.append(Period(key: key, title: try entry.string("title"), scheme: scheme, range: range))
            }
            schemes[scheme] = periods
        }
        let byGrade = try table.table("by_grade")
        var schemeByGrade: [Int: String] = [:]
        for (grades, schemeValue) in byGrade.fields {
            guard let set = GradeSet(grades) else {
                throw table.error("by_grade", .init("rules.school_calendar.4", ["v1": "\(grades)"]))
            }
            guard let scheme = schemeValue.stringValue, schemes[scheme] != nil else {
                throw table.error(
                    "by_grade",
                    .init(
                        "rules.school_calendar.5",
                        ["v1": "\(grades)", "v2": "\(schemes.keys.sorted().joined(separator: ", "))"]))
            }
            for grade in set.grades {
                if let other = schemeByGrade[grade], other != scheme {
                    throw table.error(
                        "by_grade",
                        .init("rules.school_calendar.6", ["v1": "\(grade)", "v2": "\(other)", "v3": "\(scheme)"]))
                }
                schemeByGrade[grade] = scheme
            }
        }
        if let missing = (1...11).first(where: { schemeByGrade[$0] == nil }) {
            throw table.error("by_grade", .init("rules.school_calendar.7", ["v1": "\(missing)"]))
        }
        let holidays = try (table.has("holidays") ? table.tables("holidays") : []).map { entry in
            var grades: GradeSet?
            if let text = try entry.optionalString("grades") {
                guard let set = GradeSet(text) else {
                    throw entry.error("grades", .init("rules.school_calendar.8", ["v1": "\(entry.name("grades"))"]))
                }
                grades = set
            }
            return Holiday(title: try entry.string("title"), range: try dateRange(entry, year: year), grades: grades)
        }
        let closeAfter = try table.optionalNumber("close_after_days") ?? 3
        guard closeAfter >= 0, closeAfter <= 60, closeAfter == closeAfter.rounded() else {
            throw table.error("close_after_days", .init("rules.school_calendar.9"))
        }
        return SchoolCalendar(
            year: year, schemes: schemes, schemeByGrade: schemeByGrade, holidays: holidays,
            closeAfterDays: Int(closeAfter))
    }

    /// `from` and `to` of an entry: `MM-DD` within the academic year, or a full `YYYY-MM-DD`.
    private static func dateRange(_ entry: RuleTable, year: DateRange) throws -> DateRange {
        let start = try date(entry, "from", year: year)
        let end = try date(entry, "to", year: year)
        guard start <= end else {
            throw entry.error(
                "to",
                .init("rules.school_calendar.10", ["v1": "\(entry.name("to"))", "v2": "\(end)", "v3": "\(start)"]))
        }
        guard year.contains(start), year.contains(end) else {
            throw entry.error(
                "from", .init("rules.school_calendar.11", ["v1": "\(start)", "v2": "\(end)", "v3": "\(year)"]))
        }
        return DateRange(start: start, end: end)
    }

    private static func date(_ entry: RuleTable, _ key: String, year: DateRange) throws -> LocalDate {
        let text = try entry.string(key)
        if let full = LocalDate(text) { return full }
        let parts = text.split(separator: "-")
        if parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let month = Int(parts[0]), let day = Int(parts[1]),
            let date = LocalDate(year: month >= 9 ? year.start.year : year.end.year, month: month, day: day)
        {
            return date
        }
        throw entry.error(key, .init("rules.school_calendar.12", ["v1": "\(entry.name(key))", "v2": "\(text)"]))
    }
}
