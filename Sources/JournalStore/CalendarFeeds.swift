public import Foundation
public import GRDB
public import JournalModel

/// A family's subscription to a student's calendar (`GET /calendar/{token}.ics`): who made
/// it, for which student, and the SHA-256 of its token; the token itself is never stored.
public struct CalendarFeedRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "calendarFeed"
    public var id: Int64?
    public var tokenHash: String
    public var accountID: AccountID
    public var studentID: StudentID
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: Int64? = nil, tokenHash: String, accountID: AccountID, studentID: StudentID, createdAt: Date,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.studentID = studentID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Feeds are access tokens, not journal data: like sessions, they are written without an
/// audit entry.
extension JournalDatabase {
    public func insertCalendarFeed(_ feed: CalendarFeedRecord) async throws -> CalendarFeedRecord {
        try await sessionWriter.write { db in
            var feed = feed
            try feed.insert(db)
            return feed
        }
    }

    /// The feed with this token hash unless it was revoked.
    public func activeCalendarFeed(tokenHash: String) async throws -> CalendarFeedRecord? {
        try await reader.read { db in
            try CalendarFeedRecord.filter(Column("tokenHash") == tokenHash).filter(Column("revokedAt") == nil)
                .fetchOne(db)
        }
    }

    /// The account's feeds that are not revoked, oldest first.
    public func calendarFeeds(account: AccountID) async throws -> [CalendarFeedRecord] {
        try await reader.read { db in
            try CalendarFeedRecord.filter(Column("accountID") == account).filter(Column("revokedAt") == nil)
                .order(Column("id")).fetchAll(db)
        }
    }

    /// Revokes the account's feed `id`; false when it has no such feed (or it was revoked).
    public func revokeCalendarFeed(id: Int64, account: AccountID, at date: Date) async throws -> Bool {
        try await sessionWriter.write { db in
            try db.execute(
                sql: "UPDATE calendarFeed SET revokedAt = ? WHERE id = ? AND accountID = ? AND revokedAt IS NULL",
                arguments: [date, id, account])
            return db.changesCount > 0
        }
    }
}

extension StoreReader {
    /// Every feed, revoked ones too (for tests that check what is stored).
    public func allCalendarFeeds() throws -> [CalendarFeedRecord] {
        try CalendarFeedRecord.order(Column("id")).fetchAll(db)
    }
}
