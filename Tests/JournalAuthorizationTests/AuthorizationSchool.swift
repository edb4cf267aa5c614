import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import JournalModel
import JournalRules
import JournalServer
import JournalService
import JournalStore
import Synchronization
import Testing

/// The school of the authorization tests, built through the service and the audited store.
///
/// 5А has class teacher T1 and 6Б class teacher T2. T1 teaches mathematics to 5А and
/// informatics to a subgroup of 6Б (S3); T2 teaches mathematics to 6Б and Russian to 5А. S1 is
/// in 5А, S2 and S3 in 6Б; P1 is the parent of S1 only. Each assignment has a lesson, a work
/// and a mark; management arranged for T1 to substitute one lesson of T2's 6Б mathematics. There is one account per
/// role (the teacher is T1, the student S1, the parent P1, the psychologist has S1 in their
/// caseload), and accounts for T2 and S2. Everyone's password is ``password``.
struct AuthorizationSchool: Sendable {
    /// What one side of the school holds: a student, a subject they are taught, and the
    /// assignment, lesson, work and mark of that teaching.
    struct Side: Sendable {
        var student: StudentID
        var subject: SubjectID
        var assignment: AssignmentID
        var lesson: LessonID
        var work: WorkID
        var mark: MarkID
    }

    let service: JournalService
    let clock: TestClock
    let fiveA: ClassID
    let sixB: ClassID
    let t1: StaffID
    let t2: StaffID
    let psychologist: StaffID
    let p1: RepresentativeID
    /// S1 in T1's mathematics in 5А.
    let own: Side
    /// S2 in T2's mathematics in 6Б.
    let other: Side
    /// S1 in T2's Russian in 5А: T1's class, another teacher's group.
    let classmates: Side
    /// S2 in a lesson of T2's mathematics in 6Б on the fixture's day, which management arranged
    /// for T1 to give as a substitute. Its work holds the mark T2 entered (`mark`) and the one
    /// T1 entered (``substitutedOwnMark``).
    let substituted: Side
    let substitutedOwnMark: MarkID
    /// S3 of 6Б in T1's informatics subgroup: a student T1 teaches outside their own class. S3
    /// also learns T2's mathematics with 6Б, with a mark and an absence there.
    let taughtElsewhere: Side
    /// The account of each role's person.
    let accounts: [Role: AccountID]
    let t2Account: AccountID
    let s2Account: AccountID
    /// An administrator's extension (hr may view reports), for the routes that list and remove them.
    var extensionID: Int64 = 0
    /// A bearer token for each role signed in, from `POST /api/v1/session`.
    var tokens: [Role: String] = [:]

    static let password = "Vesna-2026!"
    /// bcrypt at cost 4, hashed once for every account of every school of the suite.
    static let passwordHash = Bcrypt.hash(password, cost: 4)
    static let today = LocalDate("2026-11-20")!
    /// 2026-11-20 12:00 Moscow time, a Friday of the second quarter.
    static let noon = Date(timeIntervalSince1970: 1_795_165_200)
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    static let logins: [Role: String] = [
        .administrator: "admin", .management: "director", .teacher: "petrova.t1", .student: "ivanova.s1",
        .parent: "ivanova.p1", .secretary: "secretary", .medical: "nurse", .psychologist: "psychologist",
        .hr: "hr",
    ]

    /// One school for the cases that change nothing, built once for the whole run.
    static var shared: AuthorizationSchool {
        get async throws { try await sharedSchool.value }
    }

    func account(_ role: Role) -> AccountID { accounts[role]! }
    func token(_ role: Role) -> String { tokens[role]! }

    /// The application over this school, as the server builds it.
    func application() -> some ApplicationProtocol {
        buildApplication(service: service, configuration: ServerConfiguration())
    }

