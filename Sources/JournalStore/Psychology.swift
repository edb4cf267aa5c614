public import Foundation
public import GRDB
public import JournalModel

/// The psychologist's and social pedagogue's data: consents, sessions and diagnostics, council
/// conclusions and their shares, social facts. All written through the audited path.
extension PsychologyConsent: AuditedRecord {
    public static let databaseTableName = "psychologyConsent"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension PsychologyRecord: AuditedRecord {
    public static let databaseTableName = "psychologyRecord"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension CouncilConclusion: AuditedRecord {
    public static let databaseTableName = "councilConclusion"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension CouncilShare: AuditedRecord {
    public static let databaseTableName = "councilShare"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SocialFact: AuditedRecord {
    public static let databaseTableName = "socialFact"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension Migrations {
    static func psychology(_ db: Database) throws {
        try db.create(table: "psychologyConsent") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("representativeID", .integer).notNull().references("representative")
            t.column("scope", .text).notNull()
            t.column("givenOn", .text).notNull()
            t.column("document", .text).notNull()
            t.column("withdrawnOn", .text)
            t.column("recordedBy", .integer).references("staff")
        }
        try db.create(table: "psychologyRecord") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("authorID", .integer).notNull().indexed().references("staff")
            t.column("date", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("scope", .text).notNull()
            t.column("notes", .text).notNull()
            t.column("conclusion", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "councilConclusion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("authorID", .integer).notNull().references("staff")
            t.column("date", .text).notNull()
            t.column("conclusion", .text).notNull()
            t.column("recommendations", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "councilShare") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("conclusionID", .integer).notNull().indexed().references("councilConclusion")
            t.column("staffID", .integer).notNull().indexed().references("staff")
            t.column("sharedBy", .integer).notNull().references("staff")
            t.column("sharedAt", .datetime).notNull()
            t.column("revokedAt", .datetime)
        }
        try db.create(table: "socialFact") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("kind", .text).notNull()
            t.column("since", .text)
            t.column("note", .text).notNull()
            t.column("recordedBy", .integer).references("staff")
            t.uniqueKey(["studentID", "kind"])
        }
    }
}

extension StoreReader {
    public func psychologyConsents(student: StudentID) throws -> [PsychologyConsent] {
        try PsychologyConsent.filter(Column("studentID") == student.rawValue).order(Column("givenOn"), Column("id"))
            .fetchAll(db)
    }

    public func psychologyConsents(students: [StudentID]) throws -> [PsychologyConsent] {
        guard !students.isEmpty else { return [] }
        return try PsychologyConsent.filter(students.map(\.rawValue).contains(Column("studentID")))
            .order(Column("givenOn"), Column("id")).fetchAll(db)
    }

    public func psychologyConsent(_ id: Int64) throws -> PsychologyConsent? { try row(PsychologyConsent.self, id: id) }

    /// A student's records, all authors: the service shows each only to its author.
    public func psychologyRecords(student: StudentID) throws -> [PsychologyRecord] {
        try PsychologyRecord.filter(Column("studentID") == student.rawValue).order(Column("date"), Column("id"))
            .fetchAll(db)
    }

    public func psychologyRecords(author: StaffID) throws -> [PsychologyRecord] {
        try PsychologyRecord.filter(Column("authorID") == author.rawValue).order(Column("date"), Column("id"))
            .fetchAll(db)
    }

    public func councilConclusions(student: StudentID) throws -> [CouncilConclusion] {
        try CouncilConclusion.filter(Column("studentID") == student.rawValue).order(Column("date"), Column("id"))
            .fetchAll(db)
    }

    public func councilConclusion(_ id: Int64) throws -> CouncilConclusion? { try row(CouncilConclusion.self, id: id) }

    /// The shares of some conclusions, revoked ones included.
    public func councilShares(conclusions ids: [Int64]) throws -> [CouncilShare] {
        guard !ids.isEmpty else { return [] }
        return try CouncilShare.filter(ids.contains(Column("conclusionID"))).order(Column("id")).fetchAll(db)
    }

    /// The conclusions shared with a member of staff and not revoked.
    public func councilConclusions(sharedWith staff: StaffID) throws -> [CouncilConclusion] {
        try CouncilConclusion.fetchAll(
            db,
            sql: """
                SELECT * FROM councilConclusion WHERE id IN
                (SELECT conclusionID FROM councilShare WHERE staffID = ? AND revokedAt IS NULL)
                ORDER BY date DESC, id DESC
                """, arguments: [staff.rawValue])
    }

    public func socialFacts(students: [StudentID]) throws -> [SocialFact] {
        guard !students.isEmpty else { return [] }
        return try SocialFact.filter(students.map(\.rawValue).contains(Column("studentID")))
            .order(Column("studentID"), Column("kind")).fetchAll(db)
    }
}
