import ArgumentParser
import DefaultRules
import Foundation
import JournalModel
import JournalPlugins
import JournalRules
import JournalService

/// `journal bench plugins`: 10,000 mark events through the installed plugins (issue 15: at
/// most 2 s end to end), and a mark's latency with the plugins running beside it against
/// without (at most 10% more at the median).
struct PluginsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "Mark events through the locked plugins of plugins/, and mark latency with the plugins on/off.")

    @OptionGroup var plugins: PluginsDirectoryOption

    @Option(help: "Mark events handed to the plugins.")
    var events = 10_000

    @Option(help: "Marks changed one by one for the latency, half with the plugins running.")
    var latencyMarks = 400

    @Option(help: "Students in the demo school.")
    var students = 600

    @Option(help: "Seconds between plugin runs while marks are changed (the server's default is 5).")
    var interval = 1.0

    func validate() throws {
        guard (100...200_000).contains(events) else { throw ValidationError("--events must be 100 to 200000") }
        guard (100...10_000).contains(latencyMarks) else {
            throw ValidationError("--latency-marks must be 100 to 10000")
        }
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard (0.01...60).contains(interval) else { throw ValidationError("--interval must be 0.01 to 60 seconds") }
    }

    func run() async throws {
        try await reportingErrors {
            let catalog = try await PluginCatalog.load(directory: plugins.directory)
            for refusal in catalog.refused { print("refused: \(refusal.id): \(refusal.reason)") }
            guard !catalog.plugins.isEmpty else { throw CommandFailure("no locked plugins in \(plugins.directory)") }
            let today = LocalDate("2026-11-20")!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
            let noon = calendar.date(
                from: DateComponents(year: today.year, month: today.month, day: today.day, hour: 12))!
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("bench-plugins-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            let service = try JournalService.open(path: path, now: { noon })
            let timer = ContinuousClock()
            let started = timer.now
            _ = try await service.createDemo(
                students: students, seed: 17, today: today, rules: RuleFiles(DefaultRules.files))
            print("demo school of \(students) students, built in \(Stopwatch.format(timer.now - started))")
            print("plugins: \(catalog.plugins.map { "\($0.id) \($0.manifest.version)" }.joined(separator: ", "))")
            let report = try await service.benchPlugins(
                catalog, marks: events, latencyMarks: latencyMarks, interval: .milliseconds(Int64(interval * 1000)))
            let seconds =
                Double(report.runTime.components.seconds) + Double(report.runTime.components.attoseconds) / 1e18
            print(
                "\(report.events) mark events: \(report.runs.handled) handler calls, \(report.runs.effects) effects, \(report.runs.failures) failures in \(Stopwatch.format(report.runTime)) (\(Int(Double(report.events) / max(seconds, 1e-9))) events/s; target ≤ 2 s)"
            )
            print(
                String(
                    format: "  reading the log %.2f s, handlers %.2f s, writing effects %.2f s",
                    report.runs.readSeconds,
                    report.runs.handlerSeconds, report.runs.applySeconds))
            let off = Stopwatch(samples: report.markLatencyOff)
            let on = Stopwatch(samples: report.markLatencyOn)
            print(
                "  mark change, plugins off: median \(Stopwatch.format(off.median)), p90 \(Stopwatch.format(off.percentile(0.9))) (\(report.markLatencyOff.count))"
            )
            print(
                "  mark change, plugins on:  median \(Stopwatch.format(on.median)), p90 \(Stopwatch.format(on.percentile(0.9))) (\(report.markLatencyOn.count); \(report.pluginRunsDuring) plugin runs beside them)"
            )
            print(
                "  on/off (median):          \(String(format: "%.2f", DeliveryBench.ratio(on.median, off.median)))× (target ≤ 1.10×)"
            )
        }
    }
}
