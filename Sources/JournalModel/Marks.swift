public import Foundation

/// Something assessed: a test, an answer in class, a piece of homework. It belongs to an
/// assignment (group × subject × teacher), usually to a lesson, and has a work type whose
/// weight counts in the weighted average.
public struct Work: Codable, Hashable, Sendable, Identifiable {
    public var id: WorkID?
    public var assignmentID: AssignmentID
    public var lessonID: LessonID?
    /// A code from the work types rule, such as `test` or `answer`.
    public var workType: String
    public var title: String?
    /// The day the work was done; it decides the period the marks count in.
    public var date: LocalDate
    public var dueDate: LocalDate?
    /// A weight set by the teacher for this work, instead of the work type's.
    public var weightOverride: Double?

    public init(
        id: WorkID? = nil, assignmentID: AssignmentID, lessonID: LessonID? = nil, workType: String,
        title: String? = nil, date: LocalDate, dueDate: LocalDate? = nil, weightOverride: Double? = nil
    ) {
        self.id = id
        self.assignmentID = assignmentID
        self.lessonID = lessonID
        self.workType = workType
        self.title = title
        self.date = date
        self.dueDate = dueDate
        self.weightOverride = weightOverride
    }
}

/// One mark of one student for one work. A student may have several marks for a work.
/// A debt (точка) records that the work is owed, with the date it is due; its value stays
/// empty until the work is done.
public struct Mark: Codable, Hashable, Sendable, Identifiable {
    public var id: MarkID?
    public var workID: WorkID
    public var studentID: StudentID
    /// A value of the subject's scale (`5`, `зачёт`) or a special value (`ОСВ`, `НА`).
    public var value: String?
    public var comment: String?
    public var isDebt: Bool
    public var debtDueOn: LocalDate?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// The staff member who entered it; nil for the system or when unknown.
    public var enteredByID: StaffID?
    public var version: Int

    public init(
        id: MarkID? = nil, workID: WorkID, studentID: StudentID, value: String?, comment: String? = nil,
        isDebt: Bool = false, debtDueOn: LocalDate? = nil, createdAt: Timestamp, updatedAt: Timestamp? = nil,
        enteredByID: StaffID? = nil, version: Int = 1
    ) {
        self.id = id
        self.workID = workID
        self.studentID = studentID
        self.value = value
        self.comment = comment
        self.isDebt = isDebt
        self.debtDueOn = debtDueOn
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.enteredByID = enteredByID
        self.version = version
    }
}

/// An attendance code of one student in one lesson (Н, Б, УП, ОП…). No row means present.
public struct Attendance: Codable, Hashable, Sendable, Identifiable {
    public var id: AttendanceID?
    public var lessonID: LessonID
    public var studentID: StudentID
    public var code: String
    public var comment: String?
    public var version: Int

    public init(
        id: AttendanceID? = nil, lessonID: LessonID, studentID: StudentID, code: String, comment: String? = nil,
        version: Int = 1
    ) {
        self.id = id
        self.lessonID = lessonID
        self.studentID = studentID
        self.code = code
        self.comment = comment
        self.version = version
    }
}
