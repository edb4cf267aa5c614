import ArgumentParser
import Foundation
import JournalImport
import JournalModel
import JournalRules
import JournalService
import Spreadsheet

struct PeriodMarksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period-marks",
        abstract:
            "Per student and subject of a class: the marks that count, the weighted average, the recommended mark and the forecast."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv
        case json
    }

    @OptionGroup var database: DatabaseOption

    @Option(name: .customLong("class"), help: "The class, such as 5А.")
    var className: String

    @Option(help: "The period: its key (q1, h2) or title (\"2 четверть\").")
    var period: String

    @Option(help: "csv or json.")
    var format: Format = .csv

    func run() async throws {
        try await reportingErrors {
            let report = try await database.open().periodMarks(
                className: className, period: period, caller: consoleCaller)
            switch format {
            case .json: print(try JSONOutput.string(report))
            case .csv: print(Self.csv(report), terminator: "")
            }
        }
    }

    static func csv(_ report: ClassPeriodMarks) -> String {
        var lines = ["class,student,subject,scale,marks,weighted_average,recommended,forecast"]
        for row in report.rows {
            let standing = row.standing
            let marks =
                standing?.weighted.marks.map { mark in
                    guard let value = mark.value else { return "•" }
                    return mark.counted ? "\(value)×\(mark.weight.formatted)" : "\(value)(–)"
                }.joined(separator: " ") ?? ""
            lines.append(
                [
                    report.className, row.studentName, row.subjectName, standing?.scaleID ?? "no marks", marks,
                    standing?.weighted.roundedAverage.map { String($0) } ?? "", standing?.recommended ?? "",
                    standing?.forecast ?? "",
                ].map(CSVField.cell).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

enum JSONOutput {
    static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension Double {
    /// 3 rather than 3.0; 1.5 stays 1.5.
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
