import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService

/// The psychologist's and social pedagogue's API (issue 16): the caseload, a student's card,
/// consents, session and diagnostic records, council conclusions and their shares, the social
/// passport. The service decides who may do what and logs every special read.
struct PsychologyController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/psychology/caseload", use: caseload)
        routes.on(.get, "/api/v1/students/{studentID}/psychology", use: card)
        routes.on(.post, "/api/v1/students/{studentID}/psychology/consents", use: addConsent)
        routes.on(.post, "/api/v1/psychology/consents/{consentID}/withdraw", use: withdrawConsent)
        routes.on(.delete, "/api/v1/psychology/consents/{consentID}", use: deleteConsent)
        routes.on(.post, "/api/v1/students/{studentID}/psychology/records", use: addRecord)
        routes.on(.post, "/api/v1/students/{studentID}/psychology/council", use: addConclusion)
        routes.on(.get, "/api/v1/psychology/council/shared", use: shared)
        routes.on(.post, "/api/v1/psychology/council/{conclusionID}/shares", use: share)
        routes.on(.delete, "/api/v1/psychology/council/{conclusionID}/shares/{staffID}", use: revoke)
        routes.on(.put, "/api/v1/students/{studentID}/social-facts", use: setSocialFacts)
        routes.on(.get, "/api/v1/classes/{className}/social-passport", use: socialPassport)
        routes.on(.get, "/api/v1/classes/{className}/social-passport/counts", use: socialPassportCounts)
    }

    struct ConsentBody: Decodable {
        var representativeID: Int64
        var scope: PsychologyScope
        var givenOn: LocalDate
        var document: String
    }

    struct WithdrawBody: Decodable {
        var withdrawnOn: LocalDate
    }

    struct ConclusionBody: Decodable {
        var date: LocalDate
        var conclusion: String
        var recommendations: String?
    }

    struct ShareBody: Decodable {
        var staffID: Int64
    }

    struct FactsBody: Decodable {
        var facts: [SocialFactInput]
    }

    struct CaseloadJSON: Encodable {
        var students: [CaseloadStudent]
    }

    struct ConclusionsJSON: Encodable {
        var conclusions: [CouncilConclusionView]
    }

    struct FactsJSON: Encodable {
        var facts: [SocialFact]
    }

    @Sendable func caseload(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(CaseloadJSON(students: try await service.psychologyCaseload(caller: try context.caller())))
    }

    @Sendable func card(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.psychologyCard(try Self.student(context), caller: try context.caller()))
    }

    @Sendable func addConsent(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(ConsentBody.self, request, context: context)
        let consent = try await service.addPsychologyConsent(
            student: try Self.student(context), representative: RepresentativeID(body.representativeID),
            scope: body.scope, givenOn: body.givenOn, document: body.document, caller: try context.caller())
        return try JSON.response(consent, status: .created)
    }

    @Sendable func withdrawConsent(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(WithdrawBody.self, request, context: context)
        let consent = try await service.withdrawPsychologyConsent(
            try context.parameters.id("consentID"), on: body.withdrawnOn, caller: try context.caller())
        return try JSON.response(consent)
    }

    @Sendable func deleteConsent(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await service.deletePsychologyConsent(try context.parameters.id("consentID"), caller: try context.caller())
        return Response(status: .noContent)
    }

    @Sendable func addRecord(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(PsychologyRecordInput.self, request, context: context)
        let record = try await service.addPsychologyRecord(
            try Self.student(context), body, caller: try context.caller())
        return try JSON.response(record, status: .created)
    }

    @Sendable func addConclusion(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(ConclusionBody.self, request, context: context)
        let conclusion = try await service.addCouncilConclusion(
            try Self.student(context), date: body.date, conclusion: body.conclusion,
            recommendations: body.recommendations ?? "", caller: try context.caller())
        return try JSON.response(conclusion, status: .created)
    }

    @Sendable func shared(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(
            ConclusionsJSON(conclusions: try await service.sharedCouncilConclusions(caller: try context.caller())))
    }

    @Sendable func share(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(ShareBody.self, request, context: context)
        let share = try await service.shareCouncilConclusion(
            try context.parameters.id("conclusionID"), with: StaffID(body.staffID), caller: try context.caller())
        return try JSON.response(share, status: .created)
    }

    @Sendable func revoke(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await service.revokeCouncilShare(
            try context.parameters.id("conclusionID"), staff: StaffID(try context.parameters.id("staffID")),
            caller: try context.caller())
        return Response(status: .noContent)
    }

    @Sendable func setSocialFacts(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(FactsBody.self, request, context: context)
        let facts = try await service.setSocialFacts(
            try Self.student(context), body.facts, caller: try context.caller())
        return try JSON.response(FactsJSON(facts: facts))
    }

    @Sendable func socialPassport(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(
            try await service.socialPassport(
                className: try ExportController.className(context), caller: try context.caller()))
    }

    @Sendable func socialPassportCounts(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(
            try await service.socialPassportCounts(
                className: try ExportController.className(context), caller: try context.caller()))
    }

    static func student(_ context: JournalRequestContext) throws -> StudentID {
        StudentID(try context.parameters.id("studentID"))
    }
}
