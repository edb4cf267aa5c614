import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

/// `journal compliance`: the journal-keeping monitor (issue 12) from the command line.
struct ComplianceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "Whether the journal is kept on time: lesson records, homework, marks of works, exam results.",
        subcommands: [ComplianceReportCommand.self])
}

/// `journal compliance report`: every item the regulation's deadlines expect within the days,
/// with its deadline, first entry and status, as CSV or JSON on standard output.
struct ComplianceReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Each lesson record, homework, work's marks and exam result of the days, and whether it was on time.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var database: DatabaseOption

    @Option(help: "The first day, YYYY-MM-DD, in the school's time zone.")
    var from: String

    @Option(help: "The last day, YYYY-MM-DD, included (at most a year after --from).")
    var to: String

    @Option(help: "One teacher: the login of their account or their staff id.")
    var teacher: String?

    @Option(name: .customLong("class"), help: "The lessons and works of one class, by its name (5А).")
    var className: String?

    @Option(help: "One duty of deadlines.lua (lesson_record, homework, work_marks, exam_results by default).")
    var duty: String?

    @Option(help: "csv (one line per item) or json (the report with per-teacher counts).")
    var format: Format = .csv

    func validate() throws {
        let from = try Self.day(from, "--from")
        let to = try Self.day(to, "--to")
        guard from <= to else { throw ValidationError("--to (\(to)) is before --from (\(from)): give from ≤ to") }
    }

    func run() async throws {
        try await reportingErrors {
            let service = try database.open()
            var query = ComplianceQuery(
                from: try Self.day(from, "--from"), to: try Self.day(to, "--to"), className: className, duty: duty)
            if let teacher { query.teacher = try await service.complianceTeacher(teacher) }
            let report = try await service.compliance(query, caller: consoleCaller)
            switch format {
            case .csv:
                let timeZone = try await service.school().timeZone
                print(Self.csv(report, timeZone: timeZone), terminator: "")
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            }
        }
    }

    static func day(_ text: String, _ option: String) throws -> LocalDate {
        guard let day = LocalDate(text) else { throw ValidationError("\(option): give a date YYYY-MM-DD, not \(text)") }
        return day
    }

    static let header = [
        "date", "teacher", "subject", "group", "duty", "clause", "due", "entered_at", "status", "failure",
    ]

    /// One line per item; the first entry in the school's local time, `YYYY-MM-DD HH:MM`.
    static func csv(_ report: ComplianceReport, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Europe/Moscow")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let clauses = Dictionary(report.duties.map { ($0.id, $0.clause) }, uniquingKeysWith: { first, _ in first })
        var lines = [header.joined(separator: ",")]
        for item in report.items {
            let fields = [
                item.date.description, item.teacher, item.subject, item.group, item.duty, clauses[item.duty] ?? "",
                item.due?.description ?? "", item.enteredAt.map(formatter.string(from:)) ?? "", item.status.rawValue,
                item.failure ?? "",
            ]
            lines.append(fields.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
