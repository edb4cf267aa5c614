public import Foundation
public import JournalAccess
public import JournalModel
public import JournalRules
import JournalStore
import LuaRuntime

/// A recommendation or forecast that a rules change would alter.
public struct RecommendationChange: Sendable, Codable, Hashable {
    public var className: String
    public var studentID: StudentID
    public var studentName: String
    public var subjectName: String
    /// The period's key (`q2`) and its title (`2 четверть`).
    public var period: String
    public var periodTitle: String
    public var average: Double?
    public var recommendedBefore: String?
    public var recommendedAfter: String?
    public var forecastBefore: String?
    public var forecastAfter: String?
    public var scaleBefore: String?
    public var scaleAfter: String?
    /// The rule's error where it could not compute the standing.
    public var failureBefore: String?
    public var failureAfter: String?
}

/// One version of the rules, for the history.
public struct RulesVersion: Sendable, Codable, Hashable {
    public var id: Int64
    public var author: String
    public var createdAt: Date
    public var comment: String?
    public var isActive: Bool
    /// Files added, changed or removed against the version before it.
    public var changedFiles: [String]
}

extension JournalService {
    /// The periods of any grade that have closed by today: their standings keep the rules
    /// version they closed with, and no activation changes them.
    public func closedPeriods() async throws -> [SchoolCalendar.Period] {
        let calendar = try await rules().calendar
        let today = try await today()
        return calendar.schemes.keys.sorted().flatMap { calendar.schemes[$0]! }.filter {
            today > calendar.closeDate(of: $0)
        }
    }

    /// Loads and checks a set of rules for the current year, running the scripts' tests.
    public func checkRules(_ files: RuleFiles) async throws -> SchoolRules {
        let year = try await currentYear()
        return try await SchoolRules.load(files, academicYear: year.range, threads: workers.editor)
    }

    /// The dry-run: which recommended marks and forecasts would change, student by student,
    /// for every period begun and not closed, if `files` were the active rules. Closed periods
    /// (``closedPeriods()``) keep the rules they closed with, so nothing changes in them.
    public func diffRules(_ files: RuleFiles, caller: Caller) async throws -> [RecommendationChange] {
        try await authorize(caller, .rulesView, .init(kind: .rules))
        let active = try await rules()
        let candidate = try await checkRules(files)
        let today = try await today()
        let before = try await schoolStandings(rules: active, today: today, budget: Self.dryRunBudget())
        let after = try await schoolStandings(rules: candidate, today: today, budget: Self.dryRunBudget())
        var changes: [RecommendationChange] = []
        for key in Set(before.keys).union(after.keys).sorted(by: Self.orderKeys) {
            let old = before[key]
            let new = after[key]
            let oldStanding = old?.standing
            let newStanding = new?.standing
            guard
                oldStanding?.recommended != newStanding?.recommended || oldStanding?.forecast != newStanding?.forecast
                    || oldStanding?.scaleID != newStanding?.scaleID || old?.failure != new?.failure
            else { continue }
            let row = (new ?? old)!
            changes.append(
                RecommendationChange(
                    className: row.className, studentID: row.studentID, studentName: row.studentName,
                    subjectName: row.subjectName, period: key.period,
                    periodTitle: (newStanding ?? oldStanding)?.period.title ?? key.period,
                    average: (newStanding ?? oldStanding)?.weighted.roundedAverage,
                    recommendedBefore: oldStanding?.recommended, recommendedAfter: newStanding?.recommended,
                    forecastBefore: oldStanding?.forecast, forecastAfter: newStanding?.forecast,
                    scaleBefore: oldStanding?.scaleID, scaleAfter: newStanding?.scaleID, failureBefore: old?.failure,
                    failureAfter: new?.failure))
        }
        return changes
    }

    /// Makes `files` the active rules after checking them. Returns the new version.
    public func activateRules(_ files: RuleFiles, caller: Caller, comment: String?) async throws -> RulesVersion {
        let current = try await ruleFiles(caller: .system("rules"))
        for path in Set(files.files.keys).union(current.files.keys).sorted()
        where files.files[path] != current.files[path] {
            try await authorize(caller, Self.capability(toEdit: path), .init(kind: .rules))
        }
        let candidate = try await checkRules(files)
        try await refuseFailures(of: candidate)
        let flagsChanged = files.files[HealthFlags.file] != current.files[HealthFlags.file]
        if flagsChanged { try await refuseHealthFlagFailures(of: candidate) }
        let ruleset = try await database.write(actor: caller.actor, reason: comment ?? "rules activated") { writer in
            if let active = try writer.reader.activeRuleset() {
                let current = try writer.reader.ruleFiles(ruleset: active.id!)
                if Dictionary(uniqueKeysWithValues: current.map { ($0.path, $0.source) }) == files.files {
                    throw JournalError.refused(.init("error.rules_unchanged", ["version": String(active.id!)]))
                }
            }
            return try Self.insertRuleset(files, comment: comment, active: true, writer: writer)
        }
        forgetRules()
        if flagsChanged { await refreshHealthFlags(nil, actor: caller.actor) }
        return try await rulesHistory(caller: .system("rules")).first { $0.id == ruleset.id }!
    }

