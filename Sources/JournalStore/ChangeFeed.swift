import GRDB
public import JournalModel

/// One committed change of the journal, as the audit log records it, reduced to what readers
/// that follow changes need: which table, and which student or teaching it was about.
public struct Change: Sendable, Hashable {
    public var id: Int64
    public var entity: String
    public var studentID: StudentID?
    public var assignmentID: AssignmentID?

    /// What the change can alter beyond its own row.
    public enum Area: Sendable, Hashable {
        /// Who may see what: roles, extensions, who teaches whom, families, classes.
        case access
        /// The school's rules: scales, calendar, roles.
        case rules
        /// One student's data: marks, attendance, individual homework, attestation.
        case student(StudentID)
        /// One teaching assignment's lessons and works, for every student it teaches.
        case assignment(AssignmentID)
        /// An account's own state (passwords, lockouts, notices): nothing others see.
        case account
        /// Anything else every page may show: subjects, staff, bells, the school, the year.
        case school
    }

    /// Where the change reaches, read from its table and scope.
    public var area: Area {
        if Self.accessTables.contains(entity) { return .access }
        if Self.rulesTables.contains(entity) { return .rules }
        if Self.accountTables.contains(entity) { return .account }
        if Self.scopedTables.contains(entity) {
            if let studentID { return .student(studentID) }
            if let assignmentID { return .assignment(assignmentID) }
        }
        return .school
    }

    /// Tables whose changes alter access decisions or the facts scopes are decided on — roles,
    /// extensions, who teaches whom, who is whose child, class teachers, substitutions,
    /// caseloads — or the reference data cached beside them (subjects, staff, bells).
    static let accessTables: Set<String> = [
        Subject.databaseTableName, Staff.databaseTableName, Bell.databaseTableName,
        AccountRole.databaseTableName, RightsExtension.databaseTableName, Account.databaseTableName,
        TeachingAssignment.databaseTableName, GroupMember.databaseTableName, SchoolClass.databaseTableName,
        Student.databaseTableName, StudentRepresentative.databaseTableName, TimetableChange.databaseTableName,
        CaseloadEntry.databaseTableName, TeachingGroup.databaseTableName,
    ]

    static let rulesTables: Set<String> = [Ruleset.databaseTableName, StoredRuleFile.databaseTableName]

    static let accountTables: Set<String> = [SecurityNotice.databaseTableName]

    /// Tables whose rows are about one student or one assignment.
    static let scopedTables: Set<String> = [
        Mark.databaseTableName, Attendance.databaseTableName, IndividualHomework.databaseTableName,
        AttestationMark.databaseTableName, ExamResult.databaseTableName, Lesson.databaseTableName,
        Work.databaseTableName,
    ]
}

extension StoreReader {
    /// The id of the newest audit entry: it moves on with every committed change of the
    /// journal, made by this process or any other on the same database file.
    public func latestChange() throws -> Int64 {
        try Int64.fetchOne(try db.cachedStatement(sql: "SELECT max(id) FROM audit")) ?? 0
    }

    /// The changes after `id`, oldest first, at most `limit` of them.
    public func changes(after id: Int64, limit: Int) throws -> [Change] {
        try Row.fetchAll(
            try db.cachedStatement(
                sql: "SELECT id, entity, studentID, assignmentID FROM audit WHERE id > ? ORDER BY id LIMIT ?"),
            arguments: [id, limit]
        ).map { row in
            Change(id: row[0], entity: row[1], studentID: row[2], assignmentID: row[3])
        }
    }
}
