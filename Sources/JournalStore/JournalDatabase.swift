public import Foundation
import GRDB
public import JournalModel
import Synchronization

/// The school's database: it owns the connection, brings the schema up to date and is the
/// only door for writes, through ``write(actor:reason:_:)``. Every time it stores comes from
/// ``now``, the one clock the service follows too.
public final class JournalDatabase: Sendable {
    /// The file, or `:memory:`.
    public let path: String
    /// The current instant: the clock of the service over this database, which tests fix and
    /// `journal serve --today` shifts. Audit entries, marks, sessions — every stored time — take it.
    public let now: @Sendable () -> Date
    let reader: GuardedConnections
    /// The connection of synchronous reads (``readNow(_:)``): its own, never one of the pool's.
    /// An async read holds a pooled reader until its task resumes on the cooperative pool; a
    /// synchronous read waiting on a cooperative thread for a pooled reader could wait forever
    /// once every cooperative thread does the same (32 concurrent requests did).
    let nowReader: GuardedConnections
    let writer: GuardedConnections
    private let auditGuard = AuditGuard()

    /// Opens the database at `path`, in WAL mode with a pool of readers and a read-only
    /// connection of its own for synchronous reads; creates it when missing unless
    /// `mustExist`. A path that cannot hold a database (no directory, a zero-byte file, a file
    /// this process may not write) is refused before anything is written, and so is a
    /// database of a newer version.
    public static func open(
        path: String, now: @escaping @Sendable () -> Date = { Date() }, mustExist: Bool = false
    ) throws -> JournalDatabase {
        try DatabaseFile.preflight(path: path, mustExist: mustExist)
        // Opening a pool writes (it makes sure of the write-ahead log): a database this build
        // must not touch is refused from a read-only look first.
        if (DatabaseFile.size(path) ?? 0) > 0 {
            let look = try openReadOnly(path)
            defer { try? look.raw.close() }
            try look.read { db in try Migrations.refuseUnknown(db, path: path) }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StorageFailure.classify(error, path: path)
        }
        return try JournalDatabase(pool, path: path, now: now) {
            var readOnly = configuration
            readOnly.readonly = true
            return try DatabaseQueue(path: path, configuration: readOnly)
        }
    }

    /// A private database in memory, for tests.
    public static func inMemory(now: @escaping @Sendable () -> Date = { Date() }) throws -> JournalDatabase {
        try JournalDatabase(DatabaseQueue(configuration: configuration), now: now)
    }

    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// `nowReader` opens the connection of synchronous reads once the schema is migrated; by
    /// default they use the writer (a database queue, in memory, has no pool to wait for).
    init(
        _ writer: any DatabaseWriter, path: String = ":memory:", now: @escaping @Sendable () -> Date = { Date() },
        migrate: Bool = true, nowReader: () throws -> (any DatabaseWriter)? = { nil }
    ) throws {
        let connections = GuardedConnections(raw: writer, path: path)
        self.path = path
        self.now = now
        self.writer = connections
        self.reader = connections
        if migrate {
            try connections.read { db in try Migrations.refuseUnknown(db, path: path) }
            do {
                try Migrations.migrator.migrate(writer)
            } catch {
                throw StorageFailure.classify(error, path: path)
            }
        }
        do {
            self.nowReader = GuardedConnections(raw: try nowReader() ?? writer, path: path)
        } catch {
            throw StorageFailure.classify(error, path: path)
        }
        writer.add(transactionObserver: auditGuard, extent: .databaseLifetime)
    }

    /// Runs `body` in one write transaction: every change it makes through the writer is
    /// audited, and the whole of it commits or nothing does.
    public func write<T: Sendable>(
        actor: Actor, reason: String? = nil, _ body: @Sendable (inout AuditedWriter) throws -> T
    ) async throws -> T {
        try await writer.write { db in
            var audited = AuditedWriter(
                db: db, actor: actor, reason: reason, now: self.now(), auditGuard: self.auditGuard)
            return try body(&audited)
        }
    }

    /// The blocking form of ``write(actor:reason:_:)`` for command-line tools.
    public func writeNow<T>(actor: Actor, reason: String? = nil, _ body: (inout AuditedWriter) throws -> T) throws -> T
    {
        try writer.write { db in
            var audited = AuditedWriter(db: db, actor: actor, reason: reason, now: now(), auditGuard: auditGuard)
            return try body(&audited)
        }
    }

    /// How many transactions of this process changed journal data. Changes of other processes
    /// show only in the change feed (``StoreReader/latestChange()``); this counter tells a
    /// follower of the feed, without a read, that its own process wrote.
    public var localCommits: UInt64 { auditGuard.localCommits.load(ordering: .acquiring) }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try reader.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// Every migration the code knows, oldest first.
    public static var knownMigrations: [String] { Migrations.names }

    /// Writes to tables that hold no journal data (sessions).
    var sessionWriter: GuardedConnections { writer }

    /// Writes outside the audited path, for the tests that prove such writes are refused.
    func unauditedWrite(_ body: (Database) throws -> Void) throws {
        try writer.write(body)
    }
}
