import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalModel
import JournalPlugins
import JournalService
import NIOCore

/// The school's plugins (issue 15): the administrator lists them, switches them, sets them up
/// and reads their history; readers of reports read what plugins made; each member of staff
/// reads and completes the tasks plugins gave them. The service decides who may do what.
struct PluginsController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/plugins", use: list)
        routes.on(.get, "/api/v1/plugins/{pluginID}", use: detail)
        routes.on(.post, "/api/v1/plugins/{pluginID}/enable", use: enable)
        routes.on(.post, "/api/v1/plugins/{pluginID}/disable", use: disable)
        routes.on(.put, "/api/v1/plugins/{pluginID}/config", use: configure)
        routes.on(.get, "/api/v1/plugins/{pluginID}/history", use: history)
        routes.on(.get, "/api/v1/reports", use: reports)
        routes.on(.get, "/api/v1/reports/{reportID}", use: report)
        routes.on(.get, "/api/v1/reports/{reportID}/csv", use: reportCSV)
        routes.on(.get, "/api/v1/tasks", use: tasks)
        routes.on(.post, "/api/v1/tasks/{taskID}/done", use: completeTask)
    }

    @Sendable func list(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let statuses = try await service.pluginStatuses(caller: try context.caller())
        return try JSON.response(PluginsJSON(plugins: statuses.map(PluginSummaryJSON.init)))
    }

    @Sendable func detail(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(
            PluginJSON(try await service.pluginStatus(try Self.id(context), caller: try context.caller())))
    }

    @Sendable func enable(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await setEnabled(true, context)
    }

    @Sendable func disable(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await setEnabled(false, context)
    }

    private func setEnabled(_ enabled: Bool, _ context: JournalRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let caller = try context.caller()
        try await service.setPluginEnabled(id, enabled, caller: caller)
        return try JSON.response(PluginJSON(try await service.pluginStatus(id, caller: caller)))
    }

    /// Sets some of a plugin's settings: a JSON object of name → value; a setting not named
    /// keeps its value. A value the schema or the plugin refuses is a 422 naming the setting.
    @Sendable func configure(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let caller = try context.caller()
        // Who may, and which plugin, before the body is read.
        _ = try await service.pluginStatus(id, caller: caller)
        let body: [String: PluginConfigValue]
        do {
            body = try await JSON.body([String: PluginConfigValue].self, request, context: context)
        } catch is DecodingError {
            throw Problem.badRequest("problem.plugin_config_body")
        }
        try await service.configurePlugin(id, form: body.mapValues(\.description), caller: caller)
        return try JSON.response(PluginJSON(try await service.pluginStatus(id, caller: caller)))
    }

    @Sendable func history(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let entries = try await service.pluginHistory(try Self.id(context), caller: try context.caller())
        return try JSON.response(
            PluginHistoryJSON(entries: entries.map { .init(at: $0.at, actor: $0.actor, what: $0.what) }))
    }

    @Sendable func reports(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let reports = try await service.pluginReports(caller: try context.caller())
        return try JSON.response(ReportsJSON(reports: reports.map { ReportJSON($0, table: false) }))
    }

    /// A report's table as JSON, or as CSV for a client that accepts `text/csv` and not JSON.
    @Sendable func report(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let accept = request.headers[.accept] ?? ""
        if accept.contains("text/csv") && !accept.contains("application/json") {
            return try await reportCSV(request, context: context)
        }
        let report = try await service.pluginReport(try Self.reportID(context), caller: try context.caller())
        return try JSON.response(ReportJSON(report, table: true))
    }

    @Sendable func reportCSV(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try Self.reportID(context)
        return ReportPages.csvResponse(try await service.pluginReportCSV(id, caller: try context.caller()), id: id)
    }

    @Sendable func tasks(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let items = try await service.myTaskItems(caller: try context.caller())
        return try JSON.response(TasksJSON(tasks: items.map(TaskJSON.init)))
    }

    /// Marks one of the caller's own tasks done; another's is not found. Only staff have tasks.
    @Sendable func completeTask(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try context.parameters.id("taskID")
        let caller = try context.caller()
        guard caller.subject?.staffID != nil else {
            throw JournalError.refused(.init("problem.task_not_staff"))
        }
        try await service.completeTask(id, caller: caller)
        return Response(status: .noContent)
    }

    /// The plugin's id from the path: lower-case Latin letters, digits and dashes.
    static func id(_ context: JournalRequestContext) throws -> String {
        guard let id = context.parameters.get("pluginID"), PluginID.isValid(id) else {
            throw Problem.badRequest("problem.plugin_id", field: "pluginID")
        }
        return id
    }

    static func reportID(_ context: JournalRequestContext) throws -> Int64 {
        try context.parameters.id("reportID")
    }
}
