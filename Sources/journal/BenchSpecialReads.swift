import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

/// `journal bench special-reads`: the cost of the special-read log on a medical page (issue 16:
/// at most 1 ms a request) — the medical worker's access check on a student with and without
/// writing the trace of the read, on a demo school in a file (the trace is a write).
struct SpecialReadsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "special-reads",
        abstract: "The cost of logging a read of special-category data, on a demo school.")

    @Option(help: "Students in the demo school.")
    var students = 200

    @Option(help: "Reads measured; the median and p99 are reported.")
    var samples = 2000

    @Option(help: "Use this database instead of generating a demo school (the traces are written to it).")
    var db: String?

    func validate() throws {
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard (10...100_000).contains(samples) else {
            throw ValidationError("--samples must be between 10 and 100000")
        }
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
                // The demo school's clock reads its day, as `journal demo --today` does.
                service = try JournalService.open(path: path, now: shiftedClock(today: "2026-11-20"))
                _ = try await service.createDemo(
                    students: students, seed: 17, today: LocalDate("2026-11-20")!,
                    rules: try RuleFiles.load(directory: "rules"))
            }
            let result = try await service.benchSpecialReads(samples: samples)
            let checked = Stopwatch(samples: result.checked)
            let logged = Stopwatch(samples: result.checkedAndLogged)
            print("  " + checked.line("the medical worker's check on a student"))
            print("  " + logged.line("the check and the trace of the read"))
            let cost = logged.median - checked.median
            print(
                "the log's cost: \(Stopwatch.format(cost)) a request (median); p99 of the whole \(Stopwatch.format(logged.p99))"
            )
            print("target: ≤ 1 ms a request → \(cost <= .milliseconds(1) ? "met" : "missed")")
        }
    }
}
