import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

/// `journal bench targets`: "what it would take" for one student's subjects (issue 11, item 7:
/// at most 20 ms), on a demo school, with and without reading the marks it starts from.
struct TargetsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "What it would take to reach each higher mark, for one student's subjects of a demo school.")

    @Option(help: "Students in the demo school.")
    var students = 200

    @Option(help: "Students measured, each once after a warm-up; the median and p99 are reported.")
    var samples = 100

    @Option(help: "The day the demo school is at.")
    var today = "2026-11-20"

    @Option(help: "The period, as the API takes it.")
    var period = "current"

    @Option(help: "Use this database instead of generating a demo school (it is not changed).")
    var db: String?

    func validate() throws {
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard (1...5000).contains(samples) else { throw ValidationError("--samples must be between 1 and 5000") }
        guard LocalDate(today) != nil else { throw ValidationError("--today must be a date YYYY-MM-DD") }
    }

    func run() async throws {
        try await reportingErrors {
            let service: JournalService
            if let db {
                service = try JournalService.open(path: db)
            } else {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "bench-\(UUID().uuidString).sqlite"
                ).path
                service = try JournalService.open(path: path, now: shiftedClock(today: today))
                _ = try await service.createDemo(
                    students: students, seed: 17, today: LocalDate(today)!,
                    rules: try RuleFiles.load(directory: "rules"))
            }
            let caller = Caller.system("journal bench targets")
            let ids = try await service.benchmarkStudentIDs()
            guard !ids.isEmpty else { throw CommandFailure("the school has no students") }
            let chosen = (0..<samples).map { ids[$0 * ids.count / samples] }
            let clock = ContinuousClock()
            var whole: [Duration] = []
            var search: [Duration] = []
            var subjects = 0
            var targets = 0
            for id in chosen {
                _ = try await service.studentMarkTargets(student: id, period: period, caller: caller)
                var started = clock.now
                let answer = try await service.studentMarkTargets(student: id, period: period, caller: caller)
                whole.append(clock.now - started)
                let marks = try await service.studentMarks(student: id, period: period, caller: caller)
                started = clock.now
                _ = try await service.markTargets(for: marks, caller: caller)
                search.append(clock.now - started)
                subjects += answer.subjects.count
                targets += answer.subjects.reduce(0) { $0 + $1.byWorkType.reduce(0) { $0 + $1.targets.count } }
            }
            let wholeTimes = Stopwatch(samples: whole)
            let searchTimes = Stopwatch(samples: search)
            print(
                "\(chosen.count) students, \(subjects) subjects, \(targets) answers (subject × work type × mark)")
            print("  " + wholeTimes.line("marks and what it would take (GET …/marks/targets)"))
            print("  " + searchTimes.line("what it would take, from marks already read"))
            print(
                "target: one student's subjects ≤ 20 ms → \(wholeTimes.median <= .milliseconds(20) ? "met" : "missed")")
        }
    }
}
