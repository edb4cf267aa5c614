import Foundation
import GRDB
import JournalModel

/// The school's database: it owns the connection, brings the schema up to date and is the
/// only door for writes, through ``write(actor:reason:_:)``.
public final class JournalDatabase: Sendable {
    let reader: any DatabaseReader
    /// The connection of synchronous reads (``readNow(_:)``): its own, never one of the pool's.
    /// An async read holds a pooled reader until its task resumes on the cooperative pool; a
    /// synchronous read waiting on a cooperative thread for a pooled reader could wait forever
    /// once every cooperative thread does the same (32 concurrent requests did).
    let nowReader: any DatabaseReader
    private let writer: any DatabaseWriter
    private let auditGuard = AuditGuard()

    /// Opens (creating if needed) the database at `path`, in WAL mode with a pool of readers
    /// and a read-only connection of its own for synchronous reads.
    public static func open(path: String) throws -> JournalDatabase {
        try JournalDatabase(DatabasePool(path: path, configuration: configuration)) {
            var readOnly = configuration
            readOnly.readonly = true
            return try DatabaseQueue(path: path, configuration: readOnly)
        }
    }

    /// A private database in memory, for tests.
    public static func inMemory() throws -> JournalDatabase {
        try JournalDatabase(DatabaseQueue(configuration: configuration))
    }

    private static var configuration: Configuration {
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
        _ writer: any DatabaseWriter, migrate: Bool = true, nowReader: () throws -> (any DatabaseReader)? = { nil }
    ) throws {
        self.writer = writer
        self.reader = writer
        if migrate { try Migrations.migrator.migrate(writer) }
        self.nowReader = try nowReader() ?? writer
        writer.add(transactionObserver: auditGuard, extent: .databaseLifetime)
    }

    /// Runs `body` in one write transaction: every change it makes through the writer is
    /// audited, and the whole of it commits or nothing does.
    public func write<T: Sendable>(
        actor: Actor, reason: String? = nil, _ body: @Sendable (inout AuditedWriter) throws -> T
    ) async throws -> T {
        try await writer.write { db in
            var audited = AuditedWriter(db: db, actor: actor, reason: reason, now: Date(), auditGuard: self.auditGuard)
            return try body(&audited)
        }
    }

    /// The blocking form of ``write(actor:reason:_:)`` for command-line tools.
    public func writeNow<T>(actor: Actor, reason: String? = nil, _ body: (inout AuditedWriter) throws -> T) throws -> T
    {
        try writer.write { db in
            var audited = AuditedWriter(db: db, actor: actor, reason: reason, now: Date(), auditGuard: auditGuard)
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
    var sessionWriter: any DatabaseWriter { writer }

    /// Writes outside the audited path, for the tests that prove such writes are refused.
    func unauditedWrite(_ body: (Database) throws -> Void) throws {
        try writer.write(body)
    }
}