    /// Every version of the rules, oldest first.
    public func rulesHistory(caller: Caller) async throws -> [RulesVersion] {
        try await authorize(caller, .rulesView, .init(kind: .rules))
        return try await database.read { reader in
            var previous: [String: String] = [:]
            return try reader.rulesets().map { ruleset in
                let files = Dictionary(
                    uniqueKeysWithValues: try reader.ruleFiles(ruleset: ruleset.id!).map { ($0.path, $0.source) })
                let changed = Set(files.keys).union(previous.keys).filter { files[$0] != previous[$0] }.sorted()
                previous = files
                return RulesVersion(
                    id: ruleset.id!, author: ruleset.author, createdAt: ruleset.createdAt, comment: ruleset.comment,
                    isActive: ruleset.isActive, changedFiles: changed)
            }
        }
    }

    /// The files of a version, or of the active one.
    public func ruleFiles(version: Int64? = nil, caller: Caller) async throws -> RuleFiles {
        try await authorize(caller, .rulesView, .init(kind: .rules))
        return try await database.read { reader in
            guard let ruleset = try version.map({ try reader.ruleset($0) }) ?? reader.activeRuleset() else {
                throw ServiceError.unknown(entity: "rules version", id: version.map(String.init) ?? "active")
            }
            return RuleFiles(
                Dictionary(
                    uniqueKeysWithValues: try reader.ruleFiles(ruleset: ruleset.id!).map { ($0.path, $0.source) }))
        }
    }

    struct StandingKey: Hashable {
        var className: String
        var studentName: String
        var studentID: StudentID
        var subjectName: String
        var period: String
    }

    static func orderKeys(_ a: StandingKey, _ b: StandingKey) -> Bool {
        (a.className, a.studentName, a.studentID, a.subjectName, a.period)
            < (b.className, b.studentName, b.studentID, b.subjectName, b.period)
    }

    /// Runs `candidate` over every student and subject of the school, each call under the limits
    /// it will have when serving, and refuses it where it fails on the school's real data —
    /// naming the students and the rule's line — or takes too long over the whole school.
    func refuseFailures(of candidate: SchoolRules) async throws {
        let standings = try await schoolStandings(
            rules: candidate, today: try await today(), budget: Self.dryRunBudget())
        let failed = standings.sorted { Self.orderKeys($0.key, $1.key) }.compactMap { key, row in
            row.failure.map { (key, row, $0) }
        }
        guard !failed.isEmpty else { return }
        let students = Set(failed.map(\.1.studentID)).count
        let shown = failed.prefix(5).map { key, row, failure in
            "\(row.studentName) (\(row.className), \(row.subjectName), \(key.period)): \(failure)"
        }
        throw JournalError.refused(
            .init(
                "error.rules_fail_on_data",
                [
                    "students": String(students), "standings": String(failed.count),
                    "failures": shown.joined(separator: "; ") + (failed.count > 5 ? "; …" : ""),
                ]))
    }

    /// Every student × subject × period begun by `today` and not closed (closed ones too with
    /// `includingClosed`), under `rules`.
    func schoolStandings(
        rules: SchoolRules, today: LocalDate, budget: LuaBudget? = nil, includingClosed: Bool = false
    ) async throws
        -> [StandingKey: SubjectStanding]
    {
        // Closed periods are computed with the rules they closed with, whatever is activated.
        let keys = Set(
            rules.calendar.schemes.values.joined().filter {
                $0.range.start <= today && (includingClosed || today <= rules.calendar.closeDate(of: $0))
            }.map(\.key))
        let (snapshot, marksByKey) = try await database.read { reader in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            let snapshot = try TeachingSnapshot.load(reader, classes: try reader.classes(year: year.id!))
            var marksByKey: [String: [StudentID: [SubjectID: [MarkRow]]]] = [:]
            for key in keys {
                marksByKey[key] = try snapshot.marks(reader) { rules.calendar.period(named: key, grade: $0.grade) }
            }
            return (snapshot, marksByKey)
        }
        var result: [StandingKey: SubjectStanding] = [:]
        try await rules.withEvaluator(budget: budget) { evaluator in
            for key in keys {
                let rows = try Self.standings(
                    snapshot, marks: marksByKey[key] ?? [:], rules: rules, today: today, recommender: evaluator
                ) { rules.calendar.period(named: key, grade: $0.grade) }
                for row in rows {
                    result[
                        StandingKey(
                            className: row.className, studentName: row.studentName, studentID: row.studentID,
                            subjectName: row.subjectName, period: key)] = row
                }
            }
        }
        return result
    }
}

extension JournalService {
    /// The right that editing a rule file needs: scales, the calendar, roles and so on each
    /// have their own, so a methodologist may edit scales without touching roles.
    public static func capability(toEdit path: String) -> Capability {
        if path.hasPrefix("scales/") { return .rulesEditScales }
        switch path {
        case "calendar.lua": return .rulesEditCalendar
        case "subjects.lua": return .rulesEditSubjects
        case "work_types.lua": return .rulesEditWorkTypes
        case "attendance.lua": return .rulesEditAttendance
        // The conversion of exam scores is kept by those who enter the results.
        case "exams.lua": return .examsEdit
        // The deadlines of the journal's keeping are the school calendar's, kept by the same people.
        case "deadlines.lua": return .rulesEditCalendar
        // How families are informed is decided by the same management that keeps the calendar.
        case "notifications.lua": return .rulesEditCalendar
        // The teachers' health flags are derived by the medical worker, who keeps the records.
        case "health_flags.lua": return .rulesEditHealthFlags
        default: return .rulesEditRoles
        }
    }
}
