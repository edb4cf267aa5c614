public import JournalModel

/// What importing an assignments file writes: who teaches which subject to which class or
/// subgroup, and the subgroups themselves.
///
/// Columns (names compare without case, with spaces, `_` and `-` alike; other accepted names in
/// brackets):
/// - **class** (класс): a class of the current year
/// - group (группа, подгруппа, subgroup): a subgroup of that class, `Группа 1`; empty for the
///   whole class
/// - **subject** (предмет): a subject's name or short name
/// - **teacher** (учитель, преподаватель): a staff member's code or full name
/// - hours_per_week (часов в неделю, часы, нагрузка, hours, hours per week): 1–40, 1 when empty
/// - students (ученики, состав группы, состав, members): for a subgroup, the codes or full names
///   of its students, separated by `;` or `,` (quote the cell when the file uses that
///   separator); required when the subgroup is new
///
/// A class without a whole-class group gets one, named as the class. A subgroup's students
/// may be listed on one of its rows or repeated identically; students are only ever added. An
/// existing assignment (same group, subject and teacher) gets the hours of its row.
public struct AssignmentsPlan: Hashable, Sendable, Codable {
    /// Groups to insert: whole-class groups a class lacks, and new subgroups.
    public var newGroups: [Planned<TeachingGroup>]
    /// Students to add to subgroups. A whole-class group has no member rows: its members are
    /// its class's students.
    public var newMembers: [PlannedMember]
    public var newAssignments: [PlannedAssignment]
    /// Existing assignments whose hours per week change.
    public var updatedAssignments: [PlannedUpdate<TeachingAssignment>]
    /// Lines that describe what the journal already has.
    public var unchangedLines: [Int]

    enum Columns {
        static let hours = Column(
            "hours_per_week", aliases: ["часов в неделю", "часы", "нагрузка", "hours"])
        static let students = Column("students", aliases: ["ученики", "состав группы", "состав", "members"])
    }

    public static let columns: [Column] = [
        Column.className.required, .group, Column.subject.required, Column.teacher.required, Columns.hours,
        Columns.students,
    ]

    public var summary: ImportSummary {
        ImportSummary(
            new: [.group: newGroups.count, .groupMember: newMembers.count, .assignment: newAssignments.count],
            updated: [.assignment: updatedAssignments.count], unchangedRows: unchangedLines.count)
    }

    /// Validates every row of an assignments file against `context`.
    public init(file: String, bytes: some Collection<UInt8>, context: some ImportContext) throws(ImportFailure) {
        var log = IssueLog(file: file)
        let table = try ImportTable(bytes: bytes, file: file, columns: Self.columns, log: &log)
        guard context.year.id != nil else {
            throw ImportFailure(issues: [ImportIssue(file: file, line: table.headerLine, message: .noCurrentYear)])
        }
        var builder = Builder(context: context)
        for row in table.rows {
            builder.add(row, &log)
        }
        try log.check()
        newGroups = builder.newGroups
        newMembers = builder.newMembers
        newAssignments = builder.newAssignments
        updatedAssignments = builder.updatedAssignments
        unchangedLines = builder.unchangedLines
    }
}

/// A student to add to a group.
public struct PlannedMember: Hashable, Sendable, Codable {
    public var line: Int
    public var group: ImportRef<TeachingGroup>
    public var studentID: StudentID

    public init(line: Int, group: ImportRef<TeachingGroup>, studentID: StudentID) {
        self.line = line
        self.group = group
        self.studentID = studentID
    }
}

/// An assignment to insert; a new group is `.new(index:)` into `newGroups`.
public struct PlannedAssignment: Hashable, Sendable, Codable {
    public var line: Int
    public var group: ImportRef<TeachingGroup>
    public var subjectID: SubjectID
    public var teacherID: StaffID
    public var hoursPerWeek: Int

    public init(line: Int, group: ImportRef<TeachingGroup>, subjectID: SubjectID, teacherID: StaffID, hoursPerWeek: Int)
    {
        self.line = line
        self.group = group
        self.subjectID = subjectID
        self.teacherID = teacherID
        self.hoursPerWeek = hoursPerWeek
    }
}
