import ArgumentParser
import DefaultRules
import Foundation
import JournalModel
import JournalRules
import JournalService
import JournalStore

/// `journal bench health-flags` (issue 16): the journal grid of a class with the teachers'
/// health flags against without them (target: at most 5% more), and the cost of the
/// special-read log on the medical worker's card (target: at most 1 ms per request).
struct HealthFlagsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health-flags",
        abstract: "The journal grid with the health flags against without, and the read log's cost on a medical card.")

    @Option(help: "Students in the demo school.")
    var students = 600

    @Option(help: "Requests of each kind measured.")
    var iterations = 200

    func validate() throws {
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard (10...10_000).contains(iterations) else { throw ValidationError("--iterations must be 10 to 10000") }
    }

    func run() async throws {
        try await reportingErrors {
            let today = LocalDate("2026-11-20")!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
            let noon = calendar.date(from: DateComponents(year: 2026, month: 11, day: 20, hour: 12))!
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("bench-health-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            let service = try JournalService.open(path: path, now: { noon })
            _ = try await service.createDemo(
                students: students, seed: 16, today: today, rules: RuleFiles(DefaultRules.files))
            let (assignment, teacher, nurse, student) = try await service.database.read { reader in
                let roles = try reader.accountRoles()
                let assignment = try reader.allAssignments().first!
                let teacherAccount = try reader.accounts().first {
                    if case .staff(let staff)? = $0.owner { return staff == assignment.teacherID }
                    return false
                }!
                let nurse = roles.first { $0.role == .medical }!.accountID
                let student = try reader.members(group: assignment.groupID).first!.studentID
                return (assignment.id!, teacherAccount.id!, nurse, student)
            }
            let teacherCaller = Caller.person(try await service.subject(account: teacher))
            let nurseCaller = Caller.person(try await service.subject(account: nurse))
            let flagged = try await service.database.read { try $0.count("healthFlag") }
            print("demo school of \(students) students; \(flagged) health flags stored")

            var without: [Duration] = []
            var with: [Duration] = []
            let clock = ContinuousClock()
            for round in 0..<(iterations * 2 + 20) {
                let withFlags = round % 2 == 1
                let started = clock.now
                let grid = try await service.journalGrid(
                    assignment: assignment, period: "current", caller: teacherCaller)
                // The page reads the flags beside the names in one read: the plugins' alone, or
                // with the medical office's.
                if withFlags {
                    _ = try await service.journalFlags(grid.students.map(\.id), subject: nil)
                } else {
                    _ = try await service.studentFlags(grid.students.map(\.id), subject: nil)
                }
                let elapsed = clock.now - started
                guard round >= 20 else { continue }
                if withFlags { with.append(elapsed) } else { without.append(elapsed) }
            }
            let off = Stopwatch(samples: without)
            let on = Stopwatch(samples: with)
            let ratio = Self.seconds(on.median) / Self.seconds(off.median)
            print(off.line("grid without health flags"))
            print(on.line("grid with health flags   "))
            print(String(format: "  with/without at the median: %+.1f%% (target ≤ +5%%)", (ratio - 1) * 100))

            let ids = try await service.journalGrid(assignment: assignment, period: "current", caller: teacherCaller)
                .students.map(\.id)
            print(Stopwatch(samples: try await measure(iterations) { _ = try await service.today() }).line("  today()"))
            print(
                Stopwatch(samples: try await measure(iterations) { _ = try await service.healthFlags(ids) }).line(
                    "  health flags alone"))
            let card = Stopwatch(
                samples: try await measure(iterations) {
                    _ = try await service.healthCard(student, caller: nurseCaller)
                })
            let log = Stopwatch(
                samples: try await measure(iterations) {
                    try await service.database.logSpecialReads([
                        SpecialRead(
                            at: noon, accountID: nurse, actorName: "bench", domain: .health, what: "health.card",
                            studentID: student, purpose: "bench")
                    ])
                })
            print(card.line("medical card (checked and logged)"))
            print(log.line("the read log's write alone        "))
            print("  read log per request at the median: \(Stopwatch.format(log.median)) (target ≤ 1 ms)")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func measure(_ iterations: Int, _ body: () async throws -> Void) async throws -> [Duration] {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for round in 0..<(iterations + 10) {
            let started = clock.now
            try await body()
            if round >= 10 { samples.append(clock.now - started) }
        }
        return samples
    }
}