    /// Builds a school with its clock at ``noon`` and signs `roles` in over HTTP.
    static func make(
        clock: TestClock = TestClock(noon), signingIn roles: [Role] = Role.allCases,
        sessionPolicy: SessionPolicy = .default, signInLimits: SignInLimits = .default
    ) async throws -> AuthorizationSchool {
        let service = JournalService(
            database: try JournalDatabase.inMemory(now: { clock.now }), sessionPolicy: sessionPolicy,
            signInLimits: signInLimits)
        try await service.initialize(
            schoolName: "Школа № 7", rules: try RuleFiles.load(directory: rulesDirectory), today: today)
        let year = try await service.currentYear().id!
        let fixture = Caller.system("authorization fixture")
        var school = try await service.database.write(actor: fixture.actor) { writer in
            try Self.fill(writer, year: year, service: service, clock: clock)
        }
        try await service.setCaseload(staff: school.psychologist, students: [school.own.student], caller: fixture)
        school.extensionID = try await service.addRightsExtension(
            RightsExtensionInput(
                role: .hr, accountID: nil, capability: "reports.view", scope: "school", effect: "allow",
                comment: "hr prepares staffing reports"),
            caller: fixture
        ).id!
        school.tokens = try await school.application().test(.router) { client in
            var tokens: [Role: String] = [:]
            for role in roles {
                tokens[role] = try await client.signIn(logins[role]!, password: password).token
            }
            return tokens
        }
        return school
    }

