import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalTestSupport

extension Operation {
    private static let aboutSchool: @Sendable (CaseContext) -> ObjectName = { _ in .school }

    static let compliance = Operation(
        method: .get, path: "/api/v1/compliance", capability: .complianceView, changesData: false,
        targets: [.school], request: { _ in ("/api/v1/compliance?from=2026-11-16&to=2026-11-20", nil) },
        object: aboutSchool)

    static let complianceExport = Operation(
        method: .get, path: "/api/v1/compliance/export", capability: .complianceView, changesData: false,
        targets: [.school],
        request: { _ in ("/api/v1/compliance/export?from=2026-11-16&to=2026-11-20&format=csv", nil) },
        object: aboutSchool)

    static let unlockEntries = Operation(
        method: .post, path: "/api/v1/entry-unlocks", capability: .journalUnlock, changesData: true,
        targets: [.school],
        request: {
            ("/api/v1/entry-unlocks", #"{"lessonID": \#($0.school.own.lesson), "reason": "ошибка в теме урока"}"#)
        }, object: aboutSchool)

    static let myDuties = Operation(
        method: .get, path: "/api/v1/me/duties", capability: nil, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/me/duties", nil) }, object: aboutSchool)
}

extension AccessMatrix {
    // MARK: The journal-keeping monitor (issue 12)

    /// Management and the administrator read who kept the journal on time; each person reads
    /// their own duties.
    static let compliance: [MatrixRow] =
        [Operation.compliance, .complianceExport].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)],
                    .teacher: [.refused], .student: [.refused], .parent: [.refused], .secretary: [.refused],
                    .medical: [.refused], .psychologist: [.refused], .hr: [.refused],
                ])
        } + [
            // Only management opens locked entries, with a reason.
            MatrixRow(
                .unlockEntries,
                [
                    .administrator: [.refused], .management: [.allowed(by: .school)], .teacher: [.refused],
                    .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                    .psychologist: [.refused], .hr: [.refused],
                ]),
            MatrixRow(
                .myDuties,
                [
                    .administrator: [.allowed(by: nil)], .management: [.allowed(by: nil)],
                    .teacher: [.allowed(by: nil)], .student: [.allowed(by: nil)], .parent: [.allowed(by: nil)],
                    .secretary: [.allowed(by: nil)], .medical: [.allowed(by: nil)], .psychologist: [.allowed(by: nil)],
                    .hr: [.allowed(by: nil)],
                ]),
        ]
}
