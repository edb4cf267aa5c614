import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension Operation {
    /// The class of the target: T1's own 5А (S1's), or 6Б (S2's).
    private static func printoutClass(_ context: CaseContext) -> (id: ClassID, path: String) {
        let (id, name) =
            context.target == .unrelated ? (context.school.sixB.id!, "6Б") : (context.school.fiveA.id!, "5А")
        return (id, name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)
    }

    static let classPrintouts = Operation(
        method: .get, path: "/api/v1/classes/{className}/printouts", capability: .printoutsIssue, changesData: true,
        targets: [.related, .unrelated],
        request: { ("/api/v1/classes/\(printoutClass($0).path)/printouts?week=2026-11-16", nil) },
        object: { ObjectName(.group, printoutClass($0).id) }, explained: { ObjectName(.student, $0.side.student) })

    static let printoutRegister = Operation(
        method: .get, path: "/api/v1/classes/{className}/printouts/register", capability: .printoutsIssue,
        changesData: false, targets: [.related, .unrelated],
        request: { ("/api/v1/classes/\(printoutClass($0).path)/printouts/register?week=2026-11-16", nil) },
        object: { ObjectName(.group, printoutClass($0).id) }, explained: { ObjectName(.student, $0.side.student) })

    static let studentPrintout = Operation(
        method: .get, path: "/api/v1/students/{studentID}/printout", capability: .diaryView, changesData: true,
        targets: [.related, .unrelated],
        request: { ("/api/v1/students/\($0.side.student)/printout?week=2026-11-16", nil) },
        object: { ObjectName(.student, $0.side.student) })

    /// The sheets printed when the school was built: 5А's first student's is number 1, 6Б's
    /// first student's number 2 (``TestSchool/makeForAuthorization``).
    static let issuePrintout = Operation(
        method: .post, path: "/api/v1/printouts/{number}/issue", capability: .printoutsIssue, changesData: true,
        targets: [.related, .unrelated],
        request: {
            ("/api/v1/printouts/\($0.target == .unrelated ? 2 : 1)/issue", #"{"issuedTo": "Иванова Е. П., мать"}"#)
        },
        object: { ObjectName(.group, printoutClass($0).id) }, explained: { ObjectName(.student, $0.side.student) })
}

extension AccessMatrix {
    // MARK: Weekly paper sheets (R19, issue 13 item 5)

    /// A class's sheets and their register: its class teacher and management; the
    /// administrator, who serves the system, and the families do not print a class.
    static let printouts: [MatrixRow] =
        [Operation.classPrintouts, .printoutRegister, .issuePrintout].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.refused, .refused], .management: [.allowed(by: .school), .allowed(by: .school)],
                    .teacher: [.allowed(by: .ownClass), .refused], .student: [.refused, .refused],
                    .parent: [.refused, .refused], .secretary: [.refused, .refused], .medical: [.refused, .refused],
                    .psychologist: [.refused, .refused], .hr: [.refused, .refused],
                ])
        } + [
            // One student's sheet follows the diary: the family asks for their own child's.
            MatrixRow(
                .studentPrintout,
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
                ])
        ]
}
