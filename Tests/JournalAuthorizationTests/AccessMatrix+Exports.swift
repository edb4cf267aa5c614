import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension Operation {
    /// The class of the target: T1's own 5А (S1's), or 6Б (S2's).
    private static func schoolClass(_ context: CaseContext) -> (id: ClassID, path: String) {
        let (id, name) =
            context.target == .unrelated ? (context.school.sixB.id!, "6Б") : (context.school.fiveA.id!, "5А")
        return (id, name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)
    }

    /// An export of a class: decided on the class (as the class's period marks are); `explain`
    /// is asked about the side's student, whom the same grant covers.
    private static func classExport(_ suffix: String, _ capability: Capability) -> Operation {
        Operation(
            method: .get, path: "/api/v1/classes/{className}/\(suffix)/export", capability: capability,
            changesData: false, targets: [.related, .unrelated],
            request: { ("/api/v1/classes/\(schoolClass($0).path)/\(suffix)/export?period=q2&format=csv", nil) },
            object: { ObjectName(.group, schoolClass($0).id) },
            explained: { ObjectName(.student, $0.side.student) })
    }

    static let journalExport = Operation(
        method: .get, path: "/api/v1/assignments/{assignmentID}/journal/export", capability: .journalView,
        changesData: false, targets: [.related, .unrelated, .ownClassOtherGroup],
        request: { ("/api/v1/assignments/\($0.side.assignment)/journal/export?period=q2", nil) },
        object: { ObjectName(.assignment, $0.side.assignment) })

    static let classSummaryExport = classExport("summary", .periodMarksView)
    static let classAttendanceExport = classExport("attendance", .attendanceView)
}

extension AccessMatrix {
    // MARK: Exports: whoever may view what is exported (issue 11, item 6)

    static let exports: [MatrixRow] = [
        // The grid's file follows the grid.
        MatrixRow(
            .journalExport,
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
        // A class's summary: its class teacher and management; no family sees a whole class.
        MatrixRow(
            .classSummaryExport,
            [
                .administrator: [.refused, .refused], .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused], .student: [.refused, .refused],
                .parent: [.refused, .refused], .secretary: [.refused, .refused], .medical: [.refused, .refused],
                .psychologist: [.refused, .refused], .hr: [.refused, .refused],
            ]),
        // A class's attendance: also the medical worker, who follows absences across the school.
        MatrixRow(
            .classAttendanceExport,
            [
                .administrator: [.refused, .refused], .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused], .student: [.refused, .refused],
                .parent: [.refused, .refused], .secretary: [.refused, .refused],
                .medical: [.allowed(by: .school), .allowed(by: .school)], .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
    ]
}
