import Foundation
import GRDB
import JournalModel

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

    /// Signs a person out everywhere (after a password change or reset), except `keeping`.
    public func deleteSessions(account: AccountID, keeping tokenHash: String? = nil) async throws {
        try await sessionWriter.write { db in
            var request = SessionRecord.filter(Column("accountID") == account)
            if let tokenHash { request = request.filter(Column("tokenHash") != tokenHash) }
            _ = try request.deleteAll(db)
        }
    }

    public func deleteExpiredSessions(now: Date) async throws {
        try await sessionWriter.write { db in
            _ = try SessionRecord.filter(Column("expiresAt") < now).deleteAll(db)
        }
    }
}
