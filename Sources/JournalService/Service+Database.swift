import Foundation
public import JournalModel
import JournalStore

/// The database as a whole: its checks before serving, the checkpoint at shutdown, backups
/// and restores. Backups and restores work on files, not on an open school: a backup reads a
/// database another process may be serving, a restore replaces one nobody has open.
extension JournalService {
    /// Refuses to serve a damaged database: SQLite's quick check of every page and row.
    public func checkDatabase() throws {
        try database.checkIntegrity(quick: true)
    }

    /// Moves the write-ahead log into the database file, at a graceful shutdown: the file
    /// alone then holds the school, for copies and for the next start.
    public func checkpoint() throws {
        try database.checkpoint()
    }

    /// Copies the database at `path` into the new file `destination` while it may be served,
    /// and checks the copy (see ``JournalDatabase/backup(path:to:pace:progress:)``).
    public static func backup(
        database path: String, to destination: String, pace: BackupPace = .gentle,
        progress: @escaping (_ remaining: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> BackupReport {
        try JournalDatabase.backup(path: path, to: destination, pace: pace, progress: progress)
    }

    /// Puts a checked backup in place of the database at `path`, which no process may have
    /// open (see ``JournalDatabase/restore(from:to:)``).
    public static func restore(from backup: String, to path: String) throws -> BackupReport {
        try JournalDatabase.restore(from: backup, to: path)
    }
}
