public import Foundation
import JournalAccess
public import JournalModel
import JournalStore

/// What `journal bench delivery` measured: a week of marks for `families` families who chose
/// a weekly email digest, the marks' latency with delivery running beside them and without,
/// then the digests planned and handed to the mail server.
public struct DeliveryBenchReport: Sendable {
    public var families = 0
    public var marksChanged = 0
    /// Latencies of changing a mark, in blocks alternating delivery off and on.
    public var markLatencyOff: [Duration] = []
    public var markLatencyOn: [Duration] = []
    /// Runs of delivery made while the "on" blocks ran.
    public var deliveryRunsDuring = 0
    public var planned: DeliveryReport = DeliveryReport()
    public var planTime: Duration = .zero
    public var sent: DeliveryReport = DeliveryReport()
    public var sendTime: Duration = .zero
}

extension JournalService {
    /// Prepares the families and enters the week's marks (see ``DeliveryBenchReport``), in
    /// blocks of 100 families alternating without delivery and with it running every
    /// `interval` (the server's scheduler runs every 5 s by default). The caller then moves the
    /// clock to the digest's moment and calls ``benchDeliverySend(_:mailer:)``.
    public func benchDeliveryWeek(
        families count: Int, week: LocalDate, mailer: any MailSending, interval: Duration
    ) async throws -> DeliveryBenchReport {
        let system = Caller.system("bench delivery")
        let today = try await today()
        // The families with an email in force, each with the week's marks of one child.
        let (families, marks) = try await database.read { reader -> ([RepresentativeID], [[Mark]]) in
            let emails = Set(
                try reader.allContacts().filter { $0.kind == .email && $0.isValid(on: today) }.map(\.representativeID))
            let links = Dictionary(grouping: try reader.allRepresentativeLinks(), by: \.representativeID)
            var families: [RepresentativeID] = []
            var marks: [[Mark]] = []
            let range = DateRange(start: week, end: week.adding(days: 6))
            // Both parents of a child hear of the same marks: each mark is changed once.
            var children: Set<StudentID> = []
            for id in emails.sorted(by: { $0.rawValue < $1.rawValue }) {
                guard let child = links[id]?.first?.studentID else { continue }
                let rows = try reader.weekMarks(student: child, range: range)
                guard !rows.isEmpty else { continue }
                families.append(id)
                marks.append(children.insert(child).inserted ? Array(rows.prefix(3)) : [])
                if families.count == count { break }
            }
            return (families, marks)
        }
        let now = self.now()
        try await database.write(actor: system.actor, reason: "bench: weekly digests") { writer in
            let existing = Dictionary(
                try writer.reader.deliveryPreferences(representatives: families).filter { $0.messageClass == "marks" }
                    .map { ($0.representativeID, $0) }, uniquingKeysWith: { first, _ in first })
            for id in families {
                let preference = DeliveryPreference(
                    id: existing[id]?.id, representativeID: id, messageClass: "marks", channel: .email,
                    frequency: .weekly, applicationNumber: "bench", updatedBy: "bench", updatedAt: now)
                if existing[id] != nil { try writer.update(preference) } else { try writer.insert(preference) }
            }
        }
        _ = try await runDelivery(mailer: nil, caller: system)
        var report = DeliveryBenchReport()
        report.families = families.count
        let clock = ContinuousClock()
        let blockSize = 100
        for blockStart in stride(from: 0, to: families.count, by: blockSize) {
            let on = (blockStart / blockSize) % 2 == 1
            let runner: Task<Int, Never>? =
                on
                ? Task {
                    var runs = 0
                    while !Task.isCancelled {
                        _ = try? await self.runDelivery(mailer: mailer, caller: system)
                        runs += 1
                        try? await Task.sleep(for: interval)
                    }
                    return runs
                } : nil
            for index in blockStart..<min(blockStart + blockSize, families.count) {
                for mark in marks[index] {
                    let started = clock.now
                    _ = try await changeMark(
                        mark.id!, version: mark.version, value: mark.value == "5" ? "4" : "5", comment: mark.comment,
                        caller: system, reason: "bench")
                    if on {
                        report.markLatencyOn.append(clock.now - started)
                    } else {
                        report.markLatencyOff.append(clock.now - started)
                    }
                    report.marksChanged += 1
                }
            }
            if let runner {
                runner.cancel()
                report.deliveryRunsDuring += await runner.value
            }
        }
        return report
    }

    /// At the digest's moment: the week's remaining changes made into messages, then every
    /// digest sent, each timed.
    public func benchDeliverySend(_ report: DeliveryBenchReport, mailer: any MailSending) async throws
        -> DeliveryBenchReport
    {
        let system = Caller.system("bench delivery")
        var report = report
        let clock = ContinuousClock()
        var started = clock.now
        report.planned = try await runDelivery(mailer: nil, caller: system)
        report.planTime = clock.now - started
        started = clock.now
        report.sent = try await runDelivery(mailer: mailer, caller: system)
        report.sendTime = clock.now - started
        return report
    }
}
