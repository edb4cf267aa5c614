import ArgumentParser
import Foundation
import JournalModel
import JournalService

/// `journal audit`: the change history from the command line, as the API gives it.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The change history: who changed what, when, old → new, and why; newest first.")

    @OptionGroup var database: DatabaseOption

    @Option(
        help: "One record, KIND:ID (mark:123), or a kind of record (mark, lesson, attendance, period_mark, rules…).")
    var entity: String?

    @Option(help: "Who made the change: a login or part of a name.")
    var actor: String?

    @Option(help: "The first day, YYYY-MM-DD, in the school's time zone.")
    var from: String?

    @Option(help: "The last day, YYYY-MM-DD, included.")
    var to: String?

    @Option(help: "At most this many entries, 1–500.")
    var limit: Int = 100

    func run() async throws {
        try await reportingErrors {
            var query = HistoryQuery(actor: actor, limit: limit)
            if let entity {
                let parts = entity.split(separator: ":", maxSplits: 1).map(String.init)
                query.kind = parts[0]
                if parts.count == 2 {
                    guard let id = Int64(parts[1]), id > 0 else {
                        throw ValidationError(
                            "--entity: give KIND:ID with a positive id, such as mark:123, not \(entity)")
                    }
                    query.id = id
                }
            }
            query.from = try Self.day(from, "--from")
            query.to = try Self.day(to, "--to")
            let entries = try await database.open().history(query, caller: consoleCaller)
            if entries.isEmpty { print("No changes match.") }
            let format = ISO8601DateFormatter()
            for entry in entries {
                var line =
                    "\(format.string(from: entry.at))  \(entry.actor)  \(entry.action) \(entry.kind):\(entry.recordID)"
                if let reason = entry.reason { line += "  «\(reason)»" }
                if let via = entry.via { line += "  via \(via)" }
                print(line)
                if let before = entry.before { print("    before: \(before)") }
                if let after = entry.after { print("    after:  \(after)") }
            }
        }
    }

    static func day(_ text: String?, _ option: String) throws -> LocalDate? {
        guard let text else { return nil }
        guard let day = LocalDate(text) else { throw ValidationError("\(option): give a date YYYY-MM-DD, not \(text)") }
        return day
    }
}
