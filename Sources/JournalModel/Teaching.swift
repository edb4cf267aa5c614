public struct Subject: Codable, Hashable, Sendable, Identifiable {
    public var id: SubjectID?
    public var name: String
    /// A short form for the journal grid: `Матем.`.
    public var shortName: String

    public init(id: SubjectID? = nil, name: String, shortName: String? = nil) {
        self.id = id
        self.name = name
        self.shortName = shortName ?? name
    }
}

/// Who is taught together: a whole class, a subgroup of a class ("Английский, группа 1"),
/// or a group drawn from several classes (an elective, a profile group).
public struct TeachingGroup: Codable, Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case wholeClass = "class"
        case subgroup
        case crossClass = "cross_class"
    }

    public var id: GroupID?
    public var yearID: AcademicYearID
    public var name: String
    public var kind: Kind
    /// The class of a whole-class group or a subgroup; nil for a cross-class group.
    public var classID: ClassID?

    public init(id: GroupID? = nil, yearID: AcademicYearID, name: String, kind: Kind, classID: ClassID?) {
        self.id = id
        self.yearID = yearID
        self.name = name
        self.kind = kind
        self.classID = classID
    }
}

public struct GroupMember: Codable, Hashable, Sendable {
    public var id: Int64?
    public var groupID: GroupID
    public var studentID: StudentID

    public init(id: Int64? = nil, groupID: GroupID, studentID: StudentID) {
        self.id = id
        self.groupID = groupID
        self.studentID = studentID
    }
}

/// A teacher teaching a subject to a group.
public struct TeachingAssignment: Codable, Hashable, Sendable, Identifiable {
    public var id: AssignmentID?
    public var groupID: GroupID
    public var subjectID: SubjectID
    public var teacherID: StaffID
    public var hoursPerWeek: Int

    public init(
        id: AssignmentID? = nil, groupID: GroupID, subjectID: SubjectID, teacherID: StaffID, hoursPerWeek: Int
    ) {
        self.id = id
        self.groupID = groupID
        self.subjectID = subjectID
        self.teacherID = teacherID
        self.hoursPerWeek = hoursPerWeek
    }
}
