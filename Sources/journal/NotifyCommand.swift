import ArgumentParser
import Foundation
import JournalModel
import JournalService

/// `journal notify`: delivery to families (issue 13) from the command line — one run now, or
/// the dry run of a day.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Deliver to families: turn the journal's changes and the day's schedule into messages, send email.",
        subcommands: [NotifyRunCommand.self, NotifyPreviewCommand.self])
}

/// `journal notify run`: what the server's scheduler does every few seconds, once.
struct NotifyRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Queue the messages of the changes since the last run and of today's schedule; send what is due.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var mail: MailOptions

    func run() async throws {
        try await reportingErrors {
            let mailer = try mail.transport()
            let service = try database.open()
            let report = try await service.runDelivery(mailer: mailer, caller: consoleCaller)
            print(
                "\(report.events) changes read; \(report.queued) messages queued (\(report.forecasts) forecasts); "
                    + "\(report.emailsSent) emails sent with \(report.messagesSent) messages; "
                    + "\(report.failed) failed, to be retried; \(report.givenUp) given up")
            if mailer == nil { print("no --smtp given: email stays queued") }
        }
    }
}

/// `journal notify preview`: who would get what on a day.
struct NotifyPreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Dry run: who would get what on a day — the forecasts of its schedule and the digests queued for it.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The day, YYYY-MM-DD, in the school's time zone.")
    var date: String

    func validate() throws {
        guard LocalDate(date) != nil else {
            throw ValidationError("--date must be a day YYYY-MM-DD, such as 2026-12-14 (got '\(date)')")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let service = try database.open()
            let lines = try await service.deliveryPreview(on: LocalDate(date)!, caller: consoleCaller)
            for line in lines {
                print(
                    [
                        line.representative, line.child ?? "", line.messageClass, line.channel.rawValue,
                        line.frequency.rawValue, line.subject,
                    ].joined(separator: "\t"))
            }
            let byChannel = Dictionary(grouping: lines, by: \.channel).mapValues(\.count)
            print(
                "\(lines.count) messages on \(date): "
                    + DeliveryChannel.allCases.map { "\(byChannel[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
        }
    }
}

/// The mail server to send through: `--smtp smtp://user:password@host:port?from=school@example.org`.
struct MailOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The mail server, smtp://[user:password@]host[:port]?from=address (smtps:// for TLS from the start).",
            discussion:
                "STARTTLS is used when the server offers it, and required for a server not on this machine. JOURNAL_SMTP in the environment is read when --smtp is not given."
        ))
    var smtp: String?

    /// `--smtp`, or the environment's `JOURNAL_SMTP`, which keeps a password out of the
    /// process list and the shell's history.
    func transport() throws -> (any MailSending)? {
        guard let url = smtp ?? ProcessInfo.processInfo.environment["JOURNAL_SMTP"], !url.isEmpty else { return nil }
        return try SMTPMailer(url: url)
    }
}
