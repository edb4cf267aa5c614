public import JournalModel

/// What the journal already holds, as an import sees it.
///
/// Each requirement returns a whole table (of the current year where the data is per year). The
/// importer does the matching itself, so that names compare the same way everywhere: without
/// case, `ё` as `е`, Latin look-alike letters in class names as Cyrillic. SQLite's `NOCASE` and
/// `lower()` fold ASCII only, so a store lookup by name would miss `ИВАНОВА` for `Иванова`. A
/// school's tables are small (a few thousand rows); an import reads only those its kind needs,
/// once. Implement it over one read transaction, or fill an ``ImportSnapshot``.
public protocol ImportContext {
    /// The current academic year; it must be stored (its `id` set). New classes and groups go
    /// into it, and timetable entries default to its dates.
    var year: AcademicYear { get }
    /// The classes of ``year``.
    func classes() -> [SchoolClass]
    func staff() -> [Staff]
    /// The roles each staff member holds (R21), to grant only those a staff file adds.
    func staffRoles() -> [StaffID: Set<Role>]
    /// Every student, with their class.
    func students() -> [Student]
    func representatives() -> [Representative]
    func representativeLinks() -> [StudentRepresentative]
    func subjects() -> [Subject]
    /// The teaching groups of ``year``.
    func groups() -> [TeachingGroup]
    /// The members of subgroups and cross-class groups of ``year``.
    func groupMembers() -> [GroupMember]
    /// The teaching assignments of the groups of ``year``.
    func assignments() -> [TeachingAssignment]
    /// The timetable entries of those assignments.
    func timetableEntries() -> [TimetableEntry]
    /// Representatives' contacts, the ended ones too (R18).
    func contacts() -> [Contact]
    /// The student whose account has this login, so a row may name a child by their login.
    func student(login: String) -> StudentID?
}

extension ImportContext {
    public func student(login: String) -> StudentID? { nil }
}

/// An ``ImportContext`` that is plain data: the service can fill it from one read, tests can
/// build it by hand.
public struct ImportSnapshot: ImportContext, Hashable, Sendable {
    public var year: AcademicYear
    public var classList: [SchoolClass]
    public var staffList: [Staff]
    public var roleMap: [StaffID: Set<Role>]
    public var studentList: [Student]
    public var representativeList: [Representative]
    public var linkList: [StudentRepresentative]
    public var subjectList: [Subject]
    public var groupList: [TeachingGroup]
    public var memberList: [GroupMember]
    public var assignmentList: [TeachingAssignment]
    public var timetableList: [TimetableEntry]
    public var contactList: [Contact]
    /// Students by the login of their account, in lower case.
    public var studentLogins: [String: StudentID]

    public init(
        year: AcademicYear, classes: [SchoolClass] = [], staff: [Staff] = [], roles: [StaffID: Set<Role>] = [:],
        students: [Student] = [],
        representatives: [Representative] = [], links: [StudentRepresentative] = [], subjects: [Subject] = [],
        groups: [TeachingGroup] = [], members: [GroupMember] = [], assignments: [TeachingAssignment] = [],
        timetable: [TimetableEntry] = [], studentLogins: [String: StudentID] = [:], contacts: [Contact] = []
    ) {
        contactList = contacts
        self.studentLogins = Dictionary(
            studentLogins.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.year = year
        classList = classes
        staffList = staff
        roleMap = roles
        studentList = students
        representativeList = representatives
        linkList = links
        subjectList = subjects
        groupList = groups
        memberList = members
        assignmentList = assignments
        timetableList = timetable
    }

    public func classes() -> [SchoolClass] { classList }
    public func staff() -> [Staff] { staffList }
    public func staffRoles() -> [StaffID: Set<Role>] { roleMap }
    public func students() -> [Student] { studentList }
    public func representatives() -> [Representative] { representativeList }
    public func representativeLinks() -> [StudentRepresentative] { linkList }
    public func subjects() -> [Subject] { subjectList }
    public func groups() -> [TeachingGroup] { groupList }
    public func groupMembers() -> [GroupMember] { memberList }
    public func assignments() -> [TeachingAssignment] { assignmentList }
    public func timetableEntries() -> [TimetableEntry] { timetableList }
    public func contacts() -> [Contact] { contactList }
    public func student(login: String) -> StudentID? { studentLogins[login.lowercased()] }
}
