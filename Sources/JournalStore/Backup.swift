import Foundation
import GRDB
public import JournalModel

extension JournalDatabase {
    /// Copies the database at `path` — served meanwhile or not — into a new file `destination`
    /// with SQLite's online backup, then checks the copy with `PRAGMA integrity_check`. The
    /// copy is written beside `destination` and renamed to it only when sound; an existing
    /// `destination` is never overwritten.
    public static func backup(
        path: String, to destination: String, pace: BackupPace = .gentle,
        progress: @escaping (_ remaining: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> BackupReport {
        try DatabaseFile.preflight(path: path, mustExist: true, reading: true)
        try refuseExisting(destination)
        let started = ContinuousClock.now
        // Any school's database is copied, one of a newer version too: only a restore refuses it.
        let source = try openReadOnly(path)
        let partial = try DatabaseFile.partialPath(for: destination)
        defer { DatabaseFile.removeDatabase(at: partial) }
        var steps = 0
        var pages = 0
        do {
            let copy = try DatabaseQueue(path: partial)
            try source.raw.read { db in
                // A read pins the transaction's snapshot: every step copies that one moment. Without
                // it each step takes a snapshot of its own, and a write between two steps starts
                // the copy over — under steady writes, again and again.
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
                try copy.writeWithoutTransaction { copyDB in
                    try db.backup(to: copyDB, pagesPerStep: pace.pagesPerStep) { step in
                        steps += 1
                        pages = step.totalPageCount
                        progress(step.remainingPageCount, step.totalPageCount)
                        if !step.isCompleted && pace.pause > .zero {
                            Thread.sleep(forTimeInterval: pace.pause.seconds)
                        }
                    }
                }
            }
            // A backup is one self-contained file, without a write-ahead log beside it.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            throw StorageFailure.classify(error, path: destination)
        }
        let migrations = try verify(partial, refusingNewer: false)
        try DatabaseFile.place(partial, at: destination)
        return BackupReport(
            path: destination, bytes: DatabaseFile.size(destination) ?? 0, pages: pages, steps: steps,
            seconds: (ContinuousClock.now - started).seconds, migrations: migrations)
    }

    /// Puts the backup `backup` in place of the database at `path`. Refuses a damaged backup,
    /// one that is not a school's, one of a newer version, and a database another process has
    /// open. The backup is copied and checked beside `path` first; then the database it
    /// replaces is renamed aside (with its -wal, as `…before-restore-…`) and the copy renamed
    /// into its place, so that `path` is always a whole database, the old or the new.
    public static func restore(from backup: String, to path: String) throws -> BackupReport {
        let started = ContinuousClock.now
        try DatabaseFile.preflight(path: backup, mustExist: true, reading: true)
        try DatabaseFile.preflight(path: path, mustExist: false)
        _ = try verify(backup, requireSchool: true)
        try DatabaseFile.refuseIfInUse(path)
        let partial = try DatabaseFile.partialPath(for: path)
        defer { DatabaseFile.removeDatabase(at: partial) }
        var pages = 0
        do {
            let source = try openReadOnly(backup)
            let copy = try DatabaseQueue(path: partial)
            try source.raw.backup(to: copy) { pages = $0.totalPageCount }
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            throw StorageFailure.classify(error, path: path)
        }
        let migrations = try verify(partial, requireSchool: true)
        // Nobody may have opened it while the copy was made.
        try DatabaseFile.refuseIfInUse(path)
        let aside = try DatabaseFile.moveAside(path)
        try DatabaseFile.place(partial, at: path)
        return BackupReport(
            path: path, bytes: DatabaseFile.size(path) ?? 0, pages: pages, steps: 1,
            seconds: (ContinuousClock.now - started).seconds, migrations: migrations, keptAside: aside)
    }

    /// Checks a copy: SQLite's full integrity check, and unless told otherwise no migrations
    /// this build does not know; `requireSchool`: a school's database, not another program's.
    /// Returns the migrations it holds, oldest first.
    @discardableResult
    static func verify(_ path: String, requireSchool: Bool = false, refusingNewer: Bool = true) throws -> [String] {
        let database = try openReadOnly(path)
        defer { try? database.raw.close() }
        return try database.read { db in
            let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard problems == ["ok"] else { throw DatabaseFileError.damaged(path: path, problems: problems) }
            if refusingNewer { try Migrations.refuseUnknown(db, path: path) }
            let applied =
                try db.tableExists("grdb_migrations")
                ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") : []
            let hasSchool = try db.tableExists("school")
            if requireSchool && (applied.isEmpty || !hasSchool) {
                throw DatabaseFileError.foreign(path: path)
            }
            return applied
        }
    }

    /// A connection that reads `path` and never writes to it.
    static func openReadOnly(_ path: String) throws -> GuardedConnections {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            return GuardedConnections(raw: try DatabaseQueue(path: path, configuration: configuration), path: path)
        } catch {
            throw StorageFailure.classify(error, path: path)
        }
    }

    private static func refuseExisting(_ path: String) throws {
        try DatabaseFile.preflight(path: path, mustExist: false)
        if FileManager.default.fileExists(atPath: path) { throw DatabaseFileError.exists(path: path) }
    }
}

extension DatabaseFile {
    /// A fresh name beside `path` for a copy being written.
    static func partialPath(for path: String) throws -> String {
        let partial = "\(path).partial-\(getpid())"
        removeDatabase(at: partial)
        return partial
    }

    /// Removes a database file with its -wal, -shm and -journal.
    static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Renames the finished copy `partial` to `path`, which must not exist, and makes both
    /// durable.
    static func place(_ partial: String, at path: String) throws {
        sync(partial)
        if FileManager.default.fileExists(atPath: path) { throw DatabaseFileError.exists(path: path) }
        guard rename(partial, path) == 0 else {
            throw StorageFailure.io(path: path, cause: "cannot rename \(partial) to it: \(errnoText())")
        }
        sync(directory(of: path))
    }

    /// Renames the database at `path` and its -wal aside (the -shm is rebuilt from them and
    /// removed), so that nothing of it is applied to the file that takes its place. Returns
    /// the new name, or nil when there was no database.
    static func moveAside(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else {
            for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
            return nil
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = formatter.string(from: Date())
        let aside = "\(path).before-restore-\(stamp)"
        for suffix in ["-wal", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard rename(path + suffix, aside + suffix) == 0 else {
                throw StorageFailure.io(path: path, cause: "cannot rename its \(suffix) file aside: \(errnoText())")
            }
        }
        guard rename(path, aside) == 0 else {
            throw StorageFailure.io(path: path, cause: "cannot rename it aside to \(aside): \(errnoText())")
        }
        unlink(path + "-shm")
        return aside
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
