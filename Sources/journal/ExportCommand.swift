import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService
import Localization
import Spreadsheet

/// `journal export`: the files the pages and the API offer, written from the command line.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write a journal grid, a class's (or the school's) summary of marks, or a class's attendance as XLSX or CSV.",
        discussion: """
            journal export journal --db school.sqlite --assignment 12 --period q2 --output grid.xlsx
            journal export summary --db school.sqlite --class 5А --period year --output 5A.xlsx
            journal export summary --db school.sqlite --period q1 --output school.xlsx   (every class)
            journal export attendance --db school.sqlite --class 5А --period q2 --format csv --output 5A.csv
            """)

    enum What: String, ExpressibleByArgument, CaseIterable {
        case journal
        case summary
        case attendance
    }

    @Argument(help: "journal, summary or attendance.")
    var what: What

    @OptionGroup var database: DatabaseOption

    @Option(help: "The assignment (for journal): its id, as `journal marks` and the API show it.")
    var assignment: Int64?

    @Option(name: .customLong("class"), help: "The class, such as 5А (summary without it: every class).")
    var className: String?

    @Option(help: "The period: its key (q1, h2, year; final for final marks) or title (\"2 четверть\").")
    var period = "current"

    @Option(help: "xlsx or csv.")
    var format: String = "xlsx"

    @Option(help: "en or ru (the default), for the headers.")
    var language: String = "ru"

    @Option(help: "The file to write.")
    var output: String

    func validate() throws {
        guard ExportFormat(rawValue: format) != nil else { throw ValidationError("--format must be xlsx or csv") }
        guard Language(rawValue: language) != nil else { throw ValidationError("--language must be ru or en") }
        if what == .journal && assignment == nil { throw ValidationError("journal needs --assignment ID") }
        if what == .attendance && className == nil { throw ValidationError("attendance needs --class NAME") }
    }

    func run() async throws {
        try await reportingErrors {
            let service = try database.open()
            let language = Language(rawValue: language)!
            let export: Export
            switch what {
            case .journal:
                export = try await service.journalExport(
                    assignment: AssignmentID(assignment!), period: period, language: language, caller: consoleCaller)
            case .summary:
                if let className {
                    export = try await service.classSummaryExport(
                        className: className, period: period, language: language, caller: consoleCaller)
                } else {
                    export = try await service.schoolSummaryExport(
                        period: period, language: language, caller: consoleCaller)
                }
            case .attendance:
                export = try await service.classAttendanceExport(
                    className: className!, period: period, language: language, caller: consoleCaller)
            }
            let bytes = try ExportFormat(rawValue: format)!.render(export.workbook)
            try Data(bytes).write(to: URL(fileURLWithPath: output))
            let rows = export.workbook.sheets.map(\.rows.count).reduce(0, +)
            print("\(output): \(export.fileName), \(export.workbook.sheets.count) sheet(s), \(rows) rows")
        }
    }
}

/// `journal bench export`: the whole school's summary of period marks as XLSX, on a demo
/// school whose period marks were set to the recommended ones.
struct ExportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Time the XLSX of the whole school's summary of period marks.")

    @Option(help: "Students in the demo school.")
    var students = 1000

    @Option(help: "Use this database instead of generating a demo school (it is not changed).")
    var db: String?

    @Option(help: "The period (current: each class's own, quarter or half-year).")
    var period = "current"

    @Option(help: "Runs to time.")
    var runs = 5

    func validate() throws {
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard (1...100).contains(runs) else { throw ValidationError("--runs must be between 1 and 100") }
    }

    func run() async throws {
        try await reportingErrors {
            let service: JournalService
            if let db {
                service = try JournalService.open(path: db)
            } else {
                let path = FileManager.default.temporaryDirectory
                    .appendingPathComponent("export-\(UUID().uuidString).sqlite").path
                service = try JournalService.open(path: path, now: shiftedClock(today: "2026-11-20"))
                _ = try await service.createDemo(
                    students: students, seed: 17, today: LocalDate("2026-11-20")!,
                    rules: try RuleFiles.load(directory: "rules"))
                let set = try await service.setRecommendedPeriodMarksForBenchmark(period: period)
                print("demo school of \(students) students at \(path), \(set) \(period) marks set as recommended")
            }
            var bytes = 0
            var rows = 0
            var cells = 0
            let clock = ContinuousClock()
            var samples: [Duration] = []
            for _ in 0..<runs {
                let start = clock.now
                let export = try await service.schoolSummaryExport(
                    period: period, language: .ru, caller: consoleCaller)
                bytes = try ExportFormat.xlsx.render(export.workbook).count
                samples.append(clock.now - start)
                rows = export.workbook.sheets.map(\.rows.count).reduce(0, +)
                cells = export.workbook.sheets.flatMap(\.rows).map { $0.filter { $0 != .empty }.count }.reduce(0, +)
            }
            let timing = Stopwatch(samples: samples)
            print("the school's summary of \(period) marks as XLSX: \(rows) students, \(cells) cells, \(bytes) bytes")
            print("  \(timing.line("read, build and write"))")
            print("target: ≤ 2 s → \(timing.median <= .seconds(2) ? "met" : "missed")")
        }
    }
}
