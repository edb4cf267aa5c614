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

extension StoreReader {
    /// The rows of a query as text, for documents: dates as stored, nulls as empty.
    func textRows(_ sql: String, _ arguments: StatementArguments) throws -> [[String]] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            row.databaseValues.map { value in
                switch value.storage {
                case .null: ""
                case .int64(let number): String(number)
                case .double(let number): String(number)
                case .string(let text): text
                case .blob: ""
                }
            }
        }
    }

    /// A student's marks for the subject-access export: date, subject, work, mark, comment.
    public func subjectAccessMarks(_ student: StudentID) throws -> [[String]] {
        try textRows(
            """
            SELECT w.date, s.name, coalesce(nullif(w.title, ''), w.workType), m.value, coalesce(m.comment, '')
            FROM mark m JOIN work w ON w.id = m.workID JOIN teachingAssignment a ON a.id = w.assignmentID
            JOIN subject s ON s.id = a.subjectID WHERE m.studentID = ? ORDER BY w.date, s.name, m.id
            """, [student.rawValue])
    }

    /// A student's attendance records: date, lesson number, subject, code, comment.
    public func subjectAccessAttendance(_ student: StudentID) throws -> [[String]] {
        try textRows(
            """
            SELECT l.date, l.number, s.name, at.code, coalesce(at.comment, '')
            FROM attendance at JOIN lesson l ON l.id = at.lessonID JOIN teachingAssignment a ON a.id = l.assignmentID
            JOIN subject s ON s.id = a.subjectID WHERE at.studentID = ? ORDER BY l.date, l.number
            """, [student.rawValue])
    }

    /// A student's period, annual and final marks: year, subject, period, mark.
    public func subjectAccessPeriodMarks(_ student: StudentID) throws -> [[String]] {
        try textRows(
            """
            SELECT y.title, s.name, am.period, coalesce(am.value, '')
            FROM attestationMark am JOIN subject s ON s.id = am.subjectID JOIN academicYear y ON y.id = am.yearID
            WHERE am.studentID = ? ORDER BY y.startsOn, s.name, am.period
            """, [student.rawValue])
    }

    /// A student's exam results: exam, subject, score, mark, day the results were known.
    public func subjectAccessExams(_ student: StudentID) throws -> [[String]] {
        try textRows(
            """
            SELECT e.examKind, s.name, coalesce(e.score, ''), coalesce(e.mark, ''), e.resultsKnownOn
            FROM examResult e JOIN subject s ON s.id = e.subjectID WHERE e.studentID = ? ORDER BY e.resultsKnownOn
            """, [student.rawValue])
    }

    /// The contacts of the requesting representative of the student: name, kind, value, basis,
    /// valid from, valid to. Another representative's contacts are theirs, not the requester's.
    public func subjectAccessContacts(_ student: StudentID, representative: RepresentativeID?) throws -> [[String]] {
        try textRows(
            """
            SELECT r.lastName || ' ' || r.firstName, c.kind, c.value,
                c.basis || coalesce(' № ' || c.basisNumber, ''), c.validFrom, coalesce(c.validTo, '')
            FROM contact c JOIN representative r ON r.id = c.representativeID
            JOIN studentRepresentative sr ON sr.representativeID = r.id
            WHERE sr.studentID = ? AND r.id = ? ORDER BY r.lastName, c.validFrom
            """, [student.rawValue, representative?.rawValue])
    }

    /// The accounts of the student and of the requesting representative: login, created, disabled.
    public func subjectAccessAccounts(_ student: StudentID, representative: RepresentativeID?) throws -> [[String]] {
        try textRows(
            """
            SELECT a.login, a.createdAt, a.isDisabled FROM account a
            WHERE a.studentID = ?1 OR (a.representativeID = ?2 AND a.representativeID IN
                (SELECT representativeID FROM studentRepresentative WHERE studentID = ?1))
            ORDER BY a.id
            """, [student.rawValue, representative?.rawValue])
    }

    /// The flags shown to the student's teachers (plugins'): text, raised.
    public func subjectAccessFlags(_ student: StudentID) throws -> [[String]] {
        try textRows(
            "SELECT text, raisedAt FROM studentFlag WHERE studentID = ? ORDER BY raisedAt", [student.rawValue])
    }
}

extension StoreReader {
    /// The columns of a table in the schema, for checking the categories' registry.
    public func columnNames(_ table: String) throws -> [String] {
        try db.columns(in: table).map(\.name)
    }
}
