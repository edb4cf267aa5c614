import JournalAccess
import JournalModel
import Testing

/// What the school expects of one request.
enum Expected: Sendable, Hashable, CustomStringConvertible {
    /// Allowed (2xx, or a 4xx about the input, never 401 or 403). The grant of the person's
    /// role in this scope decided; nil for routes about the signed-in person only.
    case allowed(by: Scope?)
    /// Allowed by the role's grant in this scope under its Lua condition.
    case allowedWhen(Scope)
    /// Allowed by a rights extension of the role (the school's own addition to its rules) in this scope.
    case extended(Scope)
    /// 403: no grant of the capability covers the object.
    case refused
    /// 403: the role's explicit denial in this scope decided, whatever the grants.
    case deniedBy(Scope)
    /// 403: the role's explicit denial of another capability the operation needs, in this
    /// scope (the administrator's denial of health data, for an emergency access to it).
    case deniedWith(Capability, Scope)

    var description: String {
        switch self {
        case .allowed(let scope?): "allowed by \(scope.rawValue)"
        case .allowed(nil): "allowed"
        case .allowedWhen(let scope): "allowed by \(scope.rawValue) under a condition"
        case .extended(let scope): "allowed by an extension in \(scope.rawValue)"
        case .refused: "refused"
        case .deniedBy(let scope): "denied by \(scope.rawValue)"
        case .deniedWith(let capability, let scope): "denied \(capability.rawValue) by \(scope.rawValue)"
        }
    }

    var isAllowed: Bool {
        switch self {
        case .allowed, .allowedWhen, .extended: true
        case .refused, .deniedBy, .deniedWith: false
        }
    }
}

/// One cell of the matrix: a person of one role asks for one operation on one object.
struct MatrixCase: Sendable, CustomTestStringConvertible {
    var operation: Operation
    var role: Role
    var target: Target
    var expected: Expected

    var testDescription: String { "\(role.rawValue) → \(operation) on \(target.rawValue): \(expected)" }
}

/// One operation, and for each of the nine roles what the school expects on each of the
/// operation's targets, in order.
struct MatrixRow {
    var operation: Operation
    var expected: KeyValuePairs<Role, [Expected]>

    init(_ operation: Operation, _ expected: KeyValuePairs<Role, [Expected]>) {
        self.operation = operation
        self.expected = expected
    }

    var cases: [MatrixCase] {
        expected.flatMap { role, outcomes in
            zip(operation.targets, outcomes).map { target, expected in
                MatrixCase(operation: operation, role: role, target: target, expected: expected)
            }
        }
    }
}

/// The authorization matrix (R21–R24): every operation on school data × the nine roles × a
/// related and an unrelated object, as a Russian school expects it and `rules/roles.lua`
/// writes it. Targets are in the operation's order: students (related, unrelated), teaching
/// (related, unrelated, own class but another teacher's group), accounts (own, [related,]
/// unrelated), or the school.
enum AccessMatrix {
    static let rows: [MatrixRow] =
        diary + subjectTeacher + journal + substitution + closedPeriods + administration + specialists + exports
        + weeklyTimetable + compliance + delivery + printouts + calendarFeeds + surveys + plugins + psychology
        + personnel + health + secretary + specialData

    static let cases: [MatrixCase] = rows.flatMap(\.cases)

    // MARK: The diary: the student, their parents, the class teacher and management (R1–R7, R12–R14)

