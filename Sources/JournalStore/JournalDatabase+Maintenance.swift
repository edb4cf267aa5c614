import Foundation
import GRDB
import JournalModel

extension JournalDatabase {
    /// Runs SQLite's integrity check over the whole file — `quick` skips the comparison of
    /// indexes with their tables, which takes most of the time — and refuses a damaged file.
    public func checkIntegrity(quick: Bool) throws {
        let problems: [String]
        do {
            problems = try reader.read { db in
                try String.fetchAll(db, sql: quick ? "PRAGMA quick_check" : "PRAGMA integrity_check")
            }
        } catch StorageFailure.corrupt(_, let cause) {
            // So damaged that the check itself could not read it.
            throw DatabaseFileError.damaged(path: path, problems: [cause])
        }
        guard problems == ["ok"] else { throw DatabaseFileError.damaged(path: path, problems: problems) }
    }

    /// Moves every change of the write-ahead log into the database file and empties the log,
    /// so that the file alone holds the school (at a graceful shutdown). Returns false when a
    /// reader kept part of the log from being moved.
    @discardableResult
    public func checkpoint() throws -> Bool {
        try writer.writeWithoutTransaction { db in
            guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") else { return true }
            return (row[0] as Int?) == 0
        }
    }
}

extension JournalDatabase {
    /// Closes the database's connections: after a checkpoint at shutdown, or before another
    /// process is to have the file to itself. Any use after it fails.
    public func close() throws {
        do {
            if nowReader.raw !== writer.raw { try nowReader.raw.close() }
            try writer.raw.close()
        } catch {
            throw StorageFailure.classify(error, path: path)
        }
    }
}

extension Migrations {
    /// Refuses a database this build must not migrate: one written by a newer version (it
    /// has migrations this build does not know, and a database never goes back), or an SQLite
    /// database of another program (tables, but none of the migrations' bookkeeping).
    static func refuseUnknown(_ db: Database, path: String) throws {
        guard try db.tableExists("grdb_migrations") else {
            let tables = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if (tables ?? 0) > 0 { throw DatabaseFileError.foreign(path: path) }
            return
        }
        let known = Set(names)
        let unknown = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            .filter { !known.contains($0) }
        if !unknown.isEmpty { throw DatabaseFileError.newerSchema(path: path, unknown: unknown) }
    }
}
