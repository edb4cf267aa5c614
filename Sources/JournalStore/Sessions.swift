public import Foundation
import GRDB
public import JournalModel

/// Sessions are not journal data: they are written without an audit entry (the sign-in and
/// its failures are audited on the account). Only token hashes are stored.
extension JournalDatabase {
    public func insertSession(_ session: SessionRecord) async throws -> SessionRecord {
        try await sessionWriter.write { db in
            var session = session
            try session.insert(db)
            return session
        }
    }

    public func session(tokenHash: String) async throws -> SessionRecord? {
        try await reader.read { db in try SessionRecord.filter(Column("tokenHash") == tokenHash).fetchOne(db) }
    }

    public func touchSession(id: Int64, lastSeenAt: Date, expiresAt: Date) async throws {
        try await sessionWriter.write { db in
            try db.execute(
                sql: "UPDATE session SET lastSeenAt = ?, expiresAt = ? WHERE id = ?",
                arguments: [lastSeenAt, expiresAt, id])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await sessionWriter.write { db in
            _ = try SessionRecord.filter(Column("tokenHash") == tokenHash).deleteAll(db)
        }
    }

    public func deleteExpiredSessions(now: Date) async throws {
        try await sessionWriter.write { db in
            _ = try SessionRecord.filter(Column("expiresAt") < now).deleteAll(db)
        }
    }
}

extension StoreReader {
    /// Whether a session with this token hash exists (for tests of sign-out and password changes).
    public func sessionExists(tokenHash: String) throws -> Bool {
        try SessionRecord.filter(Column("tokenHash") == tokenHash).fetchCount(db) > 0
    }
}

extension AuditedWriter {
    /// Ends an account's sessions (but `keeping`) in the transaction that changes its password,
    /// so that no request can authenticate with an old session once the change is committed.
    public func endSessions(account: AccountID, keeping tokenHash: String? = nil) throws {
        var request = SessionRecord.filter(Column("accountID") == account)
        if let tokenHash { request = request.filter(Column("tokenHash") != tokenHash) }
        _ = try request.deleteAll(db)
    }
}
