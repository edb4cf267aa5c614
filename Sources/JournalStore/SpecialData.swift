public import Foundation
public import GRDB
public import JournalModel

/// The special-read log is the journal's own bookkeeping, written on reads: it is not audited
/// (auditing it would write a second trace of each trace) and nothing edits or deletes it.
extension SpecialRead: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "specialRead"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Opening an emergency access is an act of a person, audited like any change.
extension EmergencyAccess: AuditedRecord {
    public static let databaseTableName = "emergencyAccess"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension Migrations {
    static func specialReads(_ db: Database) throws {
        try db.create(table: "specialRead") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull().indexed()
            t.column("accountID", .integer).indexed()
            t.column("actorName", .text).notNull()
            t.column("domain", .text).notNull()
            t.column("what", .text).notNull()
            t.column("studentID", .integer).indexed()
            t.column("staffID", .integer).indexed()
            t.column("purpose", .text).notNull()
            t.column("emergencyAccessID", .integer)
        }
        try db.create(table: "emergencyAccess") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("accountID", .integer).notNull()
            t.column("actorName", .text).notNull()
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("domain", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("openedAt", .datetime).notNull()
            t.column("until", .datetime).notNull()
        }
        try db.create(index: "emergencyAccess_byAccount", on: "emergencyAccess", columns: ["accountID", "studentID"])
    }
}

extension JournalDatabase {
    /// Writes traces of special-category reads in one short transaction of their own, outside
    /// the audited path: a read leaves its trace whether or not anything else is written.
    public func logSpecialReads(_ reads: [SpecialRead]) async throws {
        guard !reads.isEmpty else { return }
        try await sessionWriter.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO specialRead (at, accountID, actorName, domain, what, studentID, staffID, purpose,
                        emergencyAccessID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for read in reads {
                try statement.execute(arguments: [
                    read.at, read.accountID?.rawValue, read.actorName, read.domain.rawValue, read.what,
                    read.studentID?.rawValue, read.staffID?.rawValue, read.purpose, read.emergencyAccessID,
                ])
            }
        }
    }
}

extension StoreReader {
    /// The special reads matching `filter`, newest first.
    public func specialReads(_ filter: SpecialReadFilter) throws -> [SpecialRead] {
        var request = SpecialRead.all()
        if let student = filter.student { request = request.filter(Column("studentID") == student.rawValue) }
        if let staff = filter.staff { request = request.filter(Column("staffID") == staff.rawValue) }
        if let account = filter.account { request = request.filter(Column("accountID") == account.rawValue) }
        if let domain = filter.domain { request = request.filter(Column("domain") == domain.rawValue) }
        if filter.emergencyOnly { request = request.filter(Column("emergencyAccessID") != nil) }
        return try request.order(Column("id").desc).limit(filter.limit).fetchAll(db)
    }

    /// The emergency accesses of `account` to `student` in `domain` still open at `now`.
    public func openEmergencyAccess(
        account: AccountID, student: StudentID, domain: DataDomain, now: Date
    ) throws -> EmergencyAccess? {
        try EmergencyAccess.filter(
            Column("accountID") == account.rawValue && Column("studentID") == student.rawValue
                && Column("domain") == domain.rawValue && Column("until") > now
        ).order(Column("id").desc).fetchOne(db)
    }

    /// Emergency accesses, newest first.
    public func emergencyAccesses(since: Date? = nil, limit: Int = 200) throws -> [EmergencyAccess] {
        var request = EmergencyAccess.all()
        if let since { request = request.filter(Column("openedAt") >= since) }
        return try request.order(Column("id").desc).limit(limit).fetchAll(db)
    }
}
