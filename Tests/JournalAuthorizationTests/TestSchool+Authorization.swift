import JournalModel
import JournalService
import JournalTestSupport

/// The school of the authorization tests: every part, and an account for everyone.
///
/// 5А has class teacher T1 (Петрова) and 6Б class teacher T2 (Сидоров). T1 teaches mathematics
/// to 5А and informatics to a subgroup of 6Б (S3, Кузнецов); T2 teaches mathematics to 6Б and
/// Russian to 5А. S1 (Иванова Анна) is in 5А, S2 (Морозов) and S3 in 6Б; P1 is the parent of S1
/// only. Each side of the school has a lesson, a work and a mark; management arranged for T1 to
/// substitute one lesson of T2's 6Б mathematics. The psychologist has S1 in their caseload.
extension TestSchool {
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

    /// Builds the school with its clock at ``TestSchool/noon`` and signs the holders of
    /// `roles` in over HTTP.
    static func makeForAuthorization(
        clock: TestClock = TestClock(), signingIn roles: [Role] = Role.allCases,
        sessionPolicy: SessionPolicy = .default, signInLimits: SignInLimits = .default
    ) async throws -> TestSchool {
        let school = try await make(
            .all, accounts: Set(Person.allCases), signingIn: roles.map(Person.init), clock: clock,
            sessionPolicy: sessionPolicy, signInLimits: signInLimits)
        // Two weekly sheets to hand over: number 1 of 5А's first student, number 2 of 6Б's.
        for student in [school.students[0], school.sixBStudents[0]] {
            _ = try await school.service.weeklySheet(
                student: student.id!, week: LocalDate("2026-11-16")!, caller: .system("test"))
        }
        try await school.addAuthorizationSurveys()
        try await school.addAuthorizationPlugins()
        try await school.addAuthorizationPsychology()
        try await school.addAuthorizationPersonalFiles()
        return school
    }

    /// One school for the cases that change nothing, built once for the whole run.
    static var shared: TestSchool {
        get async throws { try await sharedSchool.value }
    }

    /// T1, Петрова.
    var t1: StaffID { staff(.teacher).id! }
    /// T2, Сидоров.
    var t2: StaffID { staff(.otherTeacher).id! }
    var psychologist: StaffID { staff(.psychologist).id! }

    /// S1 in T1's mathematics in 5А.
    var own: Side { side(mathematics, students[0]) }
    /// S2 in T2's mathematics in 6Б.
    var other: Side { side(sixBMathematics, sixBStudents[0]) }
    /// S1 in T2's Russian in 5А: T1's class, another teacher's group.
    var classmates: Side { side(russian, students[0]) }
    /// S2 in today's lesson of T2's mathematics in 6Б that T1 gives as a substitute. Its work
    /// holds the mark T2 entered (`mark`) and the one T1 entered (``substitutedOwnMark``).
    var substituted: Side {
        Side(
            student: sixBStudents[0].id!, subject: sixBMathematics.subject.id!,
            assignment: sixBMathematics.assignment.id!, lesson: substitution.lesson.id!,
            work: substitution.work.id!, mark: substitution.othersMark.id!)
    }
    var substitutedOwnMark: MarkID { substitution.ownMark.id! }
    /// S3 of 6Б in T1's informatics subgroup: a student T1 teaches outside their own class. S3
    /// also learns T2's mathematics with 6Б, with a mark and an absence there.
    var taughtElsewhere: Side { side(informatics, sixBStudents[1]) }

    private func side(_ teaching: Teaching, _ student: Student) -> Side {
        Side(
            student: student.id!, subject: teaching.subject.id!, assignment: teaching.assignment.id!,
            lesson: teaching.lesson.id!, work: teaching.work.id!, mark: mark(of: student, in: teaching.work).id!)
    }
}

private let sharedSchool = Task { try await TestSchool.makeForAuthorization() }
