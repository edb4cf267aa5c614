public import JournalModel

/// A whole demo school as plain values, with ids already assigned: every collection numbers
/// its rows from 1 in order, and every reference points into the snapshot.
public struct DemoSchool: Hashable, Sendable, Codable {
    public var school: School
    public var year: AcademicYear
    /// The year before `year`, not current: kept for the annual marks of its students.
    public var previousYear: AcademicYear
    /// The holidays and study periods the lessons were generated with.
    public var holidays: [DateRange]
    public var firstGradeHolidays: [DateRange]
    public var periods: [DateRange]
    public var classes: [SchoolClass]
    public var staff: [Staff]
    public var students: [Student]
    public var representatives: [Representative]
    public var studentRepresentatives: [StudentRepresentative]
    /// Representatives' contacts with their bases, and the forms of information they agreed (R18).
    public var contacts: [Contact]
    public var deliveryPreferences: [DeliveryPreference]
    public var subjects: [Subject]
    public var groups: [TeachingGroup]
    public var groupMembers: [GroupMember]
    public var assignments: [TeachingAssignment]
    public var bells: [Bell]
    /// The weekly timetable, valid for the whole academic year.
    public var timetable: [TimetableEntry]
    /// Every dated lesson of the year, in date order (moved lessons keep their place).
    public var lessons: [Lesson]
    public var timetableChanges: [TimetableChange]
    public var individualHomework: [IndividualHomework]
    public var works: [Work]
    public var marks: [Mark]
    public var attendance: [Attendance]
    /// The annual marks of `previousYear` of every student then in grades 2–10 (grade 1 has
    /// no marks), in the subjects of that grade.
    public var previousAnnualMarks: [AttestationMark]
    /// A login and a first password for every student, representative and member of staff.
    public var credentials: [DemoCredential]
}

/// A generated account before it is stored: the password in clear, to print on a slip; the
/// store keeps only its hash.
public struct DemoCredential: Hashable, Sendable, Codable {
    public var login: String
    public var password: String
    public var roles: [Role]
    public var owner: AccountOwner
    /// `Иванова Анна Сергеевна`.
    public var displayName: String

    public init(login: String, password: String, roles: [Role], owner: AccountOwner, displayName: String) {
        self.login = login
        self.password = password
        self.roles = roles
        self.owner = owner
        self.displayName = displayName
    }
}

/// The work types the demo uses, with the weights of the school's default rules.
public enum DemoWorkType: String, CaseIterable, Hashable, Sendable, Codable {
    case answer
    case homework
    case independent
    case dictation
    case practical
    case project
    case test

    /// How the journal names it.
    public var title: String {
        switch self {
        case .answer: "ответ на уроке"
        case .homework: "домашняя работа"
        case .independent: "самостоятельная работа"
        case .dictation: "диктант"
        case .practical: "практическая/лабораторная работа"
        case .project: "проект"
        case .test: "контрольная работа"
        }
    }

    public var weight: Int {
        switch self {
        case .answer, .homework: 1
        case .independent, .dictation, .practical, .project: 2
        case .test: 3
        }
    }
}
