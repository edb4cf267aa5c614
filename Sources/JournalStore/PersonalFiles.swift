public import Foundation
public import GRDB
public import JournalModel

/// The secretary's records: personal files, transfers, documents, the register of incoming
/// applications and of certificates issued. All are journal data, written through the audited
/// path; their columns' categories are in ``DataCategories``.
extension PersonalFile: AuditedRecord {
    public static let databaseTableName = "personalFile"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension ClassTransfer: AuditedRecord {
    public static let databaseTableName = "classTransfer"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension StudentDocument: AuditedRecord {
    public static let databaseTableName = "studentDocument"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension IncomingApplication: AuditedRecord {
    public static let databaseTableName = "incomingApplication"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension IssuedCertificate: AuditedRecord {
    public static let databaseTableName = "issuedCertificate"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension Migrations {
    static func personalFiles(_ db: Database) throws {
        try db.create(table: "personalFile") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().unique().references("student")
            t.column("fileNumber", .text).notNull().unique()
            t.column("enrolledOn", .text).notNull()
            t.column("enrolmentOrder", .text).notNull()
            t.column("enrolmentOrderDate", .text).notNull()
            t.column("enrolledFrom", .text)
            t.column("leftOn", .text)
            t.column("leavingOrder", .text)
            t.column("leavingOrderDate", .text)
            t.column("leftTo", .text)
        }
        try db.create(table: "classTransfer") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("date", .text).notNull()
            t.column("fromClassID", .integer).notNull().references("schoolClass")
            t.column("toClassID", .integer).notNull().references("schoolClass")
            t.column("fromClassName", .text).notNull()
            t.column("toClassName", .text).notNull()
            t.column("orderNumber", .text).notNull()
            t.column("orderDate", .text).notNull()
        }
        try db.create(table: "studentDocument") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("kind", .text).notNull()
            t.column("receivedOn", .text).notNull()
            t.column("note", .text)
            t.column("returnedOn", .text)
        }
        try db.create(table: "incomingApplication") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("year", .integer).notNull()
            t.column("number", .integer).notNull()
            t.column("receivedOn", .text).notNull()
            t.column("representativeID", .integer).indexed().references("representative")
            t.column("applicantName", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("studentID", .integer).indexed().references("student")
            t.column("summary", .text).notNull()
            t.column("status", .text).notNull()
            t.column("decision", .text)
            t.column("decidedOn", .text)
            t.column("registeredBy", .text).notNull()
            t.uniqueKey(["year", "number"])
        }
        try db.create(table: "issuedCertificate") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("year", .integer).notNull()
            t.column("number", .integer).notNull()
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("issuedOn", .text).notNull()
            t.column("purpose", .text).notNull()
            t.column("className", .text).notNull()
            t.column("academicYear", .text).notNull()
            t.column("issuedBy", .text).notNull()
            t.uniqueKey(["year", "number"])
        }
    }
}

extension StoreReader {
    public func personalFile(student id: StudentID) throws -> PersonalFile? {
        try PersonalFile.filter(Column("studentID") == id).fetchOne(db)
    }

    public func personalFile(number: String) throws -> PersonalFile? {
        try PersonalFile.filter(Column("fileNumber") == number).fetchOne(db)
    }

    public func personalFiles() throws -> [PersonalFile] { try PersonalFile.order(Column("id")).fetchAll(db) }

    /// Files enrolled on or after `since`, newest first.
    public func personalFiles(enrolledSince since: LocalDate) throws -> [PersonalFile] {
        try PersonalFile.filter(Column("enrolledOn") >= since).order(Column("enrolledOn").desc).fetchAll(db)
    }

    public func classTransfers(student id: StudentID) throws -> [ClassTransfer] {
        try ClassTransfer.filter(Column("studentID") == id).order(Column("date"), Column("id")).fetchAll(db)
    }

    public func studentDocuments(student id: StudentID) throws -> [StudentDocument] {
        try StudentDocument.filter(Column("studentID") == id).order(Column("receivedOn"), Column("id")).fetchAll(db)
    }

    public func studentDocument(_ id: Int64) throws -> StudentDocument? { try row(StudentDocument.self, id: id) }

    public func incomingApplication(_ id: Int64) throws -> IncomingApplication? {
        try row(IncomingApplication.self, id: id)
    }

    /// The applications numbered in calendar year `year`, in number order.
    public func incomingApplications(year: Int) throws -> [IncomingApplication] {
        try IncomingApplication.filter(Column("year") == year).order(Column("number")).fetchAll(db)
    }

    public func incomingApplications(status: ApplicationStatus) throws -> [IncomingApplication] {
        try IncomingApplication.filter(Column("status") == status.rawValue).order(Column("receivedOn"), Column("id"))
            .fetchAll(db)
    }

    public func incomingApplications(student id: StudentID) throws -> [IncomingApplication] {
        try IncomingApplication.filter(Column("studentID") == id).order(Column("receivedOn"), Column("id"))
            .fetchAll(db)
    }

    /// The next number of the applications register in `year`.
    public func nextApplicationNumber(year: Int) throws -> Int {
        try
            (Int.fetchOne(db, sql: "SELECT MAX(number) FROM incomingApplication WHERE year = ?", arguments: [year])
            ?? 0) + 1
    }

    public func issuedCertificate(_ id: Int64) throws -> IssuedCertificate? { try row(IssuedCertificate.self, id: id) }

    public func issuedCertificates(year: Int) throws -> [IssuedCertificate] {
        try IssuedCertificate.filter(Column("year") == year).order(Column("number")).fetchAll(db)
    }

    public func issuedCertificates(student id: StudentID) throws -> [IssuedCertificate] {
        try IssuedCertificate.filter(Column("studentID") == id).order(Column("issuedOn"), Column("id")).fetchAll(db)
    }

    /// The next number of the certificates register in `year`.
    public func nextCertificateNumber(year: Int) throws -> Int {
        try
            (Int.fetchOne(db, sql: "SELECT MAX(number) FROM issuedCertificate WHERE year = ?", arguments: [year])
            ?? 0) + 1
    }

    /// How many of each representative's contacts (with an application as their basis) and
    /// delivery choices name each application number (R18): the register's link to the forms,
    /// read in one pass for the whole register.
    public func applicationReferences() throws -> [RepresentativeID: [String: Int]] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT representativeID, basisNumber AS number, COUNT(*) AS count FROM contact
                WHERE basis = 'application' AND basisNumber IS NOT NULL GROUP BY 1, 2
                UNION ALL
                SELECT representativeID, applicationNumber, COUNT(*) FROM deliveryPreference
                WHERE applicationNumber IS NOT NULL GROUP BY 1, 2
                """)
        var references: [RepresentativeID: [String: Int]] = [:]
        for row in rows {
            let id: RepresentativeID = row["representativeID"]
            references[id, default: [:]][row["number"] as String, default: 0] += row["count"] as Int
        }
        return references
    }
}
