import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, compare, activate and list versions of the school's rules.",
        subcommands: [Check.self, Diff.self, Activate.self, History.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load every rule script in DIR, check it and run its tests.")

        @Argument(help: "The directory of rule scripts.")
        var directory: String

        @Option(help: "The academic year's first day, YYYY-MM-DD; by default the current one.")
        var year: String?

        func run() async throws {
            try await reportingErrors {
                let files = try RuleFiles.load(directory: directory)
                let start: LocalDate
                if let year {
                    guard let date = LocalDate(year) else {
                        throw ValidationError("--year must be a date YYYY-MM-DD, such as 2026-09-01")
                    }
                    start = date
                } else {
                    start = SchoolCalendar.academicYear(containing: LocalDate.today).start
                }
                let rules = try await SchoolRules.load(
                    files, academicYear: SchoolCalendar.academicYear(containing: start))
                let duties = rules.deadlines.duties.map(\.id).joined(separator: ", ")
                print(
                    "OK: \(files.files.count) files; scales \(rules.scales.keys.sorted().joined(separator: ", ")); "
                        + "\(rules.workTypes.all.count) work types; \(rules.attendanceCodes.all.count) attendance codes; "
                        + "periods \(rules.calendar.periodKeysText)" + (duties.isEmpty ? "." : "; duties \(duties)."))
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dry-run: which recommended marks and forecasts would change if DIR's rules were active.")

        @OptionGroup var database: DatabaseOption

        @Argument(help: "The directory of candidate rule scripts.")
        var directory: String

        @Option(help: "How many days back the journal's deadlines are compared (deadlines.lua), 1 to 366.")
        var deadlineDays = 30

        func validate() throws {
            guard (1...366).contains(deadlineDays) else {
                throw ValidationError("--deadline-days must be from 1 to 366, not \(deadlineDays)")
            }
        }

        func run() async throws {
            try await reportingErrors {
                let service = try database.open()
                let changes = try await service.diffRules(
                    try RuleFiles.load(directory: directory), caller: consoleCaller)
                let today = try await service.today()
                let deadlines = try await service.diffDeadlines(
                    try RuleFiles.load(directory: directory), from: today.adding(days: -deadlineDays + 1), to: today,
                    caller: consoleCaller)
                if deadlines.isEmpty {
                    print("No item of the journal's deadlines over the last \(deadlineDays) days would change status.")
                } else {
                    for change in deadlines {
                        let item = change.item
                        print(
                            "\(item.date) \(item.teacher), \(item.subject) \(item.group), \(item.duty): "
                                + "\(change.before?.rawValue ?? "not owed") → \(change.after?.rawValue ?? "not owed")"
                                + (change.dueBefore != change.dueAfter
                                    ? " (due \(change.dueBefore?.description ?? "–") → \(change.dueAfter?.description ?? "–"))"
                                    : ""))
                    }
                    print("\(deadlines.count) items of the journal's deadlines would change status.")
                }
                let closed = try await service.closedPeriods()
                if !closed.isEmpty {
                    print(
                        "Unchanged, closed: \(closed.map { "\($0.key) (\($0.title))" }.joined(separator: ", ")) keep the "
                            + "rules they closed with.")
                }
                if changes.isEmpty {
                    print("No recommended mark or forecast would change.")
                    return
                }
                for change in changes {
                    var parts: [String] = []
                    if change.scaleBefore != change.scaleAfter {
                        parts.append("scale \(change.scaleBefore ?? "none") → \(change.scaleAfter ?? "none")")
                    }
                    if change.recommendedBefore != change.recommendedAfter {
                        parts.append(
                            "recommended \(change.recommendedBefore ?? "–") → \(change.recommendedAfter ?? "–")")
                    }
                    if change.forecastBefore != change.forecastAfter {
                        parts.append("forecast \(change.forecastBefore ?? "–") → \(change.forecastAfter ?? "–")")
                    }
                    let average = change.average.map { " (average \($0))" } ?? ""
                    print(
                        "\(change.className) \(change.studentName), \(change.subjectName), \(change.period): "
                            + parts.joined(separator: "; ") + average)
                }
                let students = Set(changes.map(\.studentID)).count
                print("\(changes.count) changes for \(students) students.")
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check DIR's rules and make them the active version.")

        @OptionGroup var database: DatabaseOption

        @Argument(help: "The directory of rule scripts.")
        var directory: String

        @Option(help: "Why the rules change, for the history.")
        var comment: String?

        func run() async throws {
            try await reportingErrors {
                let version = try await database.open().activateRules(
                    try RuleFiles.load(directory: directory), caller: consoleCaller, comment: comment)
                print(
                    "Activated rules version \(version.id) (changed: \(version.changedFiles.joined(separator: ", "))).")
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every version of the rules.")

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await reportingErrors {
                for version in try await database.open().rulesHistory(caller: consoleCaller) {
                    let active = version.isActive ? " (active)" : ""
                    let when = ISO8601DateFormatter().string(from: version.createdAt)
                    print(
                        "\(version.id)\(active)  \(when)  \(version.author)  \(version.comment ?? "")\n"
                            + "    changed: \(version.changedFiles.joined(separator: ", "))")
                }
            }
        }
    }
}

extension LocalDate {
    /// Today on this machine's clock, in Moscow time (the default school time zone).
    static var today: LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
