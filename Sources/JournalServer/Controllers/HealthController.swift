import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService

/// The medical worker's records of a student over JSON (issue 16): the card, adding each kind
/// of record, and deleting one. Only `health.view`/`health.edit` holders (the administrator
/// is denied); every call leaves its trace in the special-read log.
struct HealthController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/students/{studentID}/health", use: card)
        routes.on(.post, "/api/v1/students/{studentID}/health/health-groups", use: addHealthGroup)
        routes.on(.post, "/api/v1/students/{studentID}/health/pe-groups", use: addPEGroup)
        routes.on(.post, "/api/v1/students/{studentID}/health/alerts", use: addAlert)
        routes.on(.post, "/api/v1/students/{studentID}/health/vaccinations", use: addVaccination)
        routes.on(.post, "/api/v1/students/{studentID}/health/sick-notes", use: addSickNote)
        routes.on(.delete, "/api/v1/students/{studentID}/health/{kind}/{recordID}", use: deleteRecord)
    }

    static func student(_ context: JournalRequestContext) throws -> StudentID {
        StudentID(try context.parameters.id("studentID"))
    }

    @Sendable func card(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.healthCard(try Self.student(context), caller: try context.caller()))
    }

    @Sendable func addHealthGroup(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let input = try await JSON.body(HealthGroupInput.self, request, context: context)
        return try JSON.response(
            try await service.saveHealthGroup(student: try Self.student(context), input, caller: try context.caller()),
            status: .created)
    }

    @Sendable func addPEGroup(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let input = try await JSON.body(PEGroupInput.self, request, context: context)
        return try JSON.response(
            try await service.savePEGroup(student: try Self.student(context), input, caller: try context.caller()),
            status: .created)
    }

    @Sendable func addAlert(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let input = try await JSON.body(HealthAlertInput.self, request, context: context)
        return try JSON.response(
            try await service.saveHealthAlert(student: try Self.student(context), input, caller: try context.caller()),
            status: .created)
    }

    @Sendable func addVaccination(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let input = try await JSON.body(VaccinationInput.self, request, context: context)
        return try JSON.response(
            try await service.saveVaccination(student: try Self.student(context), input, caller: try context.caller()),
            status: .created)
    }

    @Sendable func addSickNote(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let input = try await JSON.body(SickNoteInput.self, request, context: context)
        return try JSON.response(
            try await service.addSickNote(student: try Self.student(context), input, caller: try context.caller()),
            status: .created)
    }

    @Sendable func deleteRecord(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let text = context.parameters.get("kind") ?? ""
        guard let kind = HealthRecordKind(rawValue: text) else {
            throw Problem.badRequest(
                "problem.health_kind",
                ["value": text, "accepted": HealthRecordKind.allCases.map(\.rawValue).joined(separator: ", ")],
                field: "kind")
        }
        try await service.deleteHealthRecord(
            kind, id: try context.parameters.id("recordID"), student: try Self.student(context),
            caller: try context.caller())
        return Response(status: .noContent)
    }
}
