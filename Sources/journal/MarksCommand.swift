import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

struct MarksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marks", abstract: "Marks of one student.", subcommands: [Explain.self])

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a student's weighted average, recommended mark and forecast in a subject for a period.")

        @OptionGroup var database: DatabaseOption

        @Option(help: "The student: their id or their account's login.")
        var student: String

        @Option(help: "The subject: its id or its name.")
        var subject: String

        @Option(help: "The period: its key (q1, h2), its title, or current.")
        var period = "current"

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() async throws {
            try await reportingErrors {
                let service = try database.open()
                let (studentID, subjectID) = try await service.resolve(student: student, subject: subject)
                let row = try await service.explain(
                    student: studentID, subject: subjectID, period: period, caller: consoleCaller)
                if json {
                    print(try JSONOutput.string(row))
                } else {
                    print(Self.text(row))
                }
            }
        }

        static func text(_ row: SubjectStanding) -> String {
            var lines = ["\(row.studentName), \(row.className) — \(row.subjectName)"]
            guard let standing = row.standing else {
                return (lines + ["No marks are given in this subject in this grade."]).joined(separator: "\n")
            }
            let period = standing.period
            lines.append("Period: \(period.title) (\(period.key), \(period.range.start)…\(period.range.end))")
            lines.append("Scale: \(standing.scaleTitle) (\(standing.scaleID))")
            lines.append("")
            lines.append("date        mark  work type                         weight  counts")
            for mark in standing.weighted.marks {
                let value = mark.value ?? "•"
                let counts = mark.counted ? "yes" : "no — \(mark.note ?? "")"
                lines.append(
                    "\(mark.date)  \(value.padded(4))  \(mark.workTypeTitle.padded(32))  \(mark.weight.formatted.padded(6))  \(counts)"
                )
            }
            lines.append("")
            if let average = standing.weighted.average {
                let terms = standing.weighted.marks.filter(\.counted).map {
                    "\($0.numericValue!.formatted)×\($0.weight.formatted)"
                }
                lines.append(
                    "Weighted average: (\(terms.joined(separator: " + "))) / \(standing.weighted.totalWeight.formatted) = \(((average * 100).rounded() / 100))"
                )
            } else {
                lines.append("Weighted average: none (no marks that count)")
            }
            lines.append("Recommended period mark: \(standing.recommended ?? "none") — \(standing.rule)")
            lines.append("Forecast: \(standing.forecast ?? "none yet (too few marks)")")
            lines.append("Rules version: \(standing.rulesVersion.map(String.init) ?? "files")")
            return lines.joined(separator: "\n")
        }
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
