import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension Operation {
    private static let aboutStudent: @Sendable (CaseContext) -> ObjectName = { ObjectName(.student, $0.side.student) }

    /// An operation on one student's psychology data: `…/students/{studentID}/…`.
    private static func student(
        _ method: HTTPRequest.Method, _ suffix: String, _ capability: Capability, changesData: Bool, json: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: "/api/v1/students/{studentID}/\(suffix)", capability: capability,
            changesData: changesData, targets: [.related, .unrelated],
            request: { ("/api/v1/students/\($0.side.student)/\(suffix)", json) }, object: aboutStudent)
    }

    /// An operation on a consent or a conclusion (S1's for the related target, S2's for the other).
    private static func record(
        _ method: HTTPRequest.Method, _ path: String, _ uri: @escaping @Sendable (Int64, CaseContext) -> String,
        json: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: path, capability: .psychologyEdit, changesData: true,
            targets: [.related, .unrelated],
            request: { (uri(TestSchool.psychologyRecordID($0.target), $0), json) }, object: aboutStudent)
    }

    /// A class of the target: T1's own 5А (S1's), or 6Б (S2's); decided on the class,
    /// explained on the side's student, whom the same grant covers.
    private static func socialPassport(_ suffix: String, _ capability: Capability) -> Operation {
        Operation(
            method: .get, path: "/api/v1/classes/{className}/social-passport\(suffix)", capability: capability,
            changesData: false, targets: [.related, .unrelated],
            request: {
                let name = ($0.target == .unrelated ? "6Б" : "5А").addingPercentEncoding(
                    withAllowedCharacters: .urlPathAllowed)!
                return ("/api/v1/classes/\(name)/social-passport\(suffix)", nil)
            },
            object: { ObjectName(.group, $0.target == .unrelated ? $0.school.sixB.id! : $0.school.fiveA.id!) },
            explained: aboutStudent)
    }

    /// The caseload page: decided on the school with the caller's caseload; explained on S1.
    static let psychologyCaseload = Operation(
        method: .get, path: "/api/v1/psychology/caseload", capability: .psychologyView, changesData: false,
        targets: [.school], request: { _ in ("/api/v1/psychology/caseload", nil) }, object: { _ in .school },
        explained: { ObjectName(.student, $0.school.own.student) })
    static let psychologyCard = student(.get, "psychology", .psychologyView, changesData: false)
    static let addPsychologyConsent = Operation(
        method: .post, path: "/api/v1/students/{studentID}/psychology/consents", capability: .psychologyEdit,
        changesData: true, targets: [.related, .unrelated],
        request: {
            (
                "/api/v1/students/\($0.side.student)/psychology/consents",
                #"{"representativeID": \#($0.school.mother), "scope": "diagnostics", "givenOn": "2026-11-02", "document": "Согласие № 7"}"#
            )
        }, object: aboutStudent)
    static let withdrawPsychologyConsent = record(
        .post, "/api/v1/psychology/consents/{consentID}/withdraw",
        { id, _ in "/api/v1/psychology/consents/\(id)/withdraw" },
        json: #"{"withdrawnOn": "2026-11-20"}"#)
    static let deletePsychologyConsent = record(
        .delete, "/api/v1/psychology/consents/{consentID}", { id, _ in "/api/v1/psychology/consents/\(id)" })
    static let addPsychologyRecord = student(
        .post, "psychology/records", .psychologyEdit, changesData: true,
        json: #"{"date": "2026-11-19", "kind": "session", "scope": "counselling", "notes": "Беседа", "conclusion": ""}"#
    )
    static let addCouncilConclusion = student(
        .post, "psychology/council", .psychologyEdit, changesData: true,
        json: #"{"date": "2026-11-19", "conclusion": "Заключение", "recommendations": "Рекомендации"}"#)
    /// Conclusions shared with oneself: whose they are decides, not a grant (those not on the staff: 422).
    static let sharedCouncilConclusions = Operation(
        method: .get, path: "/api/v1/psychology/council/shared", capability: nil, changesData: false,
        targets: [.school], request: { _ in ("/api/v1/psychology/council/shared", nil) }, object: { _ in .school })
    static let shareCouncilConclusion = Operation(
        method: .post, path: "/api/v1/psychology/council/{conclusionID}/shares", capability: .psychologyEdit,
        changesData: true, targets: [.related, .unrelated],
        request: {
            (
                "/api/v1/psychology/council/\(TestSchool.psychologyRecordID($0.target))/shares",
                #"{"staffID": \#($0.school.staff(.management).id!)}"#
            )
        }, object: aboutStudent)
    static let revokeCouncilShare = record(
        .delete, "/api/v1/psychology/council/{conclusionID}/shares/{staffID}",
        { id, context in "/api/v1/psychology/council/\(id)/shares/\(context.school.t1)" })
    static let setSocialFacts = student(
        .put, "social-facts", .socialPassportEdit, changesData: true,
        json: #"{"facts": [{"kind": "large_family", "since": "2025-09-01", "note": "удостоверение"}]}"#)
    static let socialPassport = socialPassport("", .socialPassportEdit)
    static let socialPassportCounts = socialPassport("/counts", .socialPassportView)
}

extension AccessMatrix {
    // MARK: The psychologist's and social pedagogue's data (issue 16, item 4)

    /// Psychology data: the psychologist's, of the students in their caseload only (S1, not
    /// S2); the administrator is denied it explicitly, everyone else has no grant. Records are
    /// their author's only, which the service decides beyond this (PsychologyTests).
    static let psychology: [MatrixRow] =
        [
            Operation.psychologyCard, .addPsychologyConsent, .withdrawPsychologyConsent, .deletePsychologyConsent,
            .addPsychologyRecord, .addCouncilConclusion, .shareCouncilConclusion, .revokeCouncilShare,
        ].map(caseloadOnly)
        + [
            MatrixRow(
                .psychologyCaseload,
                [
                    .administrator: [.deniedBy(.school)], .management: [.refused], .teacher: [.refused],
                    .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                    .psychologist: [.allowedWhen(.school)], .hr: [.refused],
                ]),
            MatrixRow(
                .sharedCouncilConclusions,
                [
                    .administrator: [.allowed(by: nil)], .management: [.allowed(by: nil)],
                    .teacher: [.allowed(by: nil)], .student: [.allowed(by: nil)], .parent: [.allowed(by: nil)],
                    .secretary: [.allowed(by: nil)], .medical: [.allowed(by: nil)],
                    .psychologist: [.allowed(by: nil)], .hr: [.allowed(by: nil)],
                ]),
            // The social pedagogue keeps every student's social facts, beyond the caseload.
            MatrixRow(
                .setSocialFacts,
                [
                    .administrator: [.deniedBy(.school), .deniedBy(.school)], .management: [.refused, .refused],
                    .teacher: [.refused, .refused], .student: [.refused, .refused], .parent: [.refused, .refused],
                    .secretary: [.refused, .refused], .medical: [.refused, .refused],
                    .psychologist: [.allowed(by: .school), .allowed(by: .school)], .hr: [.refused, .refused],
                ]),
            MatrixRow(
                .socialPassport,
                [
                    .administrator: [.deniedBy(.school), .deniedBy(.school)], .management: [.refused, .refused],
                    .teacher: [.refused, .refused], .student: [.refused, .refused], .parent: [.refused, .refused],
                    .secretary: [.refused, .refused], .medical: [.refused, .refused],
                    .psychologist: [.allowed(by: .school), .allowed(by: .school)], .hr: [.refused, .refused],
                ]),
            // Counts without names: the class teacher of their class, management, the psychologist;
            // the administrator has no grant of them (a denial would make every teacher's password
            // reset a security notice).
            MatrixRow(
                .socialPassportCounts,
                [
                    .administrator: [.refused, .refused],
                    .management: [.allowed(by: .school), .allowed(by: .school)],
                    .teacher: [.allowed(by: .ownClass), .refused], .student: [.refused, .refused],
                    .parent: [.refused, .refused], .secretary: [.refused, .refused], .medical: [.refused, .refused],
                    .psychologist: [.allowed(by: .school), .allowed(by: .school)], .hr: [.refused, .refused],
                ]),
        ]
}
