import ArgumentParser
import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalService

/// `journal bench access`: one access decision over a realistic mix of people, capabilities
/// and objects of a demo school.
struct AccessBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access", abstract: "Time access decisions over a realistic mix of people and objects.")

    @Option(help: "Students in the demo school.")
    var students = 1000

    @Option(help: "Decisions to time.")
    var decisions = 200_000

    @Option(help: "Use this database instead of generating a demo school (it is not changed).")
    var db: String?

    func validate() throws {
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard (1000...50_000_000).contains(decisions) else {
            throw ValidationError("--decisions must be between 1000 and 50000000")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let service: JournalService
            if let db {
                service = try JournalService.open(path: db)
            } else {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "access-\(UUID().uuidString).sqlite"
                )
                .path
                service = try JournalService.open(path: path, now: shiftedClock(today: "2026-11-20"))
                _ = try await service.createDemo(
                    students: students, seed: 17, today: LocalDate("2026-11-20")!,
                    rules: try RuleFiles.load(directory: "rules"))
            }
            let mix = try await service.accessBenchmarkMix(size: 5000)
            let policy = try await service.accessPolicy()
            var allowed = 0
            var index = 0
            let timing = Stopwatch.measure(iterations: decisions) {
                let (subject, capability, object) = mix[index]
                if policy.decide(subject, capability, object).allowed { allowed += 1 }
                index = (index + 1) % mix.count
            }
            let people = Set(mix.map(\.0.accountID)).count
            print("\(timing.line("one access decision")) over \(mix.count) cases of \(people) people")
            print(
                "  \(allowed * 100 / decisions)% allowed; roles: \(Set(mix.flatMap(\.0.roles)).map(\.rawValue).sorted().joined(separator: ", "))"
            )
            let median = timing.median <= .microseconds(2)
            let p99 = timing.p99 <= .microseconds(20)
            print("targets: median ≤ 2 µs → \(median ? "met" : "missed"); p99 ≤ 20 µs → \(p99 ? "met" : "missed")")
        }
    }
}
