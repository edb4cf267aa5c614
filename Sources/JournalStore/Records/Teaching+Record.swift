public import GRDB
public import JournalModel

extension TeachingGroup: AuditedRecord {
    public static let databaseTableName = "teachingGroup"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = GroupID(inserted.rowID) }
}

extension GroupMember: AuditedRecord {
    public static let databaseTableName = "groupMember"
    public init(row: Row) {
        self.init(id: row["id"], groupID: row["groupID"], studentID: row["studentID"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["groupID"] = groupID
        container["studentID"] = studentID
    }
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension TeachingAssignment: AuditedRecord {
    public static let databaseTableName = "teachingAssignment"
    public init(row: Row) {
        self.init(
            id: row["id"], groupID: row["groupID"], subjectID: row["subjectID"], teacherID: row["teacherID"],
            hoursPerWeek: row["hoursPerWeek"])
    }
    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["groupID"] = groupID
        container["subjectID"] = subjectID
        container["teacherID"] = teacherID
        container["hoursPerWeek"] = hoursPerWeek
    }
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = AssignmentID(inserted.rowID) }
}

extension TimetableEntry: AuditedRecord {
    public static let databaseTableName = "timetableEntry"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = TimetableEntryID(inserted.rowID) }
}

extension TimetableChange: AuditedRecord {
    public static let databaseTableName = "timetableChange"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = TimetableChangeID(inserted.rowID) }
    public func auditScope(_ db: Database) throws -> AuditScope {
        AuditScope(
            assignmentID: try AssignmentID.fetchOne(
                try db.cachedStatement(sql: "SELECT assignmentID FROM lesson WHERE id = ?"), arguments: [lessonID]))
    }
}

extension IndividualHomework: AuditedRecord {
    public static let databaseTableName = "individualHomework"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope {
        AuditScope(
            studentID: studentID,
            assignmentID: try AssignmentID.fetchOne(
                try db.cachedStatement(sql: "SELECT assignmentID FROM lesson WHERE id = ?"), arguments: [lessonID]))
    }
}
