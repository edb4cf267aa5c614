import Foundation
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Logging
import Synchronization
import Testing

/// A rule that fails for one student costs that student's cell, is logged with the version
/// and the input, and a rule that keeps running into its limits is paused (issue 10, item 2:
/// a forecast throwing for one student turned whole grids into 422 and logged nothing).
@Suite("Rule faults at read time")
struct RuleFaultTests {
    let caller = Caller.system("test")

    /// Rules whose forecast fails once a student has four marks: they pass the dry-run at
    /// activation (nobody has four yet), and fail later for the one student who gets them.
    static func rulesFailingAtFourMarks() throws -> RuleFiles {
        try TestSchool.rules(
            editing: "scales/five.lua", replacing: "    if input.count < 3 then return nil end\n",
            with: "    if input.count >= 4 then error(\"no forecast beyond three marks\") end\n"
                + "    if input.count < 3 then return nil end\n")
    }

    @Test func oneFailingStandingFailsItsCellOnlyAndIsLogged() async throws {
        let lines = LogLines()
        let school = try await TestSchool.make(logger: Logger(label: "test") { _ in CapturingHandler(lines) })
        let service = school.service
        _ = try await service.activateRules(try Self.rulesFailingAtFourMarks(), caller: caller, comment: "прогноз")
        let (anna, oleg) = (school.students[0].id!, school.students[1].id!)
        for value in ["5", "4", "5", "5"] {
            _ = try await service.postMark(
                MarkDraft(workID: school.answer.id!, studentID: anna, value: value), caller: caller)
        }
        _ = try await service.postMark(MarkDraft(workID: school.test.id!, studentID: oleg, value: "4"), caller: caller)

        let grid = try await service.journalGrid(assignment: school.assignment.id!, period: "q2", caller: caller)
        let failed = try #require(grid.standings.first { $0.studentID == anna })
        #expect(failed.failure?.contains("scales/five.lua:") == true)
        #expect(failed.failure?.contains("no forecast beyond three marks") == true)
        #expect(failed.average == 4.75, "the average needs no rule and is still shown")
        let fine = try #require(grid.standings.first { $0.studentID == oleg })
        #expect(fine.failure == nil && fine.recommended == "4")

        let marks = try await service.studentMarks(student: anna, period: "q2", caller: caller)
        #expect(marks.subjects.first?.failure != nil)
        let logged = lines.all.filter { $0.contains("a rule failed") }
        #expect(!logged.isEmpty)
        #expect(logged.first?.contains("rules.version=2") == true, "\(logged)")
        #expect(logged.first?.contains("average=4.75") == true, "\(logged)")
        // The same failure on every page is not logged again and again.
        _ = try await service.journalGrid(assignment: school.assignment.id!, period: "q2", caller: caller)
        #expect(lines.all.filter { $0.contains("a rule failed") }.count == logged.count)
    }

    @Test func aRuleThatKeepsRunningIntoItsLimitsIsPaused() async throws {
        let files = try TestSchool.rules(
            editing: "scales/five.lua", replacing: "    if input.count < 3 then return nil end\n",
            with: "    if input.average > 4.9 then while true do end end\n    if input.count < 3 then return nil end\n")
        let rules = try await SchoolRules.load(
            files,
            academicYear: DateRange(
                start: LocalDate("2026-09-01")!, end: LocalDate("2027-05-31")!))
        let scale = try #require(rules.scales["five"])
        let input = RuleEvaluator.ForecastInput(average: 5, count: 5, totalWeight: 5, progress: 0.5)
        var limits = 0
        var paused = 0
        try await rules.withEvaluator { evaluator in
            for _ in 0..<40 {
                do {
                    _ = try evaluator.forecast(scale, input)
                } catch let error as RulesError {
                    if error.message.contains("are paused") { paused += 1 } else { limits += 1 }
                }
            }
            // Paused for the whole version: the period mark too, without running it.
            #expect(throws: RulesError.self) { try evaluator.periodMark(scale, average: 4.0) }
        }
        #expect(limits == rules.breaker.policy.failures, "the breaker opens after \(rules.breaker.policy.failures)")
        #expect(paused == 40 - limits)
        #expect(rules.breaker.pausedFor != nil)
    }
}

/// Log lines a test can read.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// A log handler writing `message key=value …` lines into ``LogLines``.
struct CapturingHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    init(_ lines: LogLines) { self.lines = lines }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append(([event.message.description] + fields).joined(separator: " "))
    }
}
