import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension Operation {
    /// A call about one student's medical records: `/api/v1/students/{studentID}/health…`.
    private static func health(
        _ method: HTTPRequest.Method, _ suffix: String, _ capability: Capability, json: String? = nil,
        uri: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: "/api/v1/students/{studentID}/health\(suffix)", capability: capability,
            changesData: method != .get, targets: [.related, .unrelated],
            request: { ("/api/v1/students/\($0.side.student)/health\(uri ?? suffix)", json) },
            object: { ObjectName(.student, $0.side.student) })
    }

    static let healthCard = health(.get, "", .healthView)
    static let addHealthGroup = health(
        .post, "/health-groups", .healthEdit, json: #"{"group": 2, "setOn": "2026-11-16", "basis": "ф. 086/у"}"#)
    static let addPEGroup = health(
        .post, "/pe-groups", .healthEdit,
        json: #"{"group": "special_a", "from": "2026-11-16", "to": "2026-12-31", "basis": "заключение ВК"}"#)
    static let addHealthAlert = health(
        .post, "/alerts", .healthEdit, json: #"{"kind": "allergy", "text": "цитрусовые"}"#)
    static let addVaccination = health(
        .post, "/vaccinations", .healthEdit,
        json: #"{"vaccine": "АДС-М", "date": "2026-11-16", "refused": false}"#)
    static let addSickNote = health(
        .post, "/sick-notes", .healthEdit,
        json: #"{"from": "2026-11-16", "to": "2026-11-17", "number": "45", "issuedBy": "ГП №3", "markIllness": true}"#)
    /// No record 1 of the student's: allowed, the answer is 422 naming the record.
    static let deleteHealthRecord = health(
        .delete, "/{kind}/{recordID}", .healthEdit, uri: "/pe-groups/1")
}

extension AccessMatrix {
    // MARK: The medical worker's records (issue 16, items 2–3)

    /// Every call on a student's medical records: the medical worker's, for any student; the
    /// administrator is denied explicitly, everyone else has no grant.
    static let health: [MatrixRow] = [
        Operation.healthCard, .addHealthGroup, .addPEGroup, .addHealthAlert, .addVaccination, .addSickNote,
        .deleteHealthRecord,
    ].map(medicalOnly)
}
