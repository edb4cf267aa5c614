public import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
import Localization

/// A message ready for the mail server: one representative's address, a subject with the
/// child's name, and the text in plain and HTML form.
public struct OutgoingMail: Sendable, Hashable {
    public var to: String
    public var toName: String
    public var subject: String
    public var text: String
    public var html: String
}

/// Why a message was not accepted: the mail server's reply, and whether trying again can help.
public struct MailFailure: Error, Sendable, CustomStringConvertible {
    public var reply: String
    /// A 5xx reply: the same message will be refused again.
    public var isPermanent: Bool
    /// The server could not be used at all — no connection, TLS or authentication refused,
    /// the service unavailable — rather than refusing this message: nothing else can be sent
    /// now, and no message is to blame.
    public var isSessionFailure: Bool

    public init(reply: String, isPermanent: Bool, isSessionFailure: Bool = false) {
        self.reply = reply
        self.isPermanent = isPermanent
        self.isSessionFailure = isSessionFailure
    }

    public var description: String { reply }
}

/// Hands mail to a mail server. The server and `journal notify run` give the SMTP transport;
/// tests may give their own.
public protocol MailSending: Sendable {
    /// Sends one message or throws ``MailFailure``.
    func send(_ mail: OutgoingMail) async throws
}

/// What one run of delivery did.
public struct DeliveryReport: Sendable, Codable, Hashable {
    /// Audit entries read since the last run.
    public var events = 0
    /// Messages made of them and of the schedules (forecasts), per channel.
    public var queued = 0
    public var forecasts = 0
    /// Reminders of surveys to those who have not answered.
    public var surveyReminders = 0
    /// Emails handed to the server, each one a message or a digest of several.
    public var emailsSent = 0
    public var messagesSent = 0
    public var failed = 0
    public var givenUp = 0
    /// The mail server could not be used: its reply. The run stopped sending; every message
    /// stays queued without an attempt counted.
    public var sessionFailure: String?
    /// A step that failed (reading the changes, the forecasts' schedule); the others ran.
    public var faults: [String] = []

    public init() {}
}

extension JournalService {
    /// The name under which delivery keeps its position in the event log.
    static let deliveryConsumer = "delivery"
    /// How many times a message is tried before it is given up, and the pause before each retry.
    public static let deliveryRetries: [TimeInterval] = [60, 300, 1800, 7200, 21600]
    /// The tables whose changes families hear about.
    static let deliveredEntities: Set<String> = [
        "mark", "attendance", "lesson", "timetableChange", "attestationMark", "examResult",
    ]

    /// One run of delivery: turns the changes since the last run into messages for each
    /// family in their agreed form, adds the forecasts due today (`notifications.lua`), then
    /// sends the email that is due — at once, or as a digest per family — when a mail
    /// transport is given. The server runs it every few seconds; `journal notify run` once.
    public func runDelivery(mailer: (any MailSending)?, caller: Caller) async throws -> DeliveryReport {
        try await requireSystemOrAdmin(caller)
        var report = DeliveryReport()
        // Each step is contained: a forecast rule that fails does not keep an absence from
        // being sent.
        do { try await collectEvents(into: &report) } catch {
            report.faults.append("reading the changes: \(error)")
        }
        do { try await scheduleForecasts(into: &report) } catch {
            report.faults.append("the forecasts' schedule: \(error)")
        }
        do { try await scheduleSurveys(into: &report) } catch {
            report.faults.append("the surveys' schedule: \(error)")
        }
        if let mailer { try await sendDue(mailer, into: &report) }
        return report
    }

    private func requireSystemOrAdmin(_ caller: Caller) async throws {
        guard caller.subject != nil else { return }
        try await authorize(caller, .contactsEdit, .school)
    }

    // MARK: Events into messages

    /// Reads the event log after delivery's position in batches; each batch's messages and
    /// the new position are written in one transaction. A first run starts at the end of the
    /// log: a school turning delivery on is not sent its whole past.
    private func collectEvents(into report: inout DeliveryReport) async throws {
        let rules = try await rules()
        let school = try await school()
        while true {
            let (position, entries) = try await database.read { reader in
                let position = try reader.consumerPosition(Self.deliveryConsumer)
                if position == nil { return (try reader.latestChange(), [AuditEntry]()) }
                return (position!, try reader.events(after: position!, entities: Self.deliveredEntities, limit: 500))
            }
            guard let last = entries.last?.id else {
                if try await database.read({ try $0.consumerPosition(Self.deliveryConsumer) }) == nil {
                    try await database.enqueue([], consumer: Self.deliveryConsumer, position: position)
                }
                return
            }
            report.events += entries.count
            let messages = try await database.read { reader in
                try DeliveryPlanner(reader: reader, rules: rules, school: school, now: self.now()).messages(
                    for: entries)
            }
            report.queued += try await database.enqueue(messages, consumer: Self.deliveryConsumer, position: last)
            if entries.count < 500 { return }
        }
    }

    /// The forecast of each student's current period in each subject, on the days
    /// `forecast_dates` names (R13), for every family; queued once per day and subject.
    /// The schedule is worked out once a day: the day done is kept as the position of the
    /// consumer `forecasts`, so a day the server was down is caught up (up to two weeks back).
    private func scheduleForecasts(into report: inout DeliveryReport) async throws {
        let today = try await today()
        let done = try await database.read { reader in try reader.consumerPosition(Self.forecastConsumer) }
        var day = done.map { LocalDate(dayNumber: Int($0) + 1) } ?? today
        day = max(day, today.adding(days: -14))
        while day <= today {
            let messages = try await forecastMessages(on: day)
            let added = try await database.enqueue(
                messages, consumer: Self.forecastConsumer, position: Int64(day.dayNumber))
            report.queued += added
            report.forecasts += added
            day = day.adding(days: 1)
        }
    }

