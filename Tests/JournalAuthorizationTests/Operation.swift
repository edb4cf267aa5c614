import Hummingbird
import JournalAccess
import JournalModel
import JournalTestSupport

/// Which of the school's objects a case is about, seen from the signed-in person.
enum Target: String, Sendable, Hashable {
    /// S1's side: one's own diary, own child, own class and own group, the psychologist's caseload.
    case related
    /// S2's side: another child, another class, another teacher's group.
    case unrelated
    /// S1 in T2's Russian: the teacher's own class, but another teacher's group.
    case ownClassOtherGroup
    /// T2's lesson in 6Б that management arranged for T1 to give as a substitute: its record,
    /// attendance and work, and the mark T2 entered in it.
    case substituted
    /// The mark T1 entered in that lesson's work.
    case substitutedOwnMark
    /// S3 of 6Б, whom T1 teaches informatics outside their own class.
    case taughtElsewhere
    /// The signed-in person's own account.
    case ownAccount
    /// The school as a whole, for routes that are not about one object.
    case school
}

/// An object as decisions name it (`student 3`) and as `explain` takes it (`student:3`).
struct ObjectName: Sendable {
    var kind: AccessObject.Kind
    var id: Int64?

    static let school = ObjectName(kind: .school, id: nil)

    init(kind: AccessObject.Kind, id: Int64?) {
        self.kind = kind
        self.id = id
    }

    init<Entity>(_ kind: AccessObject.Kind, _ id: Identifier<Entity>) { self.init(kind: kind, id: id.rawValue) }

    var description: String { id.map { "\(kind.rawValue) \($0)" } ?? kind.rawValue }
    var reference: String { id.map { "\(kind.rawValue):\($0)" } ?? kind.rawValue }
}

/// One case's setting: the school, who is signed in, and what they reach for.
struct CaseContext: Sendable {
    var school: TestSchool
    var role: Role
    var target: Target

    /// The teaching side of the target: S1 in T1's mathematics, S2 in T2's, S1 in T2's Russian.
    var side: TestSchool.Side {
        switch target {
        case .unrelated: school.other
        case .ownClassOtherGroup: school.classmates
        case .substituted: school.substituted
        case .taughtElsewhere: school.taughtElsewhere
        case .substitutedOwnMark:
            TestSchool.Side(
                student: school.substituted.student, subject: school.substituted.subject,
                assignment: school.substituted.assignment, lesson: school.substituted.lesson,
                work: school.substituted.work, mark: school.substitutedOwnMark)
        case .related, .ownAccount, .school: school.own
        }
    }

    /// The account of the target: one's own, S1's (own child, own class, oneself) or S2's.
    var account: AccountID {
        switch target {
        case .ownAccount: school.account(Person(role))
        case .unrelated, .substituted, .substitutedOwnMark, .taughtElsewhere: school.account(.otherStudent)
        case .related, .ownClassOtherGroup, .school: school.account(.student)
        }
    }
}

/// An operation of the API that reads or writes school data, or a capability that no route
/// exercises yet and that only `explain` can show.
struct Operation: Sendable, CustomStringConvertible {
    /// `GET` and a path as the route table names it; nil method for a capability without a route.
    var method: HTTPRequest.Method?
    var path: String
    /// The capability the service checks; nil for routes about the signed-in person only.
    var capability: Capability?
    /// Whether an allowed request changes the school (such cases get a school of their own).
    var changesData: Bool
    /// The objects the matrix tries, in the order of each row's expectations.
    var targets: [Target]
    /// The concrete URI and JSON body for a case.
    var request: @Sendable (CaseContext) -> (uri: String, json: String?)
    /// The object the service decides on.
    var object: @Sendable (CaseContext) -> ObjectName
    /// The object to ask `explain` about, when `explain` cannot name the one decided on.
    var explained: (@Sendable (CaseContext) -> ObjectName)? = nil

    /// What `explain` is asked about.
    func explainedObject(_ context: CaseContext) -> ObjectName { (explained ?? object)(context) }

    var description: String { method.map { "\($0.rawValue) \(path)" } ?? path }
}

