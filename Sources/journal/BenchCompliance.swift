import ArgumentParser
import DefaultRules
import Foundation
import JournalDemo
import JournalModel
import JournalRules
import JournalService

/// `journal bench compliance`: the journal-keeping monitor over a quarter of a demo school
/// (issue 12: at most 1 s), and what its Lua deadlines cost against the same deadlines in Swift.
struct ComplianceBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "The journal-keeping monitor over the quarter of a demo school up to its today, and its Lua share.")

    @Option(help: "Students in the demo school.")
    var students = 1000

    @Option(help: "Runs to time, after one warm-up.")
    var runs = 5

    @Option(help: "The day the demo school is at; the report covers its quarter from the start to this day.")
    var today = "2026-11-20"

    func validate() throws {
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard (1...100).contains(runs) else { throw ValidationError("--runs must be between 1 and 100") }
        guard LocalDate(today) != nil else { throw ValidationError("--today must be a date YYYY-MM-DD") }
    }

    func run() async throws {
        try await reportingErrors {
            let today = LocalDate(today)!
            guard
                let quarter = DemoOptions(students: students, today: today).periods.first(where: { $0.contains(today) })
            else { throw CommandFailure("\(today) is in no study period of the demo school; choose a school day") }
            // 18:00 in Moscow on the demo's day: the day's lessons are over, its deadlines not yet.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
            let evening = calendar.date(
                from: DateComponents(year: today.year, month: today.month, day: today.day, hour: 18))!
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("bench-compliance-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            let service = try JournalService.open(path: path, now: { evening })
            let clock = ContinuousClock()
            let started = clock.now
            _ = try await service.createDemo(
                students: students, seed: 17, today: today, rules: RuleFiles(DefaultRules.files))
            print("demo school of \(students) students, built in \(Stopwatch.format(clock.now - started))")

            let query = ComplianceQuery(from: quarter.start, to: today)
            var report = try await service.compliance(query, caller: consoleCaller)
            var samples: [Duration] = []
            for _ in 0..<runs {
                let start = clock.now
                report = try await service.compliance(query, caller: consoleCaller)
                samples.append(clock.now - start)
            }
            var counts: [String: Int] = [:]
            for item in report.items { counts[item.status.rawValue, default: 0] += 1 }
            let statuses = ComplianceItem.Status.allCases.map { "\($0.rawValue) \(counts[$0.rawValue] ?? 0)" }
            print(
                "compliance \(quarter.start)…\(today) (the quarter to the demo's today): \(report.items.count) items, "
                    + "\(report.teachers.count) owing; \(statuses.joined(separator: ", "))")
            let whole = Stopwatch(samples: samples)
            print("  whole report: median \(Self.ms(whole.median)); runs \(Self.ms(samples))")

            let deadlines = try await service.complianceDeadlineBenchmark(from: quarter.start, to: today, runs: runs)
            let lua = Stopwatch(samples: deadlines.lua)
            let native = Stopwatch(samples: deadlines.native)
            print(
                "  deadlines alone, \(deadlines.asked) items asked, \(deadlines.owed) owed "
                    + "(\(deadlines.mismatches) where Lua and Swift disagree):")
            print("    via Lua (deadlines.lua):         median \(Self.ms(lua.median)); runs \(Self.ms(deadlines.lua))")
            print(
                "    via Swift (the bench's reference): median \(Self.ms(native.median)); runs \(Self.ms(deadlines.native))"
            )
            let alone = Self.seconds(lua.median) / max(Self.seconds(native.median), 1e-9)
            let swiftReport = Self.seconds(whole.median) - Self.seconds(lua.median) + Self.seconds(native.median)
            let reportRatio = Self.seconds(whole.median) / max(swiftReport, 1e-9)
            print(
                "  Lua / Swift: \(Self.ratio(alone))× for the deadlines alone; "
                    + "the whole report \(Self.ratio(reportRatio))× one with Swift deadlines "
                    + "(≈ \(Self.ms(.seconds(swiftReport))))")
            // What the page asks for one class over a month (issue 12: at most 100 ms).
            let month = ComplianceQuery(from: today.adding(days: -29), to: today, className: "5А")
            var monthSamples: [Duration] = []
            var monthItems = 0
            for _ in 0...runs {
                let start = clock.now
                monthItems = try await service.compliance(month, caller: consoleCaller).items.count
                monthSamples.append(clock.now - start)
            }
            monthSamples.removeFirst()
            let monthWatch = Stopwatch(samples: monthSamples)
            print(
                "  one class (5А) over a month, \(monthItems) items: median \(Self.ms(monthWatch.median)); "
                    + "runs \(Self.ms(monthSamples))")
            print("target: the quarter ≤ 1 s → \(whole.median <= .seconds(1) ? "met" : "missed")")
            print("target: a class's month ≤ 100 ms → \(monthWatch.median <= .milliseconds(100) ? "met" : "missed")")
            print(
                "target: Lua ≤ 1.5× native → whole report \(reportRatio <= 1.5 ? "met" : "missed"), "
                    + "deadlines alone \(alone <= 1.5 ? "met" : "missed")")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func ms(_ duration: Duration) -> String {
        String(format: "%.1f ms", seconds(duration) * 1000)
    }

    static func ms(_ durations: [Duration]) -> String {
        durations.map { String(format: "%.1f", seconds($0) * 1000) }.joined(separator: ", ") + " ms"
    }

    static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
}
