public import JournalModel
public import JournalRules
import JournalStore

/// Everything needed to compute every student's standing in every subject for the period
/// each class is in, read from the database once.
public struct SchoolPeriodData: Sendable {
    let snapshot: TeachingSnapshot
    let marks: [StudentID: [SubjectID: [MarkRow]]]
    let periods: [ClassID: SchoolCalendar.Period]
    public let rules: SchoolRules
    public let today: LocalDate

    public var studentCount: Int { snapshot.students.count }
    public var markCount: Int { marks.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } } }
}

extension JournalService {
    /// Reads the whole school for the current period of each class: the one containing
    /// `today`, or the last one begun (during holidays).
    public func schoolPeriodData(today: LocalDate? = nil) async throws -> SchoolPeriodData {
        let rules = try await rules()
        let schoolToday = try await self.today()
        let today = today ?? schoolToday
        @Sendable func period(_ schoolClass: SchoolClass) -> SchoolCalendar.Period? {
            rules.calendar.current(grade: schoolClass.grade, today: today)
        }
        let (snapshot, marks, periods) = try await database.read { reader in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            let classes = try reader.classes(year: year.id!)
            let snapshot = try TeachingSnapshot.load(reader, classes: classes)
            var periods: [ClassID: SchoolCalendar.Period] = [:]
            for schoolClass in classes { periods[schoolClass.id!] = period(schoolClass) }
            return (snapshot, try snapshot.marks(reader) { periods[$0.id!] }, periods)
        }
        return SchoolPeriodData(snapshot: snapshot, marks: marks, periods: periods, rules: rules, today: today)
    }

    /// Every student × subject of the school for their current period, recommended by the
    /// rules' scales (Lua).
    public func schoolStandings(_ data: SchoolPeriodData) async throws -> [SubjectStanding] {
        try await data.rules.withEvaluator { evaluator in try Self.schoolStandings(data, recommender: evaluator) }
    }

    /// The same with any recommender, such as a native one to compare against.
    public static func schoolStandings(
        _ data: SchoolPeriodData, recommender: some StandingRecommender
    ) throws -> [SubjectStanding] {
        try standings(
            data.snapshot, marks: data.marks, rules: data.rules, today: data.today, recommender: recommender
        ) { data.periods[$0.id!] }
    }
}
