import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension Operation {
    /// The log of special-category reads: the administrator's.
    static let specialReads = Operation(
        method: .get, path: "/api/v1/special-reads", capability: .specialReadsView, changesData: false,
        targets: [.school], request: { _ in ("/api/v1/special-reads", nil) }, object: { _ in .school })

    /// An emergency access to a student's health data: staff who may see the student and hold
    /// no denial of the data.
    static let emergencyAccess = Operation(
        method: .post, path: "/api/v1/students/{studentID}/emergency-access", capability: .studentsView,
        changesData: true, targets: [.related, .unrelated],
        request: {
            (
                "/api/v1/students/\($0.side.student)/emergency-access",
                #"{"domain": "health", "reason": "Приступ на уроке физкультуры"}"#
            )
        }, object: { ObjectName(.student, $0.side.student) })

    /// Everything the school holds about a child, for their legal representative.
    static let subjectAccess = Operation(
        method: .get, path: "/api/v1/students/{studentID}/subject-access", capability: .subjectAccessRequest,
        changesData: false, targets: [.related, .unrelated],
        request: { ("/api/v1/students/\($0.side.student)/subject-access", nil) },
        object: { ObjectName(.student, $0.side.student) })
}

extension AccessMatrix {
    // MARK: Special-category data (issue 16)

    static let specialData: [MatrixRow] = [
        MatrixRow(
            .specialReads,
            [
                .administrator: [.allowed(by: .school)], .management: [.refused], .teacher: [.refused],
                .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                .psychologist: [.refused], .hr: [.refused],
            ]),
        // Whoever may see the student may open one; the medical worker, who needs none, is told
        // so (422); the administrator's denial of health holds in an emergency too.
        MatrixRow(
            .emergencyAccess,
            [
                .administrator: [.deniedWith(.healthView, .school), .deniedWith(.healthView, .school)],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused],
                .student: [.refused, .refused],
                .parent: [.refused, .refused],
                .secretary: [.allowed(by: .school), .allowed(by: .school)],
                .medical: [.allowed(by: .school), .allowed(by: .school)],
                .psychologist: [.allowed(by: .school), .allowed(by: .school)],
                .hr: [.refused, .refused],
            ]),
        MatrixRow(
            .subjectAccess,
            [
                .administrator: [.deniedBy(.school), .deniedBy(.school)],
                .management: [.refused, .refused],
                .teacher: [.refused, .refused],
                .student: [.refused, .refused],
                .parent: [.allowed(by: .ownChildren), .refused],
                .secretary: [.refused, .refused],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
    ]
}
