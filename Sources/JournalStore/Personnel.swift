public import Foundation
public import GRDB
public import JournalModel

/// The HR specialist's staff files: the file itself, education, courses, medical checks and
/// criminal-record certificates. All written through the audited path.
extension StaffFile: AuditedRecord {
    public static let databaseTableName = "staffFile"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StaffEducation: AuditedRecord {
    public static let databaseTableName = "staffEducation"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StaffCourse: AuditedRecord {
    public static let databaseTableName = "staffCourse"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StaffMedicalCheck: AuditedRecord {
    public static let databaseTableName = "staffMedicalCheck"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension CriminalRecordCertificate: AuditedRecord {
    public static let databaseTableName = "criminalRecordCertificate"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Migrations {
    static func personnel(_ db: Database) throws {
        try db.create(table: "staffFile") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("staffID", .integer).notNull().unique().references("staff")
            t.column("hiredOn", .text)
            t.column("category", .text).notNull()
            t.column("attestedOn", .text)
        }
        try db.create(table: "staffEducation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("staffID", .integer).notNull().indexed().references("staff")
            t.column("institution", .text).notNull()
            t.column("year", .integer).notNull()
            t.column("qualification", .text).notNull()
        }
        try db.create(table: "staffCourse") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("staffID", .integer).notNull().indexed().references("staff")
            t.column("title", .text).notNull()
            t.column("provider", .text).notNull()
            t.column("hours", .integer).notNull()
            t.column("from", .text).notNull()
            t.column("to", .text).notNull()
            t.column("certificate", .text).notNull()
        }
        try db.create(table: "staffMedicalCheck") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("staffID", .integer).notNull().indexed().references("staff")
            t.column("date", .text).notNull()
            t.column("validUntil", .text).notNull()
        }
        try db.create(table: "criminalRecordCertificate") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("staffID", .integer).notNull().indexed().references("staff")
            t.column("number", .text).notNull()
            t.column("issuedOn", .text).notNull()
            t.column("validUntil", .text).notNull()
        }
    }
}

extension StoreReader {
    public func staffFile(staff: StaffID) throws -> StaffFile? {
        try StaffFile.filter(Column("staffID") == staff.rawValue).fetchOne(db)
    }

    public func staffFiles() throws -> [StaffFile] { try StaffFile.fetchAll(db) }

    public func staffEducation(staff: StaffID) throws -> [StaffEducation] {
        try StaffEducation.filter(Column("staffID") == staff.rawValue).order(Column("year"), Column("id")).fetchAll(db)
    }

    /// Courses, all staff or one, oldest first.
    public func staffCourses(staff: StaffID? = nil) throws -> [StaffCourse] {
        var request = StaffCourse.all()
        if let staff { request = request.filter(Column("staffID") == staff.rawValue) }
        return try request.order(Column("to"), Column("id")).fetchAll(db)
    }

    public func staffMedicalChecks(staff: StaffID? = nil) throws -> [StaffMedicalCheck] {
        var request = StaffMedicalCheck.all()
        if let staff { request = request.filter(Column("staffID") == staff.rawValue) }
        return try request.order(Column("validUntil"), Column("id")).fetchAll(db)
    }

    public func criminalRecordCertificates(staff: StaffID? = nil) throws -> [CriminalRecordCertificate] {
        var request = CriminalRecordCertificate.all()
        if let staff { request = request.filter(Column("staffID") == staff.rawValue) }
        return try request.order(Column("validUntil"), Column("id")).fetchAll(db)
    }
}
