import Foundation
import GRDB
public import JournalModel

/// A mark as a plugin's `school.marks` reads it.
public struct PluginMarkRow: Sendable, Hashable {
    public var markID: Int64
    public var value: String
    public var isDebt: Bool
    public var workID: Int64
    public var date: LocalDate
    public var workType: String
    public var weightOverride: Double?
}

/// An attendance mark as a plugin's `school.absences` reads it.
public struct PluginAttendanceRow: Sendable, Hashable {
    public var date: LocalDate
    public var lessonID: Int64
    public var subjectID: Int64
    public var code: String
}

/// The reads behind plugins: the view of the school their handlers get, and what an event
/// names beside its row.
extension StoreReader {
    public func pluginMarks(student: Int64, subject: Int64, range: DateRange) throws -> [PluginMarkRow] {
        try Row.fetchAll(
            try db.cachedStatement(
                sql: """
                    SELECT mark.id AS markID, mark.value, mark.isDebt, work.id AS workID, work.date, work.workType,
                           work.weightOverride
                    FROM mark JOIN work ON work.id = mark.workID
                    JOIN teachingAssignment ON teachingAssignment.id = work.assignmentID
                    WHERE mark.studentID = ? AND teachingAssignment.subjectID = ? AND work.date BETWEEN ? AND ?
                      AND mark.value IS NOT NULL
                    ORDER BY work.date, mark.id
                    """), arguments: [student, subject, range.start, range.end]
        ).map { row in
            PluginMarkRow(
                markID: row["markID"], value: row["value"], isDebt: row["isDebt"], workID: row["workID"],
                date: LocalDate(row["date"] as String) ?? range.start, workType: row["workType"],
                weightOverride: row["weightOverride"])
        }
    }

    public func pluginAttendance(student: Int64, range: DateRange) throws -> [PluginAttendanceRow] {
        try Row.fetchAll(
            try db.cachedStatement(
                sql: """
                    SELECT lesson.date, lesson.id AS lessonID, teachingAssignment.subjectID, attendance.code
                    FROM attendance JOIN lesson ON lesson.id = attendance.lessonID
                    JOIN teachingAssignment ON teachingAssignment.id = lesson.assignmentID
                    WHERE attendance.studentID = ? AND lesson.date BETWEEN ? AND ?
                    ORDER BY lesson.date, lesson.number
                    """), arguments: [student, range.start, range.end]
        ).map { row in
            PluginAttendanceRow(
                date: LocalDate(row["date"] as String) ?? range.start, lessonID: row["lessonID"],
                subjectID: row["subjectID"], code: row["code"])
        }
    }

