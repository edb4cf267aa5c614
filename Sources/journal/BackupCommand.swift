import ArgumentParser
import Foundation
import JournalModel
import JournalService

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the school's database into a new file, while it is served or not, and check the copy.",
        discussion: "SQLite's online backup copies the database as it was at one moment, a few pages at a time "
            + "with pauses between, so that the server's writes go on meanwhile. The copy is checked with "
            + "`PRAGMA integrity_check` and written beside --out first: --out appears only when it is sound, and "
            + "an existing file is never overwritten.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The backup file to create.")
    var out: String

    @Option(help: "Database pages copied per step (-1: all in one step).")
    var pagesPerStep: Int32 = BackupPace.gentle.pagesPerStep

    @Option(help: "Milliseconds to pause between steps, leaving the disk to the server.")
    var pauseMs = Int(BackupPace.gentle.pause / .milliseconds(1))

    func validate() throws {
        guard pagesPerStep == -1 || pagesPerStep > 0 else {
            throw ValidationError("--pages-per-step must be -1 or a positive number (got \(pagesPerStep))")
        }
        guard pauseMs >= 0 else { throw ValidationError("--pause-ms must not be negative (got \(pauseMs))") }
    }

    func run() async throws {
        try await reportingErrors {
            let bar = ProgressBar(label: "backing up")
            let report = try JournalService.backup(
                database: database.path, to: out,
                pace: BackupPace(pagesPerStep: pagesPerStep, pause: .milliseconds(pauseMs))
            ) { remaining, total in bar.update(total - remaining, total) }
            print(
                "Backed up \(database.path) to \(report.path): \(report.bytes / 1024) KiB, \(report.pages) pages in "
                    + "\(report.steps) steps, \(Stopwatch.format(.seconds(report.seconds))); integrity check: ok; "
                    + "schema: \(report.migrations.count) migrations.")
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place of the school's database, which no server may have open.",
        discussion: "The backup is checked first (SQLite's integrity check, a school's schema of this version or "
            + "an older one) and copied beside --db; then the database it replaces is renamed aside, with its "
            + "-wal, as DB.before-restore-TIME, and the copy takes its name. Stop `journal serve` first.")

    @Option(help: "The backup file to restore.")
    var from: String

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reportingErrors {
            let report = try JournalService.restore(from: from, to: database.path)
            print(
                "Restored \(database.path) from \(from): \(report.bytes / 1024) KiB; integrity check: ok; schema: "
                    + "\(report.migrations.count) migrations.")
            if let aside = report.keptAside {
                print("The database it replaced is kept as \(aside); remove it when you no longer need it.")
            }
        }
    }
}
