import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalRules
import JournalService
import NIOCore
import Spreadsheet

/// School surveys (R8): management writes, checks, launches and copies them; respondents read
/// their open surveys and cast ballots; a class teacher enters paper ballots; after the close,
/// results as JSON, CSV or XLSX. The service decides who may do what.
struct SurveysController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/surveys", use: list)
        routes.on(.post, "/api/v1/surveys", use: create)
        routes.on(.get, "/api/v1/surveys/templates", use: templates)
        routes.on(.post, "/api/v1/surveys/check", use: check)
        routes.on(.get, "/api/v1/surveys/open", use: open)
        routes.on(.get, "/api/v1/surveys/{surveyID}", use: detail)
        routes.on(.put, "/api/v1/surveys/{surveyID}", use: update)
        routes.on(.post, "/api/v1/surveys/{surveyID}/copy", use: copy)
        routes.on(.post, "/api/v1/surveys/{surveyID}/launch", use: launch)
        routes.on(.get, "/api/v1/surveys/{surveyID}/form", use: form)
        routes.on(.post, "/api/v1/surveys/{surveyID}/ballots", use: ballot)
        routes.on(.post, "/api/v1/surveys/{surveyID}/paper-ballots", use: paperBallot)
        routes.on(.get, "/api/v1/surveys/{surveyID}/results", use: results)
        routes.on(.get, "/api/v1/surveys/{surveyID}/results.csv", use: resultsCSV)
        routes.on(.get, "/api/v1/surveys/{surveyID}/results.xlsx", use: resultsXLSX)
    }

    /// The downloads the survey pages link to, with the browser's session.
    func addDownloads(to group: RouterGroup<JournalRequestContext>) {
        // `:id`, as the survey pages name it: the router takes one name per place in a path.
        group.get("/surveys/:id/results.csv", use: resultsCSV)
            .get("/surveys/:id/results.xlsx", use: resultsXLSX)
    }

    /// The longest script the API takes, in characters (the document's `maxLength`); the
    /// service's own limit, 256 KB of UTF-8, applies as well.
    static let maximumSourceCharacters = 65_536

    struct Source: Decodable {
        var source: String
        var template: String?
    }

    struct Update: Decodable {
        var source: String
        var version: Int
    }

    struct Launch: Decodable {
        var version: Int
    }

    struct PaperBallot: Decodable {
        var unit: String
        var answers: [String: SurveyAnswer]
    }

    @Sendable func list(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(SurveysJSON(surveys: try await service.surveys(caller: try context.caller())))
    }

    @Sendable func create(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(Source.self, request, context: context)
        try Self.check(body.source)
        let survey = try await service.createSurvey(
            source: body.source, template: body.template, caller: try context.caller())
        return try JSON.response(SurveyJSON(survey), status: .created)
    }

    @Sendable func templates(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let templates = try await service.surveyTemplates(caller: try context.caller())
        return try JSON.response(
            TemplatesJSON(templates: templates.map { TemplateJSON(name: $0.name, title: $0.title, source: $0.source) }))
    }

    @Sendable func check(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(Source.self, request, context: context)
        try Self.check(body.source)
        let (definition, audience) = try await service.checkSurvey(source: body.source, caller: try context.caller())
        return try JSON.response(CheckJSON(definition, audience: audience))
    }

    @Sendable func open(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(OpenJSON(surveys: try await service.openSurveys(caller: try context.caller())))
    }

    @Sendable func detail(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(
            DetailJSON(try await service.surveyDetail(try Self.id(context), caller: try context.caller())))
    }

    @Sendable func update(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let body = try await JSON.body(Update.self, request, context: context)
        try Self.check(body.source)
        let survey = try await service.updateSurvey(
            id, source: body.source, version: body.version, caller: try context.caller())
        return try JSON.response(SurveyJSON(survey))
    }

    @Sendable func copy(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let survey = try await service.copySurvey(try Self.id(context), caller: try context.caller())
        return try JSON.response(SurveyJSON(survey), status: .created)
    }

    @Sendable func launch(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let body = try await JSON.body(Launch.self, request, context: context)
        let survey = try await service.launchSurvey(id, version: body.version, caller: try context.caller())
        return try JSON.response(SurveyJSON(survey))
    }

    /// The questionnaire of one of the caller's units (`unit=`), or with `paper=true` of a
    /// paper family's unit for the class teacher.
    @Sendable func form(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let filters = QueryFilters(request)
        let paper: Bool
        switch filters.text("paper") {
        case nil, "false"?: paper = false
        case "true"?: paper = true
        case let text?: throw Problem.badRequest("problem.survey_paper_query", ["text": text], field: "paper")
        }
        let form = try await service.surveyForm(
            id, unit: filters.filled("unit"), paper: paper, caller: try context.caller())
        return try JSON.response(form)
    }

    @Sendable func ballot(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let input = try await JSON.body(BallotInput.self, request, context: context)
        return try JSON.response(try await service.submitBallot(id, input, caller: try context.caller()))
    }

    @Sendable func paperBallot(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let body = try await JSON.body(PaperBallot.self, request, context: context)
        let receipt = try await service.enterPaperBallot(
            id, BallotInput(unit: body.unit, answers: body.answers), caller: try context.caller())
        return try JSON.response(receipt)
    }

    @Sendable func results(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.surveyResults(try Self.id(context), caller: try context.caller()))
    }

    @Sendable func resultsCSV(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await resultsFile(.csv, context)
    }

    @Sendable func resultsXLSX(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await resultsFile(.xlsx, context)
    }

    private func resultsFile(_ format: ExportFormat, _ context: JournalRequestContext) async throws -> Response {
        let export = try await service.surveyResultsExport(
            try Self.id(context), language: context.language, caller: try context.caller())
        return try ExportController.file(export, format)
    }

    /// Refuses a script longer than the API takes.
    static func check(_ source: String) throws {
        guard source.count <= maximumSourceCharacters else {
            throw Problem.badRequest(
                "problem.survey_source_length", ["max": String(maximumSourceCharacters)], field: "source")
        }
    }

    /// The survey's id from the API's path (`surveyID`) or the pages' (`id`).
    static func id(_ context: JournalRequestContext) throws -> SurveyID {
        SurveyID(try context.parameters.id(context.parameters.get("surveyID") == nil ? "id" : "surveyID"))
    }
}
