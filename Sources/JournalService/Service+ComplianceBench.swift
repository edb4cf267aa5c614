import Foundation
public import JournalModel
import JournalRules
import JournalStore
import LuaRuntime

/// What `journal bench compliance` measures besides the whole report: the deadlines of the
/// report's items, once through the school's Lua duties and once through the bench's own Swift
/// reference of the four default duties, over the same facts.
public struct ComplianceDeadlineTiming: Sendable {
    /// Items the duties were asked about (one duty, one lesson, work or exam result).
    public var asked: Int
    /// Of those, the items the duty applies to, which got a deadline.
    public var owed: Int
    /// Each run's time for every item's `applies` and `due` through Lua.
    public var lua: [Duration]
    /// Each run's time for the same through ``ComplianceBenchReference``.
    public var native: [Duration]
    /// Items where Lua and the reference disagree: 0 while the school has the default duties.
    public var mismatches: Int
}

extension JournalService {
    /// For `journal bench compliance`: reads the facts the monitor reads for the days and times
    /// their deadlines `runs` times through Lua and through the Swift reference.
    public func complianceDeadlineBenchmark(from: LocalDate, to: LocalDate, runs: Int) async throws
        -> ComplianceDeadlineTiming
    {
        let rules = try await rules()
        let school = try await school()
        let today = Self.localDate(of: now(), timeZone: school.timeZone)
        let absentCodes = Set(rules.attendanceCodes.all.filter(\.absent).map(\.code))
        let facts = try await database.read { reader in
            try ComplianceFacts(
                ComplianceQuery(from: from, to: to), today: today, absentCodes: absentCodes, reader)
        }
        let cases = facts.cases(duties: rules.deadlines.duties).map { ($0.duty, $0.facts) }
        let clock = ContinuousClock()
        var timing = ComplianceDeadlineTiming(asked: cases.count, owed: 0, lua: [], native: [], mismatches: 0)
        var fromLua: [LocalMoment?] = []
        for _ in 0..<runs {
            let (elapsed, moments) = try await rules.withEvaluator { evaluator in
                var moments: [LocalMoment?] = []
                moments.reserveCapacity(cases.count)
                let start = clock.now
                for (duty, item) in cases {
                    moments.append(try evaluator.applies(duty, item) ? evaluator.due(duty, item) : nil)
                }
                return (clock.now - start, moments)
            }
            timing.lua.append(elapsed)
            fromLua = moments
        }
        var fromSwift: [LocalMoment?] = []
        for _ in 0..<runs {
            var moments: [LocalMoment?] = []
            moments.reserveCapacity(cases.count)
            let start = clock.now
            for (duty, item) in cases {
                moments.append(
                    ComplianceBenchReference.applies(duty.id, item) ? ComplianceBenchReference.due(duty.id, item) : nil)
            }
            timing.native.append(clock.now - start)
            fromSwift = moments
        }
        timing.owed = fromLua.compactMap { $0 }.count
        timing.mismatches = zip(fromLua, fromSwift).filter { $0 != $1 }.count
        return timing
    }
}

/// THE BENCH'S REFERENCE, not the rules: the four default duties of `rules/deadlines.lua`
/// (lesson_record, homework, work_marks, exam_results) written in Swift, so that
/// `journal bench compliance` can weigh what asking Lua costs. Only the bench uses it; the
/// monitor always asks the school's own `deadlines.lua`, which a school may change.
enum ComplianceBenchReference {
    static func applies(_ duty: String, _ item: [String: LuaValue]) -> Bool {
        switch duty {
        case "homework": (item["grade"]?.integerValue ?? 0) >= 2 && item["homework_given"] == .boolean(true)
        case "work_marks": ["independent", "dictation", "practical", "test"].contains(item["work_type"]?.stringValue)
        default: true
        }
    }

    static func due(_ duty: String, _ item: [String: LuaValue]) -> LocalMoment? {
        let endOfDay = LocalTime(hour: 23, minute: 59)!
        func day(_ key: String) -> LocalDate? { item[key]?.stringValue.flatMap(LocalDate.init) }
        switch duty {
        case "lesson_record":
            return day("date").map { LocalMoment(date: $0, time: endOfDay) }
        case "homework":
            guard let date = day("date"), let ends = item["teacher_day_ends"]?.stringValue.flatMap(LocalTime.init)
            else { return nil }
            let minutes = min(ends.minutes + 120, endOfDay.minutes)
            return LocalMoment(date: date, time: LocalTime(hour: minutes / 60, minute: minutes % 60)!)
        case "work_marks":
            return day("date").map { LocalMoment(date: $0.adding(days: 7), time: endOfDay) }
        case "exam_results":
            return day("known_on").map { LocalMoment(date: $0.adding(days: 1), time: endOfDay) }
        default:
            return nil
        }
    }
}