extension Operation {
    private static let aboutStudent: @Sendable (CaseContext) -> ObjectName = { ObjectName(.student, $0.side.student) }
    private static let aboutAssignment: @Sendable (CaseContext) -> ObjectName = {
        ObjectName(.assignment, $0.side.assignment)
    }
    private static let aboutLesson: @Sendable (CaseContext) -> ObjectName = { ObjectName(.lesson, $0.side.lesson) }
    private static let aboutMark: @Sendable (CaseContext) -> ObjectName = { ObjectName(.mark, $0.side.mark) }
    private static let aboutAccount: @Sendable (CaseContext) -> ObjectName = { ObjectName(.account, $0.account) }
    private static let aboutSchool: @Sendable (CaseContext) -> ObjectName = { _ in .school }
    private static let teaching: [Target] = [.related, .unrelated, .ownClassOtherGroup]

    /// A read of one student's diary data: `GET /api/v1/students/{studentID}/…`.
    private static func diary(_ suffix: String, _ capability: Capability) -> Operation {
        Operation(
            method: .get, path: "/api/v1/students/{studentID}/\(suffix)", capability: capability, changesData: false,
            targets: [.related, .unrelated],
            request: { ("/api/v1/students/\($0.side.student)/\(suffix)", nil) }, object: aboutStudent)
    }

    // MARK: The diary (R1–R7, R12–R14)

    static let diaryWeek = diary("diary", .diaryView)
    static let studentMarks = diary("marks", .marksView)
    static let studentMarkTargets = diary("marks/targets", .marksView)
    static let attestation = diary("attestation", .examsView)
    static let attendance = diary("attendance", .attendanceView)

    /// The same read of a student T1 teaches one subject outside their class.
    private func ofAStudentTaughtElsewhere() -> Operation {
        var operation = self
        operation.targets = [.taughtElsewhere]
        return operation
    }

    static let marksOfAStudentTaughtElsewhere = studentMarks.ofAStudentTaughtElsewhere()
    static let attendanceOfAStudentTaughtElsewhere = attendance.ofAStudentTaughtElsewhere()
    static let diaryOfAStudentTaughtElsewhere = diaryWeek.ofAStudentTaughtElsewhere()
    static let timetable = diary("timetable", .timetableView)

    static let explanation = Operation(
        method: .get, path: "/api/v1/students/{studentID}/subjects/{subjectID}/explanation",
        capability: .periodMarksView, changesData: false, targets: teaching,
        request: { ("/api/v1/students/\($0.side.student)/subjects/\($0.side.subject)/explanation", nil) },
        object: aboutStudent)

    static let periodMark = Operation(
        method: .put, path: "/api/v1/students/{studentID}/subjects/{subjectID}/period-mark",
        capability: .periodMarksSet, changesData: true, targets: teaching,
        request: {
            (
                "/api/v1/students/\($0.side.student)/subjects/\($0.side.subject)/period-mark",
                #"{"period": "q2", "value": "5", "reason": "итог четверти"}"#
            )
        }, object: aboutStudent)

    /// The history of one group's journal; the whole school's is ``historyOfSchool``.
    static let history = Operation(
        method: .get, path: "/api/v1/audit", capability: .auditView, changesData: false,
        targets: [.related, .unrelated],
        request: { ("/api/v1/audit?kind=mark&assignmentID=\($0.side.assignment)", nil) }, object: aboutAssignment)

    static let recordExamResult = Operation(
        method: .post, path: "/api/v1/exam-results", capability: .examsEdit, changesData: true,
        targets: [.related, .unrelated],
        request: {
            (
                "/api/v1/exam-results",
                #"{"studentID": \#($0.side.student), "subjectID": \#($0.side.subject), "exam": "Экзамен школы", "examDate": "2026-11-20", "mark": "5", "protocolNumber": "1", "protocolDate": "2026-11-20"}"#
            )
        }, object: { ObjectName(.student, $0.side.student) })

