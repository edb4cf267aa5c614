import ArgumentParser
import DefaultRules
import Foundation
import JournalModel
import JournalRules
import JournalService
import Synchronization

/// `journal bench delivery`: a week of a demo school's marks for 1,000 families who chose a
/// weekly email digest — the marks' latency with delivery running beside them and without
/// (issue 13: at most 10% more), then the digests made and handed to a local mail server
/// (at most 30 s). `make bench-delivery` starts the mail server (scripts/smtp-sink.py).
struct DeliveryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delivery",
        abstract:
            "Weekly email digests of 1,000 families to a local SMTP server, and mark latency with delivery on/off.")

    @Option(help: "The mail server to hand the digests to, smtp://127.0.0.1:PORT?from=address.")
    var smtp: String

    @Option(help: "Families with a weekly digest.")
    var families = 1000

    @Option(help: "Students in the demo school.")
    var students = 1000

    @Option(help: "Seconds between delivery runs while marks are entered (the server's default is 5).")
    var interval = 1.0

    @Flag(help: "Keep the demo school's database and print where it is, to look into the outbox.")
    var keep = false

    @Option(help: "The Friday the digests go out; the week before it has the marks.")
    var friday = "2026-11-20"

    func validate() throws {
        guard (0.01...60).contains(interval) else { throw ValidationError("--interval must be 0.01 to 60 seconds") }
        guard (10...5000).contains(families) else { throw ValidationError("--families must be between 10 and 5000") }
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard let day = LocalDate(friday), day.weekday == 5 else {
            throw ValidationError("--friday must be a Friday, YYYY-MM-DD (got '\(friday)')")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let mailer = try SMTPMailer(url: smtp)
            let friday = LocalDate(friday)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
            let afternoon = calendar.date(
                from: DateComponents(year: friday.year, month: friday.month, day: friday.day, hour: 15))!
            let clock = Mutex(afternoon)
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("bench-delivery-\(UUID().uuidString).sqlite").path
            defer {
                if keep {
                    print("the database: \(path)")
                } else {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
            }
            let service = try JournalService.open(path: path, now: { clock.withLock { $0 } })
            let timer = ContinuousClock()
            let started = timer.now
            _ = try await service.createDemo(
                students: students, seed: 17, today: friday, rules: RuleFiles(DefaultRules.files))
            print("demo school of \(students) students, built in \(Stopwatch.format(timer.now - started))")

            var report = try await service.benchDeliveryWeek(
                families: families, week: friday.startOfWeek, mailer: mailer,
                interval: .milliseconds(Int64(interval * 1000)))
            let off = Stopwatch(samples: report.markLatencyOff)
            let on = Stopwatch(samples: report.markLatencyOn)
            print("\(report.families) families, \(report.marksChanged) marks changed during the week")
            print(
                "  mark change, delivery off:  median \(Stopwatch.format(off.median)), p90 \(Stopwatch.format(off.percentile(0.9))) (\(report.markLatencyOff.count))"
            )
            print(
                "  mark change, delivery on:   median \(Stopwatch.format(on.median)), p90 \(Stopwatch.format(on.percentile(0.9))) (\(report.markLatencyOn.count); \(report.deliveryRunsDuring) delivery runs beside them)"
            )
            print(
                "  on/off (median):            \(String(format: "%.2f", Self.ratio(on.median, off.median)))× (target ≤ 1.10×)"
            )
            clock.withLock { $0 = calendar.date(byAdding: .hour, value: 4, to: $0)! }  // 19:00, the digest hour
            report = try await service.benchDeliverySend(report, mailer: mailer)
            print(
                "digests planned: \(report.planned.queued) messages from \(report.planned.events) changes in \(Stopwatch.format(report.planTime))"
            )
            print(
                "digests sent:    \(report.sent.emailsSent) emails with \(report.sent.messagesSent) messages in \(Stopwatch.format(report.sendTime)) (target ≤ 30 s); \(report.sent.failed) failed, \(report.sent.givenUp) given up"
            )
        }
    }

    static func ratio(_ a: Duration, _ b: Duration) -> Double {
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return seconds(b) > 0 ? seconds(a) / seconds(b) : 0
    }
}
