import ArgumentParser

@main
struct Journal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "SchoolJournal: the school's electronic journal and diary.",
        subcommands: [ScriptCommand.self, BenchCommand.self]
    )
}