    static let importExamProtocol = Operation(
        method: .post, path: "/api/v1/exam-results/protocol", capability: .examsEdit, changesData: true,
        targets: [.school],
        request: { _ in
            ("/api/v1/exam-results/protocol", "student,class,subject,exam,date,score,mark,protocol,protocol_date\n")
        }, object: { _ in .school })

    static let finalMark = Operation(
        method: .get, path: "/api/v1/students/{studentID}/subjects/{subjectID}/final-mark", capability: .examsView,
        changesData: false, targets: [.related, .unrelated, .ownClassOtherGroup],
        request: { ("/api/v1/students/\($0.side.student)/subjects/\($0.side.subject)/final-mark", nil) },
        object: { ObjectName(.student, $0.side.student) })

    static let setFinalMark = Operation(
        method: .put, path: "/api/v1/students/{studentID}/subjects/{subjectID}/final-mark", capability: .examsEdit,
        changesData: true, targets: [.related, .unrelated, .ownClassOtherGroup],
        request: {
            (
                "/api/v1/students/\($0.side.student)/subjects/\($0.side.subject)/final-mark",
                #"{"value": "5", "reason": "итог"}"#
            )
        }, object: { ObjectName(.student, $0.side.student) })

    static let periodReopenings = Operation(
        method: .get, path: "/api/v1/period-reopenings", capability: .periodMarksView, changesData: false,
        targets: [.school], request: { _ in ("/api/v1/period-reopenings", nil) }, object: aboutSchool)

