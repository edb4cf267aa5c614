public import ArgumentParser
import Foundation
import JournalImport
import JournalModel
import JournalService
import Localization

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import a CSV file of students, representatives, staff, classes, subjects, assignments or the timetable.",
        discussion: """
            Import in this order: staff, classes, subjects, students, representatives, assignments, timetable. \
            A bad row is reported as file:line: what is wrong, and then nothing of that file is imported. \
            Example files: examples/import/. After a timetable, the year's dated lessons are generated.
            """)

    @OptionGroup var database: DatabaseOption

    @Argument(help: "What the file holds: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: ImportKind

    @Argument(help: "The CSV file (UTF-8; ',' or ';' separated; a header row).")
    var file: String

    @Option(help: "The language of the messages about the file: ru (the default) or en.")
    var language: Language = .ru

    func run() async throws {
        try await reportingErrors {
            let service = try database.open()
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("\(file): cannot read the file")
            }
            let summary: ImportSummary
            do {
                summary = try await service.importFile(
                    kind: kind, file: file, bytes: Array(data), caller: consoleCaller)
            } catch let failure as ImportFailure {
                throw CommandFailure(
                    failure.text(language) + "\n" + Strings.text("import.nothing_imported", language, ["file": file]))
            }
            print("\(file): \(summary.text(language))")
            if kind == .timetable {
                let lessons = try await service.generateLessons(caller: consoleCaller)
                print("Generated \(lessons) dated lessons from the timetable.")
            }
        }
    }
}

extension ImportKind: ExpressibleByArgument {}
