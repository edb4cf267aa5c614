public import Foundation
public import GRDB
public import JournalModel

extension RightsExtension: AuditedRecord {
    public static let databaseTableName = "rightsExtension"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension EntryUnlock: AuditedRecord {
    public static let databaseTableName = "entryUnlock"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PeriodReopening: AuditedRecord {
    public static let databaseTableName = "periodReopening"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A student assigned to a psychologist or social pedagogue.
public struct CaseloadEntry: Codable, Hashable, Sendable, AuditedRecord {
    public static let databaseTableName = "caseload"
    public var id: Int64?
    public var staffID: StaffID
    public var studentID: StudentID

    public init(id: Int64? = nil, staffID: StaffID, studentID: StudentID) {
        self.id = id
        self.staffID = staffID
        self.studentID = studentID
    }

    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A signed-in session. Only the SHA-256 of its token is stored; the token itself lives in
/// the person's cookie or API client.
public struct SessionRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "session"
    public var id: Int64?
    public var tokenHash: String
    public var accountID: AccountID
    public var kind: SessionKind
    /// The token forms must carry (CSRF), for cookie sessions.
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date

    public init(
        id: Int64? = nil, tokenHash: String, accountID: AccountID, kind: SessionKind, csrfToken: String,
        createdAt: Date,
        lastSeenAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.kind = kind
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SecurityNotice: AuditedRecord {
    public static let databaseTableName = "securityNotice"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StoreReader {
    /// The notices about `roles` or about `account` since `since`, newest first.
    public func securityNotices(roles: Set<Role>, account: AccountID, since: Date) throws -> [SecurityNotice] {
        try SecurityNotice
            .filter(Column("at") >= since)
            .filter(roles.map(\.rawValue).contains(Column("role")) || Column("accountID") == account)
            .order(Column("at").desc, Column("id").desc)
            .limit(50)
            .fetchAll(db)
    }
}
