public import Foundation
public import GRDB
public import JournalModel

/// A version of the school's rules: a snapshot of every rule file. One is active.
public struct Ruleset: Codable, Hashable, Sendable, AuditedRecord {
    public static let databaseTableName = "ruleset"
    public var id: Int64?
    public var author: String
    public var createdAt: Date
    public var comment: String?
    public var isActive: Bool

    public init(id: Int64? = nil, author: String, createdAt: Date, comment: String?, isActive: Bool) {
        self.id = id
        self.author = author
        self.createdAt = createdAt
        self.comment = comment
        self.isActive = isActive
    }

    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One rule script of a ruleset, by its path under `rules/` (`scales/five.lua`).
public struct StoredRuleFile: Codable, Hashable, Sendable, AuditedRecord {
    public static let databaseTableName = "ruleFile"
    public var id: Int64?
    public var rulesetID: Int64
    public var path: String
    public var source: String

    public init(id: Int64? = nil, rulesetID: Int64, path: String, source: String) {
        self.id = id
        self.rulesetID = rulesetID
        self.path = path
        self.source = source
    }

    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A role held by an account (R21, R22).
public struct AccountRole: Codable, Hashable, Sendable, AuditedRecord {
    public static let databaseTableName = "accountRole"
    public var id: Int64?
    public var accountID: AccountID
    public var role: Role

    public init(id: Int64? = nil, accountID: AccountID, role: Role) {
        self.id = id
        self.accountID = accountID
        self.role = role
    }

    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One line of the audit log: who changed what, when, from what to what, and why.
public struct AuditEntry: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit"

    public enum Action: String, Codable, Hashable, Sendable {
        case insert
        case update
        case delete
    }

    public var id: Int64?
    public var at: Date
    public var actorAccountID: AccountID?
    public var actorName: String
    public var entity: String
    public var entityID: Int64
    /// The student and the teaching assignment the row is about (``AuditScope``).
    public var studentID: StudentID?
    public var assignmentID: AssignmentID?
    public var action: Action
    /// JSON of the row before the change; nil for an insertion.
    public var before: String?
    /// JSON of the row after the change; nil for a deletion.
    public var after: String?
    public var reason: String?
    /// Whether the change met the deadline named in `deadline`, when one applies.
    public var deadlineMet: Bool?
    public var deadline: String?
    /// Through which page or call the change came.
    public var via: String?
}
