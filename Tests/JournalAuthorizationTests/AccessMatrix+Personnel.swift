import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension Operation {
    /// T1's file for the related target (the teacher's own), T2's for the other.
    private static let aboutStaff: @Sendable (CaseContext) -> ObjectName = {
        ObjectName(.staff, $0.target == .unrelated ? $0.school.t2 : $0.school.t1)
    }

    private static func staffFile(
        _ method: HTTPRequest.Method, _ suffix: String, _ capability: Capability, json: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: "/api/v1/staff/{staffID}/personnel\(suffix)", capability: capability,
            changesData: method != .get, targets: [.related, .unrelated],
            request: {
                ("/api/v1/staff/\($0.target == .unrelated ? $0.school.t2 : $0.school.t1)/personnel\(suffix)", json)
            }, object: aboutStaff)
    }

    private static func due(_ path: String) -> Operation {
        Operation(
            method: .get, path: path, capability: .hrView, changesData: false, targets: [.school],
            request: { _ in (path, nil) }, object: { _ in .school })
    }

    static let personnelDue = due("/api/v1/hr/due")
    static let personnelDueCSV = due("/api/v1/hr/due.csv")
    /// One's own file: decided on oneself as a member of staff; those not on the staff are
    /// asked about the school, which no grant of theirs covers.
    static let myPersonnelFile = Operation(
        method: .get, path: "/api/v1/me/personnel", capability: .hrView, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/me/personnel", nil) },
        object: {
            [.student, .parent].contains($0.role) ? .school : ObjectName(.staff, $0.school.staff(Person($0.role)).id!)
        })
    static let personnelFile = staffFile(.get, "", .hrView)
    static let setStaffFile = staffFile(
        .put, "", .hrEdit, json: #"{"hiredOn": "2015-08-28", "category": "first", "attestedOn": "2024-03-15"}"#)
    static let addStaffEducation = staffFile(
        .post, "/education", .hrEdit, json: #"{"institution": "МПГУ", "year": 2012, "qualification": "учитель"}"#)
    static let addStaffCourse = staffFile(
        .post, "/courses", .hrEdit,
        json:
            #"{"title": "ФГОС", "provider": "ИРО", "hours": 72, "from": "2025-01-10", "to": "2025-02-10", "certificate": "1"}"#
    )
    static let addStaffMedicalCheck = staffFile(
        .post, "/medical-checks", .hrEdit, json: #"{"date": "2026-06-01", "validUntil": "2027-06-01"}"#)
    static let addCriminalRecordCertificate = staffFile(
        .post, "/criminal-record", .hrEdit,
        json: #"{"number": "12/2025-3344", "issuedOn": "2025-03-01", "validUntil": "2028-03-01"}"#)
}

extension AccessMatrix {
    // MARK: The HR specialist's staff files (issue 16, item 5)

    private static let hrOnly: KeyValuePairs<Role, [Expected]> = [
        .administrator: [.refused, .refused], .management: [.refused, .refused], .teacher: [.refused, .refused],
        .student: [.refused, .refused], .parent: [.refused, .refused], .secretary: [.refused, .refused],
        .medical: [.refused, .refused], .psychologist: [.refused, .refused],
        .hr: [.allowed(by: .school), .allowed(by: .school)],
    ]

    /// HR keeps and reads everyone's file; each member of staff reads their own (`self`), no one else's.
    static let personnel: [MatrixRow] =
        [Operation.personnelDue, .personnelDueCSV].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.refused], .management: [.refused], .teacher: [.refused], .student: [.refused],
                    .parent: [.refused], .secretary: [.refused], .medical: [.refused], .psychologist: [.refused],
                    .hr: [.allowed(by: .school)],
                ])
        }
        + [
            MatrixRow(
                .myPersonnelFile,
                [
                    .administrator: [.allowed(by: .`self`)], .management: [.allowed(by: .`self`)],
                    .teacher: [.allowed(by: .`self`)], .student: [.refused], .parent: [.refused],
                    .secretary: [.allowed(by: .`self`)], .medical: [.allowed(by: .`self`)],
                    .psychologist: [.allowed(by: .`self`)], .hr: [.allowed(by: .school)],
                ]),
            MatrixRow(
                .personnelFile,
                [
                    .administrator: [.refused, .refused], .management: [.refused, .refused],
                    .teacher: [.allowed(by: .`self`), .refused], .student: [.refused, .refused],
                    .parent: [.refused, .refused], .secretary: [.refused, .refused], .medical: [.refused, .refused],
                    .psychologist: [.refused, .refused], .hr: [.allowed(by: .school), .allowed(by: .school)],
                ]),
        ]
        + [
            Operation.setStaffFile, .addStaffEducation, .addStaffCourse, .addStaffMedicalCheck,
            .addCriminalRecordCertificate,
        ].map { MatrixRow($0, hrOnly) }
}
