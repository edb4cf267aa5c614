import ArgumentParser
import Foundation
import JournalService
import Localization

/// `journal exams import`: the regional centre's protocol of exam results, from the command line.
struct ExamsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exams",
        abstract: "Exam results (ОГЭ, ЕГЭ, ГВЭ, the school's own), converted by the rules' exams.lua.",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a protocol of exam results as CSV.",
            discussion: """
                Columns: student,class,subject,exam,date,score,mark,protocol,protocol_date (mark only for exams \
                marked directly, such as ГВЭ). A bad row is reported as file:line: what is wrong, and then \
                nothing of the file is imported.
                """)

        @OptionGroup var database: DatabaseOption

        @Argument(help: "The protocol as CSV (UTF-8).")
        var file: String

        @Option(help: "The language of the messages about the file: ru (the default) or en.")
        var language: Language = .ru

        func run() async throws {
            try await reportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure("\(file): cannot read the file")
                }
                do {
                    let results = try await database.open().importExamProtocol(
                        data, file: file, caller: consoleCaller)
                    print("\(file): \(results.count) exam results recorded.")
                } catch let refusal as ExamProtocolRefusal {
                    let nothing = Strings.text("import.nothing_imported", language, ["file": file])
                    throw CommandFailure(refusal.text(language) + "\n" + nothing)
                }
            }
        }
    }
}
