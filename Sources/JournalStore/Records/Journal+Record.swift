import Foundation
public import GRDB
public import JournalModel

// The tables the diary and the period marks read in bulk decode rows by hand: several times
// faster than Codable, and these are read by the hundred thousand.

extension Lesson: VersionedRecord {
    public static let databaseTableName = "lesson"

    public init(row: Row) {
        self.init(
            id: row["id"], assignmentID: row["assignmentID"], date: row["date"], number: row["number"],
            room: row["room"], status: Status(rawValue: row["status"]) ?? .scheduled, topic: row["topic"],
            material: row["material"], homework: row["homework"], taughtByID: row["taughtByID"],
            recordedAt: row["recordedAt"], homeworkSetAt: row["homeworkSetAt"], version: row["version"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["assignmentID"] = assignmentID
        container["date"] = date
        container["number"] = number
        container["room"] = room
        container["status"] = status.rawValue
        container["topic"] = topic
        container["material"] = material
        container["homework"] = homework
        container["taughtByID"] = taughtByID
        container["recordedAt"] = recordedAt
        container["homeworkSetAt"] = homeworkSetAt
        container["version"] = version
    }

    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = LessonID(inserted.rowID) }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(assignmentID: assignmentID) }
}

extension Work: AuditedRecord {
    public static let databaseTableName = "work"

    public init(row: Row) {
        self.init(
            id: row["id"], assignmentID: row["assignmentID"], lessonID: row["lessonID"], workType: row["workType"],
            title: row["title"], date: row["date"], dueDate: row["dueDate"], weightOverride: row["weightOverride"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["assignmentID"] = assignmentID
        container["lessonID"] = lessonID
        container["workType"] = workType
        container["title"] = title
        container["date"] = date
        container["dueDate"] = dueDate
        container["weightOverride"] = weightOverride
    }

    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = WorkID(inserted.rowID) }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(assignmentID: assignmentID) }
}

extension Mark: VersionedRecord {
    public static let databaseTableName = "mark"

    public init(row: Row) {
        self.init(
            id: row["id"], workID: row["workID"], studentID: row["studentID"], value: row["value"],
            comment: row["comment"], isDebt: row["isDebt"], debtDueOn: row["debtDueOn"], createdAt: row["createdAt"],
            updatedAt: row["updatedAt"], enteredByID: row["enteredByID"], version: row["version"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["workID"] = workID
        container["studentID"] = studentID
        container["value"] = value
        container["comment"] = comment
        container["isDebt"] = isDebt
        container["debtDueOn"] = debtDueOn
        container["createdAt"] = createdAt
        container["updatedAt"] = updatedAt
        container["enteredByID"] = enteredByID
        container["version"] = version
    }

    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = MarkID(inserted.rowID) }
    public func auditScope(_ db: Database) throws -> AuditScope {
        AuditScope(
            studentID: studentID,
            assignmentID: try AssignmentID.fetchOne(
                try db.cachedStatement(sql: "SELECT assignmentID FROM work WHERE id = ?"), arguments: [workID]))
    }
}

extension Attendance: VersionedRecord {
    public static let databaseTableName = "attendance"

    public init(row: Row) {
        self.init(
            id: row["id"], lessonID: row["lessonID"], studentID: row["studentID"], code: row["code"],
            comment: row["comment"], version: row["version"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["lessonID"] = lessonID
        container["studentID"] = studentID
        container["code"] = code
        container["comment"] = comment
        container["version"] = version
    }

    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = AttendanceID(inserted.rowID) }
    public func auditScope(_ db: Database) throws -> AuditScope {
        AuditScope(
            studentID: studentID,
            assignmentID: try AssignmentID.fetchOne(
                try db.cachedStatement(sql: "SELECT assignmentID FROM lesson WHERE id = ?"), arguments: [lessonID]))
    }
}

extension AttestationMark: VersionedRecord {
    public static let databaseTableName = "attestationMark"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = AttestationMarkID(inserted.rowID) }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension ExamResult: AuditedRecord {
    public static let databaseTableName = "examResult"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = ExamResultID(inserted.rowID) }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension Account: AuditedRecord {
    public static let databaseTableName = "account"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = AccountID(inserted.rowID) }
}
