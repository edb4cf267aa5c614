public import Foundation
import GRDB
public import JournalModel
import Synchronization

/// Read access to the school's data: the queries the use cases need, so that no SQL lives
/// outside the store. Valid only inside the read or write that handed it out.
public struct StoreReader {
    let db: Database

    init(_ db: Database) { self.db = db }

    // MARK: School and year

    public func school() throws -> School? {
        try School.fetchOne(try db.cachedStatement(sql: "SELECT * FROM school LIMIT 1"))
    }

    public func currentYear() throws -> AcademicYear? {
        try AcademicYear.fetchOne(try db.cachedStatement(sql: "SELECT * FROM academicYear WHERE isCurrent = 1"))
    }

    public func years() throws -> [AcademicYear] { try AcademicYear.order(Column("startsOn")).fetchAll(db) }

    // MARK: Classes and people

    public func classes(year: AcademicYearID) throws -> [SchoolClass] {
        try SchoolClass.filter(Column("yearID") == year).order(Column("grade"), Column("letter")).fetchAll(db)
    }

    public func schoolClass(_ id: ClassID) throws -> SchoolClass? { try row(SchoolClass.self, id: id.rawValue) }

    /// A class by its name (`5А`, `10б`) in a year.
    public func schoolClass(named name: String, year: AcademicYearID) throws -> SchoolClass? {
        guard let (grade, letter) = SchoolClass.parse(name: name) else { return nil }
        return try SchoolClass.filter(
            Column("yearID") == year && Column("grade") == grade && Column("letter") == letter
        )
        .fetchOne(db)
    }

    public func students(inClass id: ClassID) throws -> [Student] {
        let statement = try db.cachedStatement(
            sql: "SELECT * FROM student WHERE classID = ? ORDER BY lastName, firstName, id")
        return try Student.fetchAll(statement, arguments: [id])
    }

    public func students(inClasses ids: [ClassID]) throws -> [Student] {
        try Student.filter(ids.contains(Column("classID"))).order(Column("lastName"), Column("firstName"), Column("id"))
            .fetchAll(db)
    }

    public func student(_ id: StudentID) throws -> Student? { try row(Student.self, id: id.rawValue) }

    public func allStudents() throws -> [Student] { try Student.order(Column("id")).fetchAll(db) }

    public func allRepresentativeLinks() throws -> [StudentRepresentative] {
        try StudentRepresentative.order(Column("id")).fetchAll(db)
    }

    public func staff(_ id: StaffID) throws -> Staff? { try row(Staff.self, id: id.rawValue) }

    public func allStaff() throws -> [Staff] {
        try Staff.order(Column("lastName"), Column("firstName"), Column("id")).fetchAll(db)
    }

    public func allRepresentatives() throws -> [Representative] { try Representative.order(Column("id")).fetchAll(db) }

    public func representative(_ id: RepresentativeID) throws -> Representative? {
        try row(Representative.self, id: id.rawValue)
    }

    /// The legal representatives of the students, with how they are related.
    public func representativeLinks(students ids: [StudentID]) throws -> [StudentRepresentative] {
        try StudentRepresentative.filter(ids.contains(Column("studentID"))).fetchAll(db)
    }

    public func representativeLinks(representative id: RepresentativeID) throws -> [StudentRepresentative] {
        try StudentRepresentative.filter(Column("representativeID") == id).fetchAll(db)
    }

    // MARK: Teaching

    public func subjects() throws -> [Subject] { try Subject.order(Column("name")).fetchAll(db) }

    public func subject(_ id: SubjectID) throws -> Subject? { try row(Subject.self, id: id.rawValue) }

    public func groups(year: AcademicYearID) throws -> [TeachingGroup] {
        try TeachingGroup.filter(Column("yearID") == year).order(Column("name")).fetchAll(db)
    }

    public func group(_ id: GroupID) throws -> TeachingGroup? { try row(TeachingGroup.self, id: id.rawValue) }

