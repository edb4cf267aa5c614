public import JournalModel

/// Who asks, with the facts that scopes are decided on: their roles, and the children,
/// groups, lessons and class that relate them to the school's data.
public struct AccessSubject: Sendable, Hashable {
    public var accountID: AccountID
    public var displayName: String
    public var roles: Set<Role>
    public var studentID: StudentID?
    public var representativeID: RepresentativeID?
    public var staffID: StaffID?
    /// As a legal representative.
    public var children: Set<StudentID>
    /// As a teacher: the assignments they teach, their groups and the students in them.
    public var assignments: Set<AssignmentID>
    public var groups: Set<GroupID>
    public var taughtStudents: Set<StudentID>
    /// The lessons they give as a substitute by management's arrangement, with each lesson's date.
    public var substitutions: [LessonID: LocalDate]
    /// Today in the school's time zone, for rights that last a number of days (substitutions).
    public var today: LocalDate?
    /// As a class teacher.
    public var ownClasses: Set<ClassID>
    /// As a psychologist or social pedagogue: the students assigned to them.
    public var caseload: Set<StudentID>

    public init(
        accountID: AccountID, displayName: String, roles: Set<Role>, studentID: StudentID? = nil,
        representativeID: RepresentativeID? = nil, staffID: StaffID? = nil, children: Set<StudentID> = [],
        assignments: Set<AssignmentID> = [], groups: Set<GroupID> = [], taughtStudents: Set<StudentID> = [],
        substitutions: [LessonID: LocalDate] = [:], today: LocalDate? = nil, ownClasses: Set<ClassID> = [],
        caseload: Set<StudentID> = []
    ) {
        self.accountID = accountID
        self.displayName = displayName
        self.roles = roles
        self.studentID = studentID
        self.representativeID = representativeID
        self.staffID = staffID
        self.children = children
        self.assignments = assignments
        self.groups = groups
        self.taughtStudents = taughtStudents
        self.substitutions = substitutions
        self.today = today
        self.ownClasses = ownClasses
        self.caseload = caseload
    }
}

/// What is asked about: the journal object, described by the facts scopes look at. The
/// service fills in what applies; empty means "not about that".
public struct AccessObject: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case school
        case student
        case group
        case assignment
        case lesson
        case work
        case mark
        case account
        case staff
        case rules
    }

    public var kind: Kind
    public var id: Int64?
    /// The students it is about (a diary, a mark, a student's record).
    public var students: Set<StudentID>
    /// Their classes, or the class it belongs to.
    public var classes: Set<ClassID>
    /// The teaching assignments it belongs to (a lesson's, a work's, a journal grid's).
    public var assignments: Set<AssignmentID>
    public var lessons: Set<LessonID>
    public var accountID: AccountID?
    public var staffID: StaffID?
    /// For an existing mark: the staff member who entered it (nil when unknown).
    public var enteredBy: StaffID?

    public init(
        kind: Kind, id: Int64? = nil, students: Set<StudentID> = [], classes: Set<ClassID> = [],
        assignments: Set<AssignmentID> = [], lessons: Set<LessonID> = [], accountID: AccountID? = nil,
        staffID: StaffID? = nil, enteredBy: StaffID? = nil
    ) {
        self.kind = kind
        self.id = id
        self.students = students
        self.classes = classes
        self.assignments = assignments
        self.lessons = lessons
        self.accountID = accountID
        self.staffID = staffID
        self.enteredBy = enteredBy
    }

    /// The whole school: for capabilities that are not about one object.
    public static let school = AccessObject(kind: .school)

    public var description: String { id.map { "\(kind.rawValue) \($0)" } ?? kind.rawValue }
}

extension AccessSubject {
    /// Whether the object falls within `scope` for this person. A substitute's rights over a
    /// lesson last `substituteDays` days after it.
    public func covers(_ object: AccessObject, in scope: Scope, substituteDays: Int = 7) -> Bool {
        switch scope {
        case .school:
            return true
        case .self:
            if let studentID, !object.students.isEmpty, object.students.allSatisfy({ $0 == studentID }) { return true }
            if let accountID = object.accountID, accountID == self.accountID { return true }
            if let staffID, let other = object.staffID, other == staffID { return true }
            return false
        case .ownChildren:
            return !object.students.isEmpty && object.students.isSubset(of: children)
        case .ownGroups:
            if !object.assignments.isEmpty { return !object.assignments.isDisjoint(with: assignments) }
            if !object.lessons.isEmpty { return false }
            return !object.students.isEmpty && object.students.isSubset(of: taughtStudents)
        case .substitute:
            return coversAsSubstitute(object, days: substituteDays)
        case .ownClass:
            return !object.classes.isEmpty && object.classes.isSubset(of: ownClasses)
        }
    }

    /// A lesson given as a substitute, or a work or mark of that lesson: only while the days
    /// after the lesson last, and for an existing mark only one the substitute entered.
    private func coversAsSubstitute(_ object: AccessObject, days: Int) -> Bool {
        guard [.lesson, .work, .mark].contains(object.kind), !object.lessons.isEmpty, let today else { return false }
        for lesson in object.lessons {
            guard let date = substitutions[lesson], today <= date.adding(days: days) else { return false }
        }
        if object.kind == .mark, object.id != nil {
            guard let staffID, object.enteredBy == staffID else { return false }
        }
        return true
    }
}