    /// The consumer whose position is the last day the forecasts' schedule was worked out.
    static let forecastConsumer = "forecasts"

    // MARK: Sending

    /// Sends the email that is due: an immediate message alone, the daily and weekly ones of
    /// a family as one digest with a section per child. A message is recorded as sent only
    /// after the server accepted it, so a crash between the two sends it again: at least once.
    private func sendDue(_ mailer: any MailSending, into report: inout DeliveryReport) async throws {
        let now = self.now()
        let today = try await today()
        while true {
            let due = try await database.read { reader in try reader.dueMessages(at: now, limit: 1000) }
            guard !due.isEmpty else { return }
            let byRepresentative = Dictionary(grouping: due, by: \.representativeID)
            let facts = try await database.read { reader in
                var addresses: [RepresentativeID: (String, String)] = [:]
                for id in byRepresentative.keys {
                    guard let representative = try reader.representative(id) else { continue }
                    if let email = try reader.contacts(representatives: [id]).inForce(.email, on: today) {
                        addresses[id] = (email.value, representative.name.description)
                    }
                }
                return addresses
            }
            for (id, messages) in byRepresentative.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let batches =
                    messages.filter { $0.frequency == .immediate }.map { [$0] }
                    + (messages.contains { $0.frequency != .immediate }
                        ? [messages.filter { $0.frequency != .immediate }] : [])
                for batch in batches {
                    try Task.checkCancellation()
                    // Each email's outcome is written as soon as it is known: a crash later
                    // sends again only the email that was in flight.
                    guard let (address, name) = facts[id] else {
                        try await database.recordDelivery(
                            batch.map { Self.givenUp($0, reply: "no email address in force", now: now) })
                        report.givenUp += batch.count
                        continue
                    }
                    // Claimed for a few minutes: another process delivering from the same
                    // outbox skips them, and a crash returns them to the queue when it ends.
                    guard try await database.claim(batch, until: now.addingTimeInterval(Self.claimSeconds)) else {
                        continue
                    }
                    let mail = Self.compose(batch, to: address, name: name, today: today)
                    let failure: MailFailure?
                    do {
                        try await mailer.send(mail)
                        failure = nil
                    } catch let refusal as MailFailure {
                        failure = refusal
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        failure = MailFailure(reply: String(describing: error), isPermanent: false)
                    }
                    if let failure, failure.isSessionFailure {
                        // Nobody's fault: every message stays as it was, and this run stops.
                        try await database.recordDelivery(batch)
                        report.sessionFailure = failure.reply
                        return
                    }
                    var outcomes: [OutboxMessage] = []
                    for message in batch {
                        var message = message
                        message.attempts += 1
                        if let failure {
                            message.lastReply = String(failure.reply.prefix(500))
                            if failure.isPermanent || message.attempts > Self.deliveryRetries.count {
                                message.status = .givenUp
                                report.givenUp += 1
                            } else {
                                message.status = .failed
                                message.dueAt = now.addingTimeInterval(Self.deliveryRetries[message.attempts - 1])
                                report.failed += 1
                            }
                        } else {
                            message.status = .sent
                            message.sentAt = now
                            message.sentTo = address
                            message.lastReply = nil
                        }
                        outcomes.append(message)
                    }
                    try await database.recordDelivery(outcomes)
                    if failure == nil {
                        report.emailsSent += 1
                        report.messagesSent += batch.count
                    }
                }
            }
            if due.count < 1000 { return }
        }
    }

    /// How long a claim on messages being sent lasts.
    static let claimSeconds: TimeInterval = 300

    static func givenUp(_ message: OutboxMessage, reply: String, now: Date) -> OutboxMessage {
        var message = message
        message.status = .givenUp
        message.lastReply = reply
        message.attempts += 1
        return message
    }

    /// One email of one or more messages. A digest names every child in its subject and gives
    /// each child a section.
    static func compose(_ messages: [OutboxMessage], to address: String, name: String, today: LocalDate) -> OutgoingMail
    {
        if messages.count == 1, let message = messages.first, message.frequency == .immediate {
            let html = "<p>\(message.body.htmlEscapedForMail)</p>"
            return OutgoingMail(to: address, toName: name, subject: message.subject, text: message.body, html: html)
        }
        let children = Dictionary(grouping: messages) { $0.childName ?? "" }
        let names = children.keys.filter { !$0.isEmpty }.sorted()
        let day = today.russianText
        let subject = Strings.text(
            "delivery.digest.subject", .ru, ["children": names.joined(separator: ", "), "day": day])
        let heading = Strings.text("delivery.digest.heading", .ru, ["day": day])
        var text = heading + "\n"
        var html = "<p>\(heading.htmlEscapedForMail)</p>\n"
        let school = Strings.text("delivery.digest.school", .ru)
        for child in children.keys.sorted() {
            let items = children[child]!.sorted { ($0.createdAt, $0.id ?? 0) < ($1.createdAt, $1.id ?? 0) }
            text += "\n\(child.isEmpty ? school : child)\n"
            html += "<h2>\((child.isEmpty ? school : child).htmlEscapedForMail)</h2>\n<ul>\n"
            for item in items {
                text += "  • \(item.body)\n"
                html += "<li>\(item.body.htmlEscapedForMail)</li>\n"
            }
            html += "</ul>\n"
        }
        return OutgoingMail(to: address, toName: name, subject: subject, text: text, html: html)
    }
}

extension String {
    var htmlEscapedForMail: String {
        var escaped = ""
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension LocalDate {
    /// `05.12.2026`.
    var russianText: String { String(format: "%02d.%02d.%04d", day, month, year) }
}
