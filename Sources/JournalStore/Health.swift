public import Foundation
public import GRDB
public import JournalModel

// The medical worker's records are journal data: written only through the audited path, each
// row about one student. Their categories are in `DataCategories.health`.

extension HealthGroupRecord: AuditedRecord {
    public static let databaseTableName = "healthGroup"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension PEGroupPeriod: AuditedRecord {
    public static let databaseTableName = "peGroup"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension HealthAlert: AuditedRecord {
    public static let databaseTableName = "healthAlert"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension Vaccination: AuditedRecord {
    public static let databaseTableName = "vaccination"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension SickNote: AuditedRecord {
    public static let databaseTableName = "sickNote"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension HealthFlag: AuditedRecord {
    public static let databaseTableName = "healthFlag"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension Migrations {
    static func health(_ db: Database) throws {
        try db.create(table: "healthGroup") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("group", .integer).notNull().check { $0 >= 1 && $0 <= 5 }
            t.column("setOn", .text).notNull()
            t.column("basis", .text).notNull()
        }
        try db.create(table: "peGroup") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("group", .text).notNull()
            t.column("from", .text).notNull()
            t.column("to", .text)
            t.column("basis", .text).notNull()
        }
        try db.create(table: "healthAlert") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("kind", .text).notNull()
            t.column("text", .text).notNull()
            t.column("note", .text)
        }
        try db.create(table: "vaccination") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("vaccine", .text).notNull()
            t.column("date", .text).notNull()
            t.column("refused", .boolean).notNull()
            t.column("document", .text)
        }
        try db.create(table: "sickNote") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("from", .text).notNull()
            t.column("to", .text).notNull()
            t.column("number", .text).notNull()
            t.column("issuedBy", .text).notNull()
            t.column("lessonsMarked", .integer).notNull()
        }
        try db.create(index: "sickNote_byDay", on: "sickNote", columns: ["to"])
        // The teachers' view: one indexed lookup per page, by student.
        try db.create(table: "healthFlag") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("text", .text).notNull()
            t.column("until", .text)
        }
    }
}

extension StoreReader {
    /// Every medical record of one student: groups newest first, the rest by date.
    public func healthRecords(_ student: StudentID) throws -> HealthRecords {
        try healthRecords(students: [student])[student] ?? HealthRecords()
    }

    /// The medical records of `students`, by student (students without any are absent).
    public func healthRecords(students: [StudentID]) throws -> [StudentID: HealthRecords] {
        let ids = students.map(\.rawValue)
        var result: [StudentID: HealthRecords] = [:]
        for row in try HealthGroupRecord.filter(ids.contains(Column("studentID")))
            .order(Column("setOn").desc, Column("id").desc).fetchAll(db)
        {
            result[row.studentID, default: HealthRecords()].healthGroups.append(row)
        }
        for row in try PEGroupPeriod.filter(ids.contains(Column("studentID"))).order(Column("from").desc)
            .fetchAll(db)
        {
            result[row.studentID, default: HealthRecords()].peGroups.append(row)
        }
        for row in try HealthAlert.filter(ids.contains(Column("studentID"))).order(Column("kind"), Column("id"))
            .fetchAll(db)
        {
            result[row.studentID, default: HealthRecords()].alerts.append(row)
        }
        for row in try Vaccination.filter(ids.contains(Column("studentID"))).order(Column("date").desc)
            .fetchAll(db)
        {
            result[row.studentID, default: HealthRecords()].vaccinations.append(row)
        }
        for row in try SickNote.filter(ids.contains(Column("studentID"))).order(Column("from").desc).fetchAll(db) {
            result[row.studentID, default: HealthRecords()].sickNotes.append(row)
        }
        return result
    }

    /// PE group periods of the school valid on some day of `range` (the medical worker's lists).
    public func peGroups(validIn range: DateRange) throws -> [PEGroupPeriod] {
        try PEGroupPeriod.filter(
            Column("from") <= range.end.description && (Column("to") == nil || Column("to") >= range.start.description)
        ).fetchAll(db)
    }

    /// Sick notes that end on or after `since`, newest first.
    public func sickNotes(since: LocalDate, limit: Int = 50) throws -> [SickNote] {
        try SickNote.filter(Column("to") >= since.description).order(Column("to").desc).limit(limit).fetchAll(db)
    }

    /// The stored health flags of `students` still shown on `today`: one indexed query.
    public func healthFlags(students: [StudentID], on today: LocalDate) throws -> [HealthFlag] {
        guard !students.isEmpty else { return [] }
        // One statement prepared once for any number of students: the ids go in as a JSON array.
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, studentID, text, "until" FROM healthFlag
                WHERE studentID IN (SELECT value FROM json_each(?))
                AND ("until" IS NULL OR "until" >= ?)
                """)
        let ids = "[" + students.map { String($0.rawValue) }.joined(separator: ",") + "]"
        let rows = try Row.fetchCursor(statement, arguments: [ids, today.description])
        var flags: [HealthFlag] = []
        while let row = try rows.next() {
            flags.append(
                HealthFlag(
                    id: row[0], studentID: StudentID(rawValue: row[1]), text: row[2],
                    until: (row[3] as String?).flatMap(LocalDate.init)))
        }
        return flags.sorted { $0.id! < $1.id! }
    }

    /// Every stored flag of `student`, whatever its end.
    public func storedHealthFlags(student: StudentID) throws -> [HealthFlag] {
        try HealthFlag.filter(Column("studentID") == student.rawValue).order(Column("id")).fetchAll(db)
    }

    /// The students with any medical record, for recomputing every flag.
    public func studentsWithHealthRecords() throws -> [StudentID] {
        try StudentID.fetchAll(
            db,
            sql: """
                SELECT studentID FROM healthGroup UNION SELECT studentID FROM peGroup
                UNION SELECT studentID FROM healthAlert UNION SELECT studentID FROM healthFlag ORDER BY 1
                """)
    }
}

extension StoreReader {
    /// One medical record by its id.
    public func healthRow<Record: AuditedRecord>(_ type: Record.Type, id: Int64) throws -> Record? {
        try row(type, id: id)
    }
}
