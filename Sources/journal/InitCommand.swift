import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a school database seeded with the default rules (or those of --rules).")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The school's name.")
    var name = "Школа"

    @Option(name: .customLong("time-zone"), help: "The school's IANA time zone.")
    var timeZone = "Europe/Moscow"

    @OptionGroup var rules: RulesOption

    func run() async throws {
        try await reportingErrors {
            // The rules first: a school is not created on rules that do not load.
            let files = try rules.load()
            try await database.creating { service in
                try await service.initialize(
                    schoolName: name, timeZone: timeZone, rules: files, actor: consoleCaller.actor)
                let year = try await service.currentYear()
                print(
                    "Created «\(name)» in \(database.path): academic year \(year.title), rules from \(rules.origin).")
            }
        }
    }
}
