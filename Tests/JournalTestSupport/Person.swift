public import JournalModel

/// Someone a test school may hold, with the account they sign in with. One person holds each
/// role; the teacher and the student have a counterpart on the other side of the school.
///
/// The teacher and the student are there with ``TestSchool/Parts/fiveA``, the other teacher and
/// the other student with ``TestSchool/Parts/sixB``; everyone else is there only with an account
/// (see ``TestSchool/make(_:accounts:signingIn:storage:clock:sessionPolicy:signInLimits:logger:)``).
public enum Person: String, CaseIterable, Hashable, Sendable {
    /// Орлов Иван, the system administrator.
    case administrator
    /// Волкова Ольга, the deputy head: management, who arranges substitutions.
    case management
    /// Петрова Мария (T1): 5А's class teacher, who teaches it mathematics.
    case teacher
    /// Сидоров Павел (T2): 6Б's class teacher, who teaches it mathematics.
    case otherTeacher
    /// Иванова Анна (S1) of 5А.
    case student
    /// Морозов Максим (S2) of 6Б.
    case otherStudent
    /// Иванова Елена (P1), Анна's mother.
    case parent
    case secretary
    case medical
    /// Соколова Татьяна, who has Анна in her caseload.
    case psychologist
    case hr

    /// The person who holds `role`: the teacher for `.teacher`, the student for `.student`.
    public init(_ role: Role) { self = Person(rawValue: role.rawValue)! }

    /// The role of the person's account.
    public var role: Role {
        switch self {
        case .otherTeacher: .teacher
        case .otherStudent: .student
        default: Role(rawValue: rawValue)!
        }
    }

    public var login: String {
        switch self {
        case .administrator: "admin"
        case .management: "volkova"
        case .teacher: "petrova"
        case .otherTeacher: "sidorov"
        case .student: "ivanova.a"
        case .otherStudent: "morozov.m"
        case .parent: "ivanova.e"
        case .secretary: "secretary"
        case .medical: "nurse"
        case .psychologist: "psychologist"
        case .hr: "hr"
        }
    }

    public var name: PersonName {
        switch self {
        case .administrator: PersonName(lastName: "Орлов", firstName: "Иван")
        case .management: PersonName(lastName: "Волкова", firstName: "Ольга")
        case .teacher: PersonName(lastName: "Петрова", firstName: "Мария")
        case .otherTeacher: PersonName(lastName: "Сидоров", firstName: "Павел")
        case .student: PersonName(lastName: "Иванова", firstName: "Анна")
        case .otherStudent: PersonName(lastName: "Морозов", firstName: "Максим")
        case .parent: PersonName(lastName: "Иванова", firstName: "Елена")
        case .secretary: PersonName(lastName: "Зайцева", firstName: "Нина")
        case .medical: PersonName(lastName: "Белова", firstName: "Ирина")
        case .psychologist: PersonName(lastName: "Соколова", firstName: "Татьяна")
        case .hr: PersonName(lastName: "Лебедева", firstName: "Светлана")
        }
    }

    /// The position of a member of staff; nil for students and parents.
    var position: String? {
        switch self {
        case .administrator: "системный администратор"
        case .management: "заместитель директора"
        case .teacher: "учитель математики"
        case .otherTeacher: "учитель математики и русского языка"
        case .secretary: "секретарь"
        case .medical: "медицинская сестра"
        case .psychologist: "педагог-психолог"
        case .hr: "специалист по кадрам"
        case .student, .otherStudent, .parent: nil
        }
    }
}
