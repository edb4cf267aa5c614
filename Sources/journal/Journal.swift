import ArgumentParser

@main
struct Journal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "SchoolJournal: the school's electronic journal and diary.",
        subcommands: [
            InitCommand.self, DemoCommand.self, ImportCommand.self, PeriodMarksCommand.self, MarksCommand.self,
            RulesCommand.self, AccountsCommand.self, ServeCommand.self, BackupCommand.self, RestoreCommand.self,
            ScriptCommand.self, BenchCommand.self, AuditCommand.self, ExamsCommand.self, ExportCommand.self,
            ComplianceCommand.self, NotifyCommand.self, PrintoutsCommand.self, SurveysCommand.self, PluginsCommand.self,
        ]
    )
}
