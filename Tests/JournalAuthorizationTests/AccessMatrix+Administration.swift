import JournalAccess
import JournalModel

extension AccessMatrix {
    // MARK: Administration: the administrator issues accounts and rights (R20, R22–R24)

    /// Only the administrator; everyone else is refused on every target.
    static func administratorOnly(_ operation: Operation) -> MatrixRow {
        let all = Array(repeating: Expected.allowed(by: .school), count: operation.targets.count)
        let none = Array(repeating: Expected.refused, count: operation.targets.count)
        return MatrixRow(
            operation,
            [
                .administrator: all, .management: none, .teacher: none, .student: none, .parent: none,
                .secretary: none, .medical: none, .psychologist: none, .hr: none,
            ])
    }

    static let administration: [MatrixRow] = [
        MatrixRow(
            .users,
            [
                .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)], .teacher: [.refused],
                .student: [.refused], .parent: [.refused], .secretary: [.allowed(by: .school)], .medical: [.refused],
                .psychologist: [.refused], .hr: [.refused],
            ]),
        MatrixRow(
            .user,
            [
                .administrator: [.allowed(by: .school), .allowed(by: .school)],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.refused, .refused],
                .student: [.refused, .refused],
                .parent: [.refused, .refused],
                .secretary: [.allowed(by: .school), .allowed(by: .school)],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        // R22: only the administrator gives roles, to others or to themselves.
        administratorOnly(.setRoles),
        // R20: the administrator issues passwords; the class teacher re-issues them for their class.
        MatrixRow(
            .resetPassword,
            [
                .administrator: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                .management: [.refused, .refused, .refused],
                .teacher: [.refused, .allowed(by: .ownClass), .refused],
                .student: [.refused, .refused, .refused],
                .parent: [.refused, .refused, .refused],
                .secretary: [.refused, .refused, .refused],
                .medical: [.refused, .refused, .refused],
                .psychologist: [.refused, .refused, .refused],
                .hr: [.refused, .refused, .refused],
            ]),
        // R24: only the administrator extends rights.
        administratorOnly(.rights),
        administratorOnly(.extendRights),
        administratorOnly(.withdrawRights),
        MatrixRow(
            .explainAccess,
            [
                .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)], .teacher: [.refused],
                .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                .psychologist: [.refused], .hr: [.refused],
            ]),
        administratorOnly(.generateAccounts),
        administratorOnly(.setCaseload),
        MatrixRow(
            .profile,
            [
                .administrator: [.allowed(by: nil)], .management: [.allowed(by: nil)], .teacher: [.allowed(by: nil)],
                .student: [.allowed(by: nil)], .parent: [.allowed(by: nil)], .secretary: [.allowed(by: nil)],
                .medical: [.allowed(by: nil)], .psychologist: [.allowed(by: nil)], .hr: [.allowed(by: nil)],
            ]),
    ]

    // MARK: Specialists' data: health for the medical worker, psychology for the caseload, HR

    /// Health records: the medical worker's; the administrator is denied explicitly.
    static func medicalOnly(_ operation: Operation) -> MatrixRow {
        MatrixRow(
            operation,
            [
                .administrator: [.deniedBy(.school), .deniedBy(.school)],
                .management: [.refused, .refused],
                .teacher: [.refused, .refused],
                .student: [.refused, .refused],
                .parent: [.refused, .refused],
                .secretary: [.refused, .refused],
                .medical: [.allowed(by: .school), .allowed(by: .school)],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ])
    }

    /// Psychology records: the psychologist's, of the students in their caseload only.
    static func caseloadOnly(_ operation: Operation) -> MatrixRow {
        MatrixRow(
            operation,
            [
                .administrator: [.deniedBy(.school), .deniedBy(.school)],
                .management: [.refused, .refused],
                .teacher: [.refused, .refused],
                .student: [.refused, .refused],
                .parent: [.refused, .refused],
                .secretary: [.refused, .refused],
                .medical: [.refused, .refused],
                .psychologist: [.allowedWhen(.school), .refused],
                .hr: [.refused, .refused],
            ])
    }

    static let specialists: [MatrixRow] = [
        medicalOnly(.healthView),
        medicalOnly(.healthEdit),
        caseloadOnly(.psychologyView),
        caseloadOnly(.psychologyEdit),
        MatrixRow(
            .hrView,
            [
                .administrator: [.refused, .refused],
                .management: [.refused, .refused],
                .teacher: [.allowed(by: .`self`), .refused],
                .student: [.refused, .refused],
                .parent: [.refused, .refused],
                .secretary: [.refused, .refused],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.allowed(by: .school), .allowed(by: .school)],
            ]),
    ]
}