    static let reopenPeriod = Operation(
        method: .post, path: "/api/v1/period-reopenings", capability: .periodReopen, changesData: true,
        targets: [.school],
        request: { _ in
            ("/api/v1/period-reopenings", #"{"period": "q1", "until": "2026-11-27", "reason": "ошибка в отметках"}"#)
        }, object: aboutSchool)

    // MARK: The journal

    static let myAssignments = Operation(
        method: .get, path: "/api/v1/me/assignments", capability: nil, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/me/assignments", nil) }, object: aboutSchool)

    static let journalGrid = Operation(
        method: .get, path: "/api/v1/assignments/{assignmentID}/journal", capability: .journalView,
        changesData: false, targets: teaching,
        request: { ("/api/v1/assignments/\($0.side.assignment)/journal", nil) }, object: aboutAssignment)

    static let createWork = Operation(
        method: .post, path: "/api/v1/assignments/{assignmentID}/works", capability: .marksEdit, changesData: true,
        targets: teaching,
        request: {
            (
                "/api/v1/assignments/\($0.side.assignment)/works",
                #"{"workType": "answer", "title": "Устный опрос", "date": "2026-11-20"}"#
            )
        }, object: aboutAssignment)

    static let postMark = Operation(
        method: .post, path: "/api/v1/marks", capability: .marksEdit, changesData: true, targets: teaching,
        request: {
            (
                "/api/v1/marks",
                #"{"workID": \#($0.side.work), "studentID": \#($0.side.student), "value": "4", "isDebt": false}"#
            )
        }, object: { _ in ObjectName(kind: .mark, id: nil) },
        // A mark not yet entered has no id: explain names its work, the same assignment and lesson.
        explained: { ObjectName(.work, $0.side.work) })

    static let changeMark = Operation(
        method: .patch, path: "/api/v1/marks/{markID}", capability: .marksEdit, changesData: true, targets: teaching,
        request: { ("/api/v1/marks/\($0.side.mark)", #"{"version": 1, "value": "3", "reason": "пересдача"}"#) },
        object: aboutMark)

    static let deleteMark = Operation(
        method: .delete, path: "/api/v1/marks/{markID}", capability: .marksEdit, changesData: true, targets: teaching,
        request: { ("/api/v1/marks/\($0.side.mark)?version=1&reason=mistake", nil) }, object: aboutMark)

    static let recordLesson = Operation(
        method: .patch, path: "/api/v1/lessons/{lessonID}", capability: .lessonsEdit, changesData: true,
        targets: teaching,
        request: { ("/api/v1/lessons/\($0.side.lesson)", #"{"version": 1, "topic": "Дроби", "homework": "№ 12"}"#) },
        object: aboutLesson)

    static let setAttendance = Operation(
        method: .put, path: "/api/v1/lessons/{lessonID}/attendance/{studentID}", capability: .attendanceEdit,
        changesData: true, targets: teaching,
        request: { ("/api/v1/lessons/\($0.side.lesson)/attendance/\($0.side.student)", #"{"code": "Н"}"#) },
        object: aboutLesson)

    static let setHomework = Operation(
        method: .put, path: "/api/v1/lessons/{lessonID}/homework/{studentID}", capability: .lessonsEdit,
        changesData: true, targets: teaching,
        request: {
            ("/api/v1/lessons/\($0.side.lesson)/homework/\($0.side.student)", #"{"text": "Повторить правило"}"#)
        }, object: aboutLesson)

    static let recordSubstitution = Operation(
        method: .post, path: "/api/v1/lessons/{lessonID}/substitution", capability: .substitutionsRecord,
        changesData: true, targets: teaching,
        request: { ("/api/v1/lessons/\($0.side.lesson)/substitution", #"{"reason": "болезнь учителя"}"#) },
        object: aboutLesson)

    static let cancelLesson = Operation(
        method: .post, path: "/api/v1/lessons/{lessonID}/cancellation", capability: .timetableEdit,
        changesData: true, targets: teaching,
        request: { ("/api/v1/lessons/\($0.side.lesson)/cancellation", #"{"reason": "болезнь учителя"}"#) },
        object: aboutLesson)

    static let moveLesson = Operation(
        method: .post, path: "/api/v1/lessons/{lessonID}/move", capability: .timetableEdit, changesData: true,
        targets: teaching,
        request: {
            ("/api/v1/lessons/\($0.side.lesson)/move", #"{"date": "2026-11-27", "number": 7, "reason": "перенос"}"#)
        }, object: aboutLesson)

    /// Merging a group into another's lesson makes that lesson's teacher a substitute, so it
    /// takes the right to arrange substitutions beside timetable.edit.
    static let mergeLesson = Operation(
        method: .post, path: "/api/v1/lessons/{lessonID}/merge", capability: .substitutionsRecord,
        changesData: true, targets: teaching,
        request: {
            (
                "/api/v1/lessons/\($0.side.lesson)/merge",
                #"{"hostLessonID": \#($0.school.own.lesson), "reason": "учитель на курсах"}"#
            )
        }, object: aboutLesson)

    static let changeRoom = Operation(
        method: .put, path: "/api/v1/lessons/{lessonID}/room", capability: .timetableEdit, changesData: true,
        targets: teaching, request: { ("/api/v1/lessons/\($0.side.lesson)/room", #"{"room": "Актовый зал"}"#) },
        object: aboutLesson)

    // MARK: A lesson given as a substitute (R15)

    /// The same operation on the lesson T1 substitutes (and, for marks, on T1's own mark there).
    private func onSubstitutedLesson(_ targets: [Target] = [.substituted]) -> Operation {
        var operation = self
        operation.targets = targets
        return operation
    }

    static let substituteRecordsLesson = recordLesson.onSubstitutedLesson()
    static let substituteSetsAttendance = setAttendance.onSubstitutedLesson()
    static let substituteSetsHomework = setHomework.onSubstitutedLesson()
    static let substitutePostsMark = postMark.onSubstitutedLesson()
    static let substituteChangesMark = changeMark.onSubstitutedLesson([.substituted, .substitutedOwnMark])
    static let substituteDeletesMark = deleteMark.onSubstitutedLesson([.substituted, .substitutedOwnMark])
    static let substituteOpensGrid = journalGrid.onSubstitutedLesson()

    /// A work in the lesson given as a substitute.
    static let substituteCreatesWork = Operation(
        method: .post, path: "/api/v1/assignments/{assignmentID}/works", capability: .marksEdit, changesData: true,
        targets: [.substituted],
        request: {
            (
                "/api/v1/assignments/\($0.side.assignment)/works",
                #"{"workType": "answer", "title": "Устный опрос", "lessonID": \#($0.side.lesson)}"#
            )
        }, object: { _ in ObjectName(kind: .work, id: nil) }, explained: { ObjectName(.work, $0.side.work) })

    // MARK: Administration (R20, R22–R24)

    static let users = Operation(
        method: .get, path: "/api/v1/users", capability: .usersView, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/users", nil) }, object: aboutSchool)

    static let user = Operation(
        method: .get, path: "/api/v1/users/{accountID}", capability: .usersView, changesData: false,
        targets: [.ownAccount, .unrelated], request: { ("/api/v1/users/\($0.account)", nil) }, object: aboutSchool)

    static let setRoles = Operation(
        method: .put, path: "/api/v1/users/{accountID}/roles", capability: .rolesGrant, changesData: true,
        targets: [.ownAccount, .related, .unrelated],
        request: { ("/api/v1/users/\($0.account)/roles", #"{"roles": ["administrator"]}"#) }, object: aboutAccount)

    static let resetPassword = Operation(
        method: .post, path: "/api/v1/users/{accountID}/password-reset", capability: .passwordsReset,
        changesData: true, targets: [.ownAccount, .related, .unrelated],
        request: { ("/api/v1/users/\($0.account)/password-reset", nil) }, object: aboutAccount)

    static let rights = Operation(
        method: .get, path: "/api/v1/rights", capability: .rightsExtend, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/rights", nil) }, object: aboutSchool)

    static let extendRights = Operation(
        method: .post, path: "/api/v1/rights", capability: .rightsExtend, changesData: true, targets: [.school],
        request: {
            (
                "/api/v1/rights",
                #"{"accountID": \#($0.school.account(Person($0.role))), "capability": "roles.grant", "scope": "school", "effect": "allow"}"#
            )
        }, object: aboutSchool)

    static let withdrawRights = Operation(
        method: .delete, path: "/api/v1/rights/{extensionID}", capability: .rightsExtend, changesData: true,
        targets: [.school], request: { ("/api/v1/rights/\($0.school.rightsExtension)", nil) }, object: aboutSchool)

    static let explainAccess = Operation(
        method: .get, path: "/api/v1/access/explain", capability: .accessExplain, changesData: false,
        targets: [.school],
        request: {
            (
                "/api/v1/access/explain?account=\($0.school.account(.student))&capability=diary.view"
                    + "&object=student:\($0.school.own.student)", nil
            )
        }, object: aboutSchool)

    static let generateAccounts = Operation(
        method: .post, path: "/api/v1/accounts/generate", capability: .usersManage, changesData: true,
        targets: [.school], request: { _ in ("/api/v1/accounts/generate", #"{"kind": "student", "className": "5А"}"#) },
        object: aboutSchool)

    static let setCaseload = Operation(
        method: .put, path: "/api/v1/staff/{staffID}/caseload", capability: .usersManage, changesData: true,
        targets: [.school],
        request: {
            (
                "/api/v1/staff/\($0.school.psychologist)/caseload",
                #"{"students": [\#($0.school.own.student), \#($0.school.other.student)]}"#
            )
        }, object: { ObjectName(.staff, $0.school.psychologist) })

    static let profile = Operation(
        method: .get, path: "/api/v1/me", capability: nil, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/me", nil) }, object: aboutSchool)

    // MARK: Specialists' data, which no route serves yet: decided through `explain`

    private static func decision(_ capability: Capability) -> Operation {
        Operation(
            method: nil, path: "decision \(capability.rawValue) on a student", capability: capability,
            changesData: false, targets: [.related, .unrelated], request: { _ in ("", nil) }, object: aboutStudent)
    }

    static let healthView = decision(.healthView)
    static let healthEdit = decision(.healthEdit)
    static let psychologyView = decision(.psychologyView)
    static let psychologyEdit = decision(.psychologyEdit)

    /// HR records of T1 (the teacher's own) and of T2.
    static let hrView = Operation(
        method: nil, path: "decision hr.view on a member of staff", capability: .hrView, changesData: false,
        targets: [.related, .unrelated], request: { _ in ("", nil) },
        object: { ObjectName(.staff, $0.target == .related ? $0.school.t1 : $0.school.t2) })
}