    private static func fill(
        _ writer: AuditedWriter, year: AcademicYearID, service: JournalService, clock: TestClock
    ) throws -> AuthorizationSchool {
        func staff(_ last: String, _ first: String, _ position: String) throws -> StaffID {
            try writer.insert(Staff(name: PersonName(lastName: last, firstName: first), position: position)).id!
        }
        let t1 = try staff("Петрова", "Мария", "учитель математики")
        let t2 = try staff("Сидоров", "Павел", "учитель математики и русского языка")
        let fiveA = try writer.insert(SchoolClass(yearID: year, grade: 5, letter: "А", classTeacherID: t1)).id!
        let sixB = try writer.insert(SchoolClass(yearID: year, grade: 6, letter: "Б", classTeacherID: t2)).id!
        let s1 = try writer.insert(Student(classID: fiveA, name: PersonName(lastName: "Иванова", firstName: "Анна")))
            .id!
        let s2 = try writer.insert(Student(classID: sixB, name: PersonName(lastName: "Смирнов", firstName: "Олег"))).id!
        let p1 = try writer.insert(Representative(name: PersonName(lastName: "Иванова", firstName: "Елена"))).id!
        try writer.insert(StudentRepresentative(studentID: s1, representativeID: p1, kind: .parent))
        let math = try writer.insert(Subject(name: "Математика", shortName: "Матем.")).id!
        let russian = try writer.insert(Subject(name: "Русский язык", shortName: "Рус. яз.")).id!

        func group(_ schoolClass: ClassID, _ name: String, _ students: [StudentID]) throws -> GroupID {
            let group = try writer.insert(
                TeachingGroup(yearID: year, name: name, kind: .wholeClass, classID: schoolClass))
            for student in students { try writer.insert(GroupMember(groupID: group.id!, studentID: student)) }
            return group.id!
        }
        let s3 = try writer.insert(Student(classID: sixB, name: PersonName(lastName: "Кузнецов", firstName: "Игорь")))
            .id!
        let informatics = try writer.insert(Subject(name: "Информатика", shortName: "Информ.")).id!
        let group5A = try group(fiveA, "5А", [s1])
        let group6B = try group(sixB, "6Б", [s2, s3])
        let group6BInformatics = try writer.insert(
            TeachingGroup(yearID: year, name: "6Б информатика 1", kind: .subgroup, classID: sixB)
        ).id!
        try writer.insert(GroupMember(groupID: group6BInformatics, studentID: s3))

        func side(
            _ group: GroupID, _ subject: SubjectID, _ teacher: StaffID, _ student: StudentID, day: String,
            number: Int, weekday: Int, workType: String, mark: String
        ) throws -> Side {
            let assignment = try writer.insert(
                TeachingAssignment(groupID: group, subjectID: subject, teacherID: teacher, hoursPerWeek: 4)
            ).id!
            try writer.insert(
                TimetableEntry(
                    assignmentID: assignment, weekday: weekday, lessonNumber: number, room: "21",
                    validFrom: LocalDate("2026-09-01")!, validTo: LocalDate("2027-05-26")!))
            let lesson = try writer.insert(
                Lesson(
                    assignmentID: assignment, date: LocalDate(day)!, number: number, room: "21", status: .held,
                    topic: "Повторение", taughtByID: teacher)
            ).id!
            let work = try writer.insert(
                Work(assignmentID: assignment, lessonID: lesson, workType: workType, date: LocalDate(day)!)
            ).id!
            let markID = try writer.insert(
                Mark(workID: work, studentID: student, value: mark, createdAt: clock.now)
            ).id!
            try writer.insert(Attendance(lessonID: lesson, studentID: student, code: "ОП"))
            return Side(
                student: student, subject: subject, assignment: assignment, lesson: lesson, work: work, mark: markID)
        }
        let own = try side(
            group5A, math, t1, s1, day: "2026-11-16", number: 2, weekday: 1, workType: "test", mark: "5")
        let other = try side(
            group6B, math, t2, s2, day: "2026-11-16", number: 3, weekday: 1, workType: "test", mark: "4")
        let classmates = try side(
            group5A, russian, t2, s1, day: "2026-11-17", number: 1, weekday: 2, workType: "dictation", mark: "4")
        let taughtElsewhere = try side(
            group6BInformatics, informatics, t1, s3, day: "2026-11-18", number: 5, weekday: 3, workType: "practical",
            mark: "5")
        try writer.insert(Mark(workID: other.work, studentID: s3, value: "2", createdAt: clock.now, enteredByID: t2))
        try writer.insert(Attendance(lessonID: other.lesson, studentID: s3, code: "Б"))
        let substitutedLesson = try writer.insert(
            Lesson(
                assignmentID: other.assignment, date: today, number: 4, room: "21", status: .scheduled,
                taughtByID: t1)
        ).id!
        try writer.insert(
            TimetableChange(
                lessonID: substitutedLesson, kind: .substitution, substituteID: t1, reason: "болезнь учителя",
                createdAt: clock.now))
        let substitutedWork = try writer.insert(
            Work(assignmentID: other.assignment, lessonID: substitutedLesson, workType: "answer", date: today)
        ).id!
        let othersMark = try writer.insert(
            Mark(workID: substitutedWork, studentID: s2, value: "4", createdAt: clock.now, enteredByID: t2)
        ).id!
        let substitutedOwnMark = try writer.insert(
            Mark(workID: substitutedWork, studentID: s2, value: "5", createdAt: clock.now, enteredByID: t1)
        ).id!
        let substituted = Side(
            student: s2, subject: other.subject, assignment: other.assignment, lesson: substitutedLesson,
            work: substitutedWork, mark: othersMark)

        func account(_ login: String, _ owner: AccountOwner, _ roles: [Role]) throws -> AccountID {
            let account = try writer.insert(
                Account(
                    login: login, passwordHash: passwordHash, mustChangePassword: false, owner: owner,
                    createdAt: clock.now))
            for role in roles { try writer.insert(AccountRole(accountID: account.id!, role: role)) }
            return account.id!
        }
        var accounts: [Role: AccountID] = [:]
        for (role, name, position) in [
            (Role.administrator, "Орлов", "системный администратор"), (.management, "Волкова", "директор"),
            (.secretary, "Зайцева", "секретарь"), (.medical, "Белова", "медицинская сестра"),
            (.psychologist, "Соколова", "педагог-психолог"), (.hr, "Лебедева", "специалист по кадрам"),
        ] {
            let person = try staff(name, "Ольга", position)
            accounts[role] = try account(logins[role]!, .staff(person), [role])
        }
        accounts[.teacher] = try account(logins[.teacher]!, .staff(t1), [.teacher])
        accounts[.student] = try account(logins[.student]!, .student(s1), [.student])
        accounts[.parent] = try account(logins[.parent]!, .representative(p1), [.parent])
        let t2Account = try account("sidorov.t2", .staff(t2), [.teacher])
        let s2Account = try account("smirnov.s2", .student(s2), [.student])
        let psychologist = try writer.reader.account(accounts[.psychologist]!)!.staffID!

        return AuthorizationSchool(
            service: service, clock: clock, fiveA: fiveA, sixB: sixB, t1: t1, t2: t2, psychologist: psychologist,
            p1: p1, own: own, other: other, classmates: classmates, substituted: substituted,
            substitutedOwnMark: substitutedOwnMark, taughtElsewhere: taughtElsewhere, accounts: accounts,
            t2Account: t2Account, s2Account: s2Account)
    }
}

/// The instant the service sees; tests move it forward.
final class TestClock: Sendable {
    private let instant: Mutex<Date>

    init(_ start: Date) { instant = Mutex(start) }

    var now: Date { instant.withLock { $0 } }

    func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

private let sharedSchool = Task { try await AuthorizationSchool.make() }