    /// The groups the students are in: subgroups and cross-class groups by their member rows,
    /// and the whole-class group of each student's class, whose members are simply the class.
    public func memberships(students ids: [StudentID]) throws -> [GroupMember] {
        let explicit = try GroupMember.filter(ids.contains(Column("studentID"))).fetchAll(db)
        let sql = """
            SELECT teachingGroup.id, student.id FROM student
            JOIN teachingGroup ON teachingGroup.classID = student.classID AND teachingGroup.kind = ?
            WHERE student.id IN (\(databaseQuestionMarks(count: ids.count)))
            """
        var arguments: StatementArguments = [TeachingGroup.Kind.wholeClass.rawValue]
        arguments += StatementArguments(ids.map(\.rawValue))
        let implicit =
            ids.isEmpty
            ? []
            : try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                GroupMember(groupID: $0[0], studentID: $0[1])
            }
        var seen: Set<[Int64]> = []
        return (explicit + implicit).filter { seen.insert([$0.groupID.rawValue, $0.studentID.rawValue]).inserted }
    }

    /// The students of a group: the class of a whole-class group, the member rows of others.
    public func members(group id: GroupID) throws -> [GroupMember] {
        guard let group = try row(TeachingGroup.self, id: id.rawValue) else { return [] }
        if group.kind == .wholeClass, let classID = group.classID {
            let statement = try db.cachedStatement(
                sql: "SELECT id FROM student WHERE classID = ? ORDER BY lastName, firstName, id")
            return try StudentID.fetchAll(statement, arguments: [classID]).map {
                GroupMember(groupID: id, studentID: $0)
            }
        }
        let statement = try db.cachedStatement(sql: "SELECT * FROM groupMember WHERE groupID = ?")
        return try GroupMember.fetchAll(statement, arguments: [id])
    }

    /// Member rows as stored (subgroups and cross-class groups only have them).
    public func memberRows() throws -> [GroupMember] { try GroupMember.fetchAll(db) }

    public func assignments(groups ids: [GroupID]) throws -> [TeachingAssignment] {
        try TeachingAssignment.filter(ids.contains(Column("groupID"))).fetchAll(db)
    }

    public func assignments(teacher id: StaffID) throws -> [TeachingAssignment] {
        try TeachingAssignment.filter(Column("teacherID") == id).fetchAll(db)
    }

    public func assignment(_ id: AssignmentID) throws -> TeachingAssignment? {
        try row(TeachingAssignment.self, id: id.rawValue)
    }

    public func allAssignments() throws -> [TeachingAssignment] { try TeachingAssignment.fetchAll(db) }

    // MARK: Journal

    /// Every mark of the given assignments for works dated within `range`, with what the
    /// weighted average needs from its work.
    public func markRows(assignments ids: [AssignmentID], range: DateRange) throws -> [MarkRow] {
        guard !ids.isEmpty else { return [] }
        let placeholders = databaseQuestionMarks(count: ids.count)
        let sql = """
            SELECT mark.id, mark.studentID, mark.value, mark.isDebt, work.id, work.assignmentID, work.workType,
                   work.weightOverride, work.date
            FROM work JOIN mark ON mark.workID = work.id
            WHERE work.assignmentID IN (\(placeholders)) AND work.date BETWEEN ? AND ?
            """
        var arguments = StatementArguments(ids.map(\.rawValue))
        arguments += [range.start, range.end]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(MarkRow.init(row:))
    }

    public func lesson(_ id: LessonID) throws -> Lesson? { try row(Lesson.self, id: id.rawValue) }

    /// Lessons of the assignments within the days, in date and lesson order.
    /// Every lesson in one slot of one day, cancelled ones included: what a move or a room
    /// change must not clash with.
    public func lessons(on date: LocalDate, number: Int) throws -> [Lesson] {
        try Lesson.filter(Column("date") == date && Column("number") == number).fetchAll(db)
    }

    public func lessons(assignments ids: [AssignmentID], range: DateRange) throws -> [Lesson] {
        guard !ids.isEmpty else { return [] }
        return try fetch(
            Lesson.self,
            "SELECT * FROM lesson WHERE assignmentID IN (%@) AND date BETWEEN ? AND ? ORDER BY date, number",
            ids.map(\.rawValue), [range.start, range.end])
    }

    public func works(lessons ids: [LessonID]) throws -> [Work] {
        guard !ids.isEmpty else { return [] }
        return try fetch(Work.self, "SELECT * FROM work WHERE lessonID IN (%@) ORDER BY id", ids.map(\.rawValue))
    }

    /// The row with this id, through the statement cache: the hot paths (a mark entered, a
    /// lesson recorded) look rows up by id many times a second, and building the query anew
    /// each time cost more than running it.
    func row<Record: FetchableRecord & TableRecord>(_ type: Record.Type, id: Int64) throws -> Record? {
        let key = (Record.self as? any AuditedRecord.Type)?.rowIDColumn ?? "id"
        let statement = try db.cachedStatement(
            sql: "SELECT * FROM \"\(Record.databaseTableName)\" WHERE \"\(key)\" = ?")
        return try Record.fetchOne(statement, arguments: [id])
    }

    /// Runs a query whose `%@` is a list of ids, through the statement cache: the diary and
    /// the journal ask the same shapes of query over and over.
    private func fetch<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ ids: [Int64], _ tail: [any DatabaseValueConvertible] = []
    ) throws -> [Record] {
        let statement = try db.cachedStatement(sql: Self.expand(sql, ids.count))
        var arguments = StatementArguments(ids)
        arguments += StatementArguments(tail)
        return try Record.fetchAll(statement, arguments: arguments)
    }

    /// The SQL of a query shape with its `%@` expanded to `count` placeholders, kept: the
    /// statement cache is keyed by the text, and building it anew each time showed in profiles.
    private static func expand(_ sql: String, _ count: Int) -> String {
        let key = ExpandedKey(sql: sql, count: count)
        if let known = expanded.withLock({ $0[key] }) { return known }
        let text = sql.replacingOccurrences(of: "%@", with: databaseQuestionMarks(count: count))
        expanded.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[key] = text
        }
        return text
    }

    private struct ExpandedKey: Hashable {
        var sql: String
        var count: Int
    }

    private static let expanded = Mutex<[ExpandedKey: String]>([:])

    public func works(assignment id: AssignmentID, range: DateRange) throws -> [Work] {
        let statement = try db.cachedStatement(
            sql: "SELECT * FROM work WHERE assignmentID = ? AND date BETWEEN ? AND ? ORDER BY date, id")
        return try Work.fetchAll(statement, arguments: [id, range.start, range.end])
    }

    public func marks(works ids: [WorkID], students: [StudentID]? = nil) throws -> [Mark] {
        guard !ids.isEmpty else { return [] }
        if let students, students.count == 1 {
            // One student's marks (the diary): columns named once here and read by position,
            // which is several times cheaper than looking each up by name in every row.
            let statement = try db.cachedStatement(
                sql: Self.expand(
                    "SELECT id, workID, studentID, value, comment, isDebt, debtDueOn, createdAt, updatedAt, "
                        + "enteredByID, version FROM mark WHERE workID IN (%@) AND studentID = ? ORDER BY id", ids.count
                ))
            var arguments = StatementArguments(ids.map(\.rawValue))
            arguments += [students[0]]
            return try Row.fetchAll(statement, arguments: arguments).map { row in
                Mark(
                    id: row[0], workID: row[1], studentID: row[2], value: row[3], comment: row[4], isDebt: row[5],
                    debtDueOn: row[6], createdAt: row[7], updatedAt: row[8], enteredByID: row[9], version: row[10])
            }
        }
        var request = Mark.filter(ids.contains(Column("workID")))
        if let students { request = request.filter(students.contains(Column("studentID"))) }
        return try request.order(Column("id")).fetchAll(db)
    }

    public func attendance(lessons ids: [LessonID], students: [StudentID]? = nil) throws -> [Attendance] {
        guard !ids.isEmpty else { return [] }
        if let students, students.count == 1 {
            return try fetch(
                Attendance.self, "SELECT * FROM attendance WHERE lessonID IN (%@) AND studentID = ?",
                ids.map(\.rawValue),
                [students[0]])
        }
        var request = Attendance.filter(ids.contains(Column("lessonID")))
        if let students { request = request.filter(students.contains(Column("studentID"))) }
        return try request.fetchAll(db)
    }

    public func attendance(lesson: LessonID, student: StudentID) throws -> Attendance? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM attendance WHERE lessonID = ? AND studentID = ?")
        return try Attendance.fetchOne(statement, arguments: [lesson, student])
    }

    public func individualHomework(lessons ids: [LessonID], students: [StudentID]? = nil) throws -> [IndividualHomework]
    {
        guard !ids.isEmpty else { return [] }
        if let students, students.count == 1 {
            return try fetch(
                IndividualHomework.self, "SELECT * FROM individualHomework WHERE lessonID IN (%@) AND studentID = ?",
                ids.map(\.rawValue), [students[0]])
        }
        var request = IndividualHomework.filter(ids.contains(Column("lessonID")))
        if let students { request = request.filter(students.contains(Column("studentID"))) }
        return try request.fetchAll(db)
    }

    public func timetableChanges(lessons ids: [LessonID]) throws -> [TimetableChange] {
        guard !ids.isEmpty else { return [] }
        return try fetch(
            TimetableChange.self, "SELECT * FROM timetableChange WHERE lessonID IN (%@) ORDER BY id",
            ids.map(\.rawValue))
    }

    public func staff(ids: [StaffID]) throws -> [Staff] {
        guard !ids.isEmpty else { return [] }
        return try Staff.filter(ids.contains(Column("id"))).fetchAll(db)
    }

    /// The openings of a lesson's or a work's locked entries.
    public func entryUnlocks(lesson: LessonID?, work: WorkID?) throws -> [EntryUnlock] {
        try EntryUnlock.filter(
            (lesson.map { Column("lessonID") == $0.rawValue } ?? false.databaseValue.sqlExpression)
                || (work.map { Column("workID") == $0.rawValue } ?? false.databaseValue.sqlExpression)
        ).fetchAll(db)
    }

    /// Exam results that became known within the days.
    public func examResults(knownIn range: DateRange) throws -> [ExamResult] {
        try ExamResult.filter(Column("resultsKnownOn") >= range.start && Column("resultsKnownOn") <= range.end)
            .order(Column("resultsKnownOn"), Column("id")).fetchAll(db)
    }

    /// Every lesson and every work within the days, and every group's members: what the
    /// journal-keeping monitor checks.
    public func lessons(range: DateRange) throws -> [Lesson] {
        try Lesson.filter(Column("date") >= range.start && Column("date") <= range.end)
            .order(Column("date"), Column("number"), Column("id")).fetchAll(db)
    }

    public func works(range: DateRange) throws -> [Work] {
        try Work.filter(Column("date") >= range.start && Column("date") <= range.end)
            .order(Column("date"), Column("id")).fetchAll(db)
    }

    public func allGroupMembers() throws -> [GroupMember] { try GroupMember.fetchAll(db) }

    public func examResults(student id: StudentID) throws -> [ExamResult] {
        try ExamResult.filter(Column("studentID") == id).order(Column("resultsKnownOn")).fetchAll(db)
    }

    public func accountRoles() throws -> [AccountRole] { try AccountRole.fetchAll(db) }

    public func accountRoleRows(account id: AccountID) throws -> [AccountRole] {
        try AccountRole.filter(Column("accountID") == id).fetchAll(db)
    }

    /// Every holder of a role, as account-role rows.
    public func accountRoleRows(role: Role) throws -> [AccountRole] {
        try AccountRole.filter(Column("role") == role.rawValue).fetchAll(db)
    }

    public func caseloadEntries(staff id: StaffID) throws -> [CaseloadEntry] {
        try CaseloadEntry.filter(Column("staffID") == id).fetchAll(db)
    }

    public func timetable() throws -> [TimetableEntry] {
        try TimetableEntry.order(Column("assignmentID"), Column("weekday"), Column("lessonNumber")).fetchAll(db)
    }

    /// Whether a lesson is merged into another group's, or hosts a merged one: its day, place and
    /// teacher are then both groups'.
    public func isMerged(_ id: LessonID) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM timetableChange
                WHERE kind = 'merge' AND (lessonID = ? OR hostLessonID = ?))
                """, arguments: [id.rawValue, id.rawValue]) ?? false
    }

    public func timetableEntry(_ id: TimetableEntryID) throws -> TimetableEntry? {
        try row(TimetableEntry.self, id: id.rawValue)
    }

    public func bells() throws -> [Bell] { try Bell.order(Column("number")).fetchAll(db) }

    /// (assignment, date, number) of every lesson, to avoid creating one twice.
    /// Every slot a lesson holds, and every slot a lesson was moved away from: the timetable
    /// must not fill either again.
    public func lessonSlots() throws -> [(AssignmentID, LocalDate, Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT assignmentID, date, number FROM lesson
                UNION
                SELECT l.assignmentID, c.previousDate, c.previousNumber FROM timetableChange c
                JOIN lesson l ON l.id = c.lessonID
                WHERE c.kind = 'move' AND c.previousDate IS NOT NULL AND c.previousNumber IS NOT NULL
                """
        ).map { ($0[0], $0[1], $0[2]) }
    }

    public func mark(_ id: MarkID) throws -> Mark? { try row(Mark.self, id: id.rawValue) }

    public func work(_ id: WorkID) throws -> Work? { try row(Work.self, id: id.rawValue) }

    public func attestationMarks(students ids: [StudentID], year: AcademicYearID) throws -> [AttestationMark] {
        try AttestationMark.filter(ids.contains(Column("studentID")) && Column("yearID") == year).fetchAll(db)
    }

    /// A student's annual marks of the given years.
    public func annualMarks(student id: StudentID, years: [AcademicYearID]) throws -> [AttestationMark] {
        try AttestationMark.filter(
            Column("studentID") == id && years.contains(Column("yearID"))
                && Column("kind") == AttestationMark.Kind.annual.rawValue
        )
        .order(Column("yearID"), Column("subjectID")).fetchAll(db)
    }

    /// The reopenings of a year's periods, newest first.
    public func periodReopenings(year: AcademicYearID) throws -> [PeriodReopening] {
        try PeriodReopening.filter(Column("yearID") == year).order(Column("id").desc).fetchAll(db)
    }

    // MARK: Accounts

    public func logins() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT lower(login) FROM account"))
    }

    public func accounts() throws -> [Account] { try Account.order(Column("id")).fetchAll(db) }

    public func account(login: String) throws -> Account? {
        try Account.filter(sql: "login = ? COLLATE NOCASE", arguments: [login]).fetchOne(db)
    }

    public func account(_ id: AccountID) throws -> Account? { try row(Account.self, id: id.rawValue) }

    public func roles(account id: AccountID) throws -> [Role] {
        try AccountRole.filter(Column("accountID") == id).fetchAll(db).map(\.role)
    }

    // MARK: Access

    public func rightsExtensions(activeOnly: Bool = true) throws -> [RightsExtension] {
        var request = RightsExtension.order(Column("id"))
        if activeOnly { request = request.filter(Column("isActive") == true) }
        return try request.fetchAll(db)
    }

    public func rightsExtension(_ id: Int64) throws -> RightsExtension? { try row(RightsExtension.self, id: id) }

    public func caseload(staff id: StaffID) throws -> [StudentID] {
        try CaseloadEntry.filter(Column("staffID") == id).fetchAll(db).map(\.studentID)
    }

    /// The classes whose class teacher is this member of staff, this year.
    public func classes(classTeacher id: StaffID, year: AcademicYearID) throws -> [SchoolClass] {
        try SchoolClass.filter(Column("classTeacherID") == id && Column("yearID") == year).fetchAll(db)
    }

    /// The lessons this member of staff gives as a substitute, with their dates: those whose
    /// newest substitution, as management arranged it, names them. Who taught a lesson by
    /// their own record gives nobody a right.
    public func substitutions(staff id: StaffID) throws -> [LessonID: LocalDate] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT lesson.id, lesson.date FROM timetableChange AS mine
                JOIN lesson ON lesson.id = mine.lessonID
                WHERE mine.kind IN ('substitution', 'merge') AND mine.substituteID = ?
                  AND NOT EXISTS (
                    SELECT 1 FROM timetableChange AS later
                    WHERE later.lessonID = mine.lessonID AND later.kind IN ('substitution', 'merge')
                      AND later.id > mine.id)
                """, arguments: [id])
        return Dictionary(rows.map { (LessonID($0[0] as Int64), $0[1] as LocalDate) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Rules

    public func activeRuleset() throws -> Ruleset? { try Ruleset.filter(Column("isActive") == true).fetchOne(db) }

    public func rulesets() throws -> [Ruleset] { try Ruleset.order(Column("id")).fetchAll(db) }

    public func ruleset(_ id: Int64) throws -> Ruleset? { try row(Ruleset.self, id: id) }

    public func ruleFiles(ruleset id: Int64) throws -> [StoredRuleFile] {
        try StoredRuleFile.filter(Column("rulesetID") == id).order(Column("path")).fetchAll(db)
    }

    // MARK: Audit and statistics

    public func auditEntries(entity: String? = nil, entityID: Int64? = nil) throws -> [AuditEntry] {
        var request = AuditEntry.order(Column("id"))
        if let entity { request = request.filter(Column("entity") == entity) }
        if let entityID { request = request.filter(Column("entityID") == entityID) }
        return try request.fetchAll(db)
    }

    /// The audit log's entries matching every given condition, newest first, at most `limit`.
    public func auditEntries(
        entities: [String]?, entityID: Int64?, actor: String?, students: [StudentID]?, assignments: [AssignmentID]?,
        cell: (lesson: LessonID?, work: WorkID?)? = nil, from: Date?, to: Date?, before: Int64?, limit: Int
    ) throws -> [AuditEntry] {
        var request = AuditEntry.order(Column("id").desc).limit(limit)
        if let entities { request = request.filter(entities.contains(Column("entity"))) }
        if let cell {
            // A cell of the grid: the marks of its work and the attendance of its lesson, found
            // in the rows as they were (a deleted mark's last state names its work).
            var parts: [SQL] = []
            if let work = cell.work {
                parts.append(
                    "(entity = 'mark' AND json_extract(COALESCE(\"after\", \"before\"), '$.workID') = \(work.rawValue))"
                )
            }
            if let lesson = cell.lesson {
                parts.append(
                    "(entity = 'attendance' AND json_extract(COALESCE(\"after\", \"before\"), '$.lessonID') = \(lesson.rawValue))"
                )
            }
            request = request.filter(parts.isEmpty ? SQL("0").sqlExpression : parts.joined(operator: .or))
        }
        if let entityID { request = request.filter(Column("entityID") == entityID) }
        if let actor {
            let accountIDs = try Int64.fetchAll(
                db, sql: "SELECT id FROM account WHERE login = ? COLLATE NOCASE", arguments: [actor])
            request = request.filter(
                accountIDs.contains(Column("actorAccountID")) || Column("actorName").like("%\(actor)%"))
        }
        if let students { request = request.filter(students.contains(Column("studentID"))) }
        if let assignments { request = request.filter(assignments.contains(Column("assignmentID"))) }
        if let from { request = request.filter(Column("at") >= from) }
        if let to { request = request.filter(Column("at") < to) }
        if let before { request = request.filter(Column("id") < before) }
        return try request.fetchAll(db)
    }

    /// Rows per table, for reports and tests.
    public func count(_ table: String) throws -> Int {
        guard AuditGuard.auditedTables.contains(table) || table == AuditEntry.databaseTableName else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0
    }
}

/// A mark joined with its work, as the period computations read it.
public struct MarkRow: Sendable, Hashable {
    public var markID: MarkID
    public var studentID: StudentID
    public var value: String?
    public var isDebt: Bool
    public var workID: WorkID
    public var assignmentID: AssignmentID
    public var workType: String
    public var weightOverride: Double?
    public var date: LocalDate

    init(row: Row) {
        markID = row[0]
        studentID = row[1]
        value = row[2]
        isDebt = row[3]
        workID = row[4]
        assignmentID = row[5]
        workType = row[6]
        weightOverride = row[7]
        date = row[8]
    }
}

extension JournalDatabase {
    public func read<T: Sendable>(_ body: @Sendable (StoreReader) throws -> T) async throws -> T {
        try await reader.read { db in try body(StoreReader(db)) }
    }

    /// A read that blocks its thread: on a connection of its own, so that it never waits for
    /// the pool's readers (see ``nowReader``).
    public func readNow<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try nowReader.read { db in try body(StoreReader(db)) }
    }

    /// A read that blocks its thread on one of the pool's readers, for work that runs on a
    /// worker thread of its own (plugins' handlers) and may hold its snapshot for a while:
    /// never from a cooperative thread (see ``nowReader``), never inside another read.
    public func readOnWorker<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try reader.read { db in try body(StoreReader(db)) }
    }
}

extension AuditedWriter {
    /// Reads inside the write transaction, seeing its own changes.
    public var reader: StoreReader { StoreReader(db) }
}