    static let diary: [MatrixRow] = [
        MatrixRow(
            .diaryWeek,
            [
                .administrator: [.refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused],
                .student: [.allowed(by: .`self`), .refused],
                .parent: [.allowed(by: .ownChildren), .refused],
                .secretary: [.refused, .refused],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        MatrixRow(
            .studentMarks,
            [
                .administrator: [.refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused],
                .student: [.allowed(by: .`self`), .refused],
                .parent: [.allowed(by: .ownChildren), .refused],
                .secretary: [.refused, .refused],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        MatrixRow(
            .studentMarkTargets,
            [
                .administrator: [.refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused],
                .student: [.allowed(by: .`self`), .refused],
                .parent: [.allowed(by: .ownChildren), .refused],
                .secretary: [.refused, .refused],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        MatrixRow(
            .attestation,
            [
                .administrator: [.refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused],
                .student: [.allowed(by: .`self`), .refused],
                .parent: [.allowed(by: .ownChildren), .refused],
                .secretary: [.refused, .refused],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        // The medical worker follows absences through illness across the school.
        MatrixRow(
            .attendance,
            [
                .administrator: [.refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused],
                .student: [.allowed(by: .`self`), .refused],
                .parent: [.allowed(by: .ownChildren), .refused],
                .secretary: [.refused, .refused],
                .medical: [.allowed(by: .school), .allowed(by: .school)],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        // Staff who plan the school's day see every timetable; families only their own.
        MatrixRow(
            .timetable,
            [
                .administrator: [.allowed(by: .school), .allowed(by: .school)],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .school), .allowed(by: .school)],
                .student: [.allowed(by: .`self`), .refused],
                .parent: [.allowed(by: .ownChildren), .refused],
                .secretary: [.allowed(by: .school), .allowed(by: .school)],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        // The class teacher follows every subject of their class; a subject teacher only theirs.
        MatrixRow(
            .explanation,
            [
                .administrator: [.refused, .refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused, .allowed(by: .ownClass)],
                .student: [.allowed(by: .`self`), .refused, .allowed(by: .`self`)],
                .parent: [.allowed(by: .ownChildren), .refused, .allowed(by: .ownChildren)],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
        // Period marks are set by the teacher of the subject, not by the class teacher.
        MatrixRow(
            .periodMark,
            [
                .administrator: [.refused, .refused, .refused],
                .management: [.refused, .refused, .refused],
                .teacher: [.allowed(by: .ownGroups), .refused, .refused],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
    ]

    // MARK: Closed periods: management reopens them with a reason, and sees the reopenings

    static let closedPeriods: [MatrixRow] = [
        // Exam results and final marks are the management's; families and class teachers read them.
        MatrixRow(
            .recordExamResult,
            [
                .administrator: [.refused, .refused], .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.refused, .refused], .student: [.refused, .refused], .parent: [.refused, .refused],
                .secretary: [.refused, .refused], .medical: [.refused, .refused], .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        MatrixRow(
            .importExamProtocol,
            [
                .administrator: [.refused], .management: [.allowed(by: .school)], .teacher: [.refused],
                .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                .psychologist: [.refused], .hr: [.refused],
            ]),
        MatrixRow(
            .finalMark,
            [
                .administrator: [.refused, .refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused, .allowed(by: .ownClass)],
                .student: [.allowed(by: .`self`), .refused, .allowed(by: .`self`)],
                .parent: [.allowed(by: .ownChildren), .refused, .allowed(by: .ownChildren)],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
        MatrixRow(
            .setFinalMark,
            [
                .administrator: [.refused, .refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .teacher: [.refused, .refused, .refused],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
        // The history: the whole school's for management and the administrator, a teacher's
        // own groups' for a teacher.
        MatrixRow(
            .history,
            [
                .administrator: [.allowed(by: .school), .allowed(by: .school)],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownGroups), .refused], .student: [.refused, .refused],
                .parent: [.refused, .refused], .secretary: [.refused, .refused], .medical: [.refused, .refused],
                .psychologist: [.refused, .refused], .hr: [.refused, .refused],
            ]),
        MatrixRow(
            .periodReopenings,
            [
                .administrator: [.refused], .management: [.allowed(by: .school)], .teacher: [.refused],
                .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                .psychologist: [.refused], .hr: [.refused],
            ]),
        MatrixRow(
            .reopenPeriod,
            [
                .administrator: [.refused], .management: [.allowed(by: .school)], .teacher: [.refused],
                .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                .psychologist: [.refused], .hr: [.refused],
            ]),
    ]

    // MARK: The journal: the teacher in their groups, the class teacher reads, management reads

    /// Only the teacher of the group writes its journal; nobody else, management included.
    static func teacherWritesOwnGroup(_ operation: Operation) -> MatrixRow {
        MatrixRow(
            operation,
            [
                .administrator: [.refused, .refused, .refused],
                .management: [.refused, .refused, .refused],
                .teacher: [.allowed(by: .ownGroups), .refused, .refused],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ])
    }

    static let journal: [MatrixRow] = [
        MatrixRow(
            .myAssignments,
            [
                .administrator: [.allowed(by: nil)], .management: [.allowed(by: nil)], .teacher: [.allowed(by: nil)],
                .student: [.allowed(by: nil)], .parent: [.allowed(by: nil)], .secretary: [.allowed(by: nil)],
                .medical: [.allowed(by: nil)], .psychologist: [.allowed(by: nil)], .hr: [.allowed(by: nil)],
            ]),
        // The journal is the staff's side (I.3, I.5): families read the diary, not the class's grid.
        MatrixRow(
            .journalGrid,
            [
                .administrator: [.refused, .refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused, .allowed(by: .ownClass)],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
        teacherWritesOwnGroup(.createWork),
        teacherWritesOwnGroup(.postMark),
        teacherWritesOwnGroup(.changeMark),
        teacherWritesOwnGroup(.deleteMark),
        teacherWritesOwnGroup(.recordLesson),
        teacherWritesOwnGroup(.setAttendance),
        teacherWritesOwnGroup(.setHomework),
        // Management arranges substitutions (R15); no teacher makes themselves a substitute.
        MatrixRow(
            .recordSubstitution,
            [
                .administrator: [.refused, .refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .teacher: [.refused, .refused, .refused],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
        // The day's timetable is changed by those who keep the timetable.
        MatrixRow(
            .cancelLesson,
            [
                .administrator: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .teacher: [.refused, .refused, .refused],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
        MatrixRow(
            .moveLesson,
            [
                .administrator: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .teacher: [.refused, .refused, .refused],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
        MatrixRow(
            .changeRoom,
            [
                .administrator: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .teacher: [.refused, .refused, .refused],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
    ]

    // MARK: A subject teacher reads their own subject's marks and their lessons' attendance

    /// T1 is allowed to read S3's marks and attendance, but the answer holds informatics only
    /// (`SubjectTeacherTests` checks the content); S3's diary is their class teacher's.
    static let subjectTeacher: [MatrixRow] = [
        MatrixRow(
            .marksOfAStudentTaughtElsewhere,
            [
                .administrator: [.refused], .management: [.allowed(by: .school)],
                .teacher: [.allowed(by: .ownGroups)], .student: [.refused], .parent: [.refused],
                .secretary: [.refused], .medical: [.refused], .psychologist: [.refused], .hr: [.refused],
            ]),
        MatrixRow(
            .attendanceOfAStudentTaughtElsewhere,
            [
                .administrator: [.refused], .management: [.allowed(by: .school)],
                .teacher: [.allowed(by: .ownGroups)], .student: [.refused], .parent: [.refused],
                .secretary: [.refused], .medical: [.allowed(by: .school)], .psychologist: [.refused],
                .hr: [.refused],
            ]),
        MatrixRow(
            .diaryOfAStudentTaughtElsewhere,
            [
                .administrator: [.refused], .management: [.allowed(by: .school)], .teacher: [.refused],
                .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                .psychologist: [.refused], .hr: [.refused],
            ]),
    ]

    // MARK: A lesson given as a substitute (R15): that lesson's own entries, nothing else

    static let substitution: [MatrixRow] =
        [
            Operation.substituteRecordsLesson, .substituteSetsAttendance, .substituteSetsHomework,
            .substitutePostsMark, .substituteCreatesWork,
        ].map { operation in
            MatrixRow(operation, substitutedLessonWrite(by: .substitute))
        } + [
            // The mark T2 entered stays T2's; T1 changes the one they entered.
            MatrixRow(
                .substituteChangesMark,
                [
                    .administrator: [.refused, .refused], .management: [.refused, .refused],
                    .teacher: [.refused, .allowed(by: .substitute)], .student: [.refused, .refused],
                    .parent: [.refused, .refused], .secretary: [.refused, .refused], .medical: [.refused, .refused],
                    .psychologist: [.refused, .refused], .hr: [.refused, .refused],
                ]),
            MatrixRow(
                .substituteDeletesMark,
                [
                    .administrator: [.refused, .refused], .management: [.refused, .refused],
                    .teacher: [.refused, .allowed(by: .substitute)], .student: [.refused, .refused],
                    .parent: [.refused, .refused], .secretary: [.refused, .refused], .medical: [.refused, .refused],
                    .psychologist: [.refused, .refused], .hr: [.refused, .refused],
                ]),
            // The group's journal stays its teacher's.
            MatrixRow(
                .substituteOpensGrid,
                [
                    .administrator: [.refused], .management: [.allowed(by: .school)], .teacher: [.refused],
                    .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                    .psychologist: [.refused], .hr: [.refused],
                ]),
        ]

    /// A write into the substituted lesson: only its substitute, by the substitute scope.
    private static func substitutedLessonWrite(by scope: Scope) -> KeyValuePairs<Role, [Expected]> {
        [
            .administrator: [.refused], .management: [.refused], .teacher: [.allowed(by: scope)],
            .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
            .psychologist: [.refused], .hr: [.refused],
        ]
    }
}