    /// Lessons held (not cancelled) for each student in the range: of their class's
    /// whole-class groups and of the groups they are members of.
    public func lessonsHeld(students ids: [StudentID], range: DateRange) throws -> [StudentID: Int] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map { String($0.rawValue) }.joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT student.id AS studentID, COUNT(DISTINCT lesson.id) AS lessons
                FROM student
                JOIN teachingGroup ON (teachingGroup.kind = 'class' AND teachingGroup.classID = student.classID)
                  OR teachingGroup.id IN (SELECT groupID FROM groupMember WHERE groupMember.studentID = student.id)
                JOIN teachingAssignment ON teachingAssignment.groupID = teachingGroup.id
                JOIN lesson ON lesson.assignmentID = teachingAssignment.id
                WHERE student.id IN (\(list)) AND lesson.date BETWEEN ? AND ? AND lesson.status != 'cancelled'
                GROUP BY student.id
                """, arguments: [range.start, range.end])
        return Dictionary(
            uniqueKeysWithValues: rows.map { (StudentID($0["studentID"] as Int64), $0["lessons"] as Int) })
    }

    /// How many attendance marks of each code each student has in the range.
    public func attendanceCodeCounts(students ids: [StudentID], range: DateRange) throws -> [StudentID: [String: Int]] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map { String($0.rawValue) }.joined(separator: ",")
        var counts: [StudentID: [String: Int]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT attendance.studentID, attendance.code, COUNT(*) AS count
                FROM attendance JOIN lesson ON lesson.id = attendance.lessonID
                WHERE attendance.studentID IN (\(list)) AND lesson.date BETWEEN ? AND ?
                GROUP BY attendance.studentID, attendance.code
                """, arguments: [range.start, range.end])
        {
            counts[StudentID(row["studentID"] as Int64), default: [:]][row["code"] as String] = row["count"] as Int
        }
        return counts
    }

    /// The teaching assignment and day of a work or a lesson.
    public func pluginDay(ofWork id: Int64) throws -> (assignment: Int64, date: String)? {
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT assignmentID, date FROM work WHERE id = ?"), arguments: [id])
        else { return nil }
        let assignment: Int64 = row["assignmentID"]
        let date: String = row["date"]
        return (assignment, date)
    }

    public func pluginDay(ofLesson id: Int64) throws -> (assignment: Int64, date: String)? {
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT assignmentID, date FROM lesson WHERE id = ?"), arguments: [id])
        else { return nil }
        let assignment: Int64 = row["assignmentID"]
        let date: String = row["date"]
        return (assignment, date)
    }

    /// The subject, teacher and class (of a whole-class group) of a teaching assignment.
    public func pluginAssignment(_ id: Int64) throws -> (subject: Int64, teacher: Int64, className: String?)? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT teachingAssignment.subjectID, teachingAssignment.teacherID,
                           schoolClass.grade || schoolClass.letter AS className
                    FROM teachingAssignment JOIN teachingGroup ON teachingGroup.id = teachingAssignment.groupID
                    LEFT JOIN schoolClass ON schoolClass.id = teachingGroup.classID
                    WHERE teachingAssignment.id = ?
                    """, arguments: [id])
        else { return nil }
        let subject: Int64 = row["subjectID"]
        let teacher: Int64 = row["teacherID"]
        let className: String? = row["className"]
        return (subject, teacher, className)
    }

    /// What the events of a batch of the log name, read at once: each work's assignment and
    /// day, each of those assignments' subject, teacher and class, each student's class.
    public func pluginFacts(works: [Int64], students: [Int64]) throws -> (
        works: [Int64: (assignment: Int64, date: String)],
        assignments: [Int64: (subject: Int64, teacher: Int64, className: String?)], classes: [Int64: String]
    ) {
        var workFacts: [Int64: (assignment: Int64, date: String)] = [:]
        var assignmentFacts: [Int64: (subject: Int64, teacher: Int64, className: String?)] = [:]
        var classes: [Int64: String] = [:]
        if !works.isEmpty {
            let list = works.map(String.init).joined(separator: ",")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT work.id, work.assignmentID, work.date, teachingAssignment.subjectID,
                           teachingAssignment.teacherID, schoolClass.grade || schoolClass.letter AS className
                    FROM work JOIN teachingAssignment ON teachingAssignment.id = work.assignmentID
                    JOIN teachingGroup ON teachingGroup.id = teachingAssignment.groupID
                    LEFT JOIN schoolClass ON schoolClass.id = teachingGroup.classID
                    WHERE work.id IN (\(list))
                    """)
            {
                let assignment: Int64 = row["assignmentID"]
                workFacts[row["id"]] = (assignment, row["date"])
                assignmentFacts[assignment] = (row["subjectID"], row["teacherID"], row["className"])
            }
        }
        if !students.isEmpty {
            let list = students.map(String.init).joined(separator: ",")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT student.id, schoolClass.grade || schoolClass.letter AS className FROM student
                    JOIN schoolClass ON schoolClass.id = student.classID WHERE student.id IN (\(list))
                    """)
            {
                classes[row["id"]] = row["className"]
            }
        }
        return (workFacts, assignmentFacts, classes)
    }

    /// The name of a student's class.
    public func className(student id: Int64) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT schoolClass.grade || schoolClass.letter FROM student
                JOIN schoolClass ON schoolClass.id = student.classID WHERE student.id = ?
                """, arguments: [id])
    }

    /// Every student's id, and every subject's: what a plugin's effects may name.
    public func allStudentAndSubjectIDs() throws -> (students: Set<Int64>, subjects: Set<Int64>) {
        (
            Set(try Int64.fetchAll(db, sql: "SELECT id FROM student")),
            Set(try Int64.fetchAll(db, sql: "SELECT id FROM subject"))
        )
    }

    /// The active accounts holding `role` and the staff behind them.
    public func staffAccounts(holding role: String) throws -> [(account: AccountID, staff: StaffID)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT account.id, account.staffID FROM accountRole JOIN account ON account.id = accountRole.accountID
                WHERE accountRole.role = ? AND account.staffID IS NOT NULL AND NOT account.isDisabled
                ORDER BY account.staffID
                """, arguments: [role]
        ).map { row in (AccountID(row["id"] as Int64), StaffID(row["staffID"] as Int64)) }
    }

    /// The staff behind the active accounts holding `role`.
    public func staff(holding role: String) throws -> [StaffID] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT DISTINCT account.staffID FROM accountRole JOIN account ON account.id = accountRole.accountID
                WHERE accountRole.role = ? AND account.staffID IS NOT NULL AND NOT account.isDisabled
                ORDER BY account.staffID
                """, arguments: [role]
        ).map { StaffID($0) }
    }
}

/// The bookkeeping a plugin's transaction writes beside its audited effects.
extension AuditedWriter {
    public func record(_ run: PluginRun) throws {
        var run = run
        try run.insert(db)
    }

    /// Keeps the newest `kept` runs of a plugin.
    public func trimRuns(of pluginID: String, keeping kept: Int) throws {
        try db.execute(
            sql: """
                DELETE FROM pluginRun WHERE pluginID = ? AND id < (
                  SELECT id FROM pluginRun WHERE pluginID = ? ORDER BY id DESC LIMIT 1 OFFSET ?)
                """, arguments: [pluginID, pluginID, kept])
    }

    public func record(_ version: PluginVersion) throws { try version.insert(db, onConflict: .ignore) }

    /// Queues messages in this transaction; one queued before under the same key is left out.
    public func queue(_ messages: [OutboxMessage]) throws {
        for message in messages {
            var message = message
            try message.insert(db, onConflict: .ignore)
        }
    }

    /// Moves a consumer of the event log to `position` (never back) in this transaction.
    public func moveConsumer(_ consumer: String, to position: Int64) throws {
        try db.moveConsumer(consumer, to: position, at: now)
    }
}

extension StoreReader {
    /// Marks of the five-point scale, newest works first, at most `limit`: the bench's material.
    public func recentMarks(limit: Int) throws -> [Mark] {
        try Mark.fetchAll(
            db,
            sql: """
                SELECT mark.* FROM mark JOIN work ON work.id = mark.workID
                WHERE mark.value IN ('2', '3', '4', '5') ORDER BY work.date DESC, mark.id LIMIT ?
                """, arguments: [limit])
    }
}
