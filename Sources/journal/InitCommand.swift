import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a school database seeded with the rules under rules/.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The school's name.")
    var name = "Школа"

    @Option(name: .customLong("time-zone"), help: "The school's IANA time zone.")
    var timeZone = "Europe/Moscow"

    @Option(help: "The directory of rule scripts to start with.")
    var rules = "rules"

    func run() async throws {
        try await reportingErrors {
            let service = try database.open(mustExist: false)
            try await service.initialize(
                schoolName: name, timeZone: timeZone, rules: try RuleFiles.load(directory: rules),
                actor: consoleCaller.actor)
            let year = try await service.currentYear()
            print("Created «\(name)» in \(database.path): academic year \(year.title), rules from \(rules)/.")
        }
    }
}
