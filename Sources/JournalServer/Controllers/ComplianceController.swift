import Foundation
import Hummingbird
import JournalModel
import JournalService

/// The journal-keeping monitor (R14–R17): the report, its file for an inspector, and a
/// teacher's own duties.
struct ComplianceController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/compliance", use: report)
        routes.on(.get, "/api/v1/compliance/export", use: export)
        routes.on(.get, "/api/v1/me/duties", use: myDuties)
        routes.on(.post, "/api/v1/entry-unlocks", use: unlock)
    }

    struct Unlock: Decodable {
        var lessonID: LessonID?
        var workID: WorkID?
        var reason: String
        var until: LocalDate?
    }

    /// Opens a lesson's or a work's entries locked by deadlines.lua (journal.unlock).
    @Sendable func unlock(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(Unlock.self, request, context: context)
        let opened = try await service.unlockEntries(
            lesson: body.lessonID, work: body.workID, reason: body.reason, until: body.until,
            caller: try context.caller())
        return try JSON.response(opened, status: .created)
    }

    @Sendable func report(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let query = try await Self.query(request, service: service)
        return try JSON.response(try await service.compliance(query, caller: try context.caller()))
    }

    @Sendable func export(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let format = try ExportController.format(request)
        let query = try await Self.query(request, service: service)
        let file = try await service.complianceExport(query, language: context.language, caller: try context.caller())
        return try ExportController.file(file, format)
    }

    @Sendable func myDuties(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.myDuties(caller: try context.caller()))
    }

    /// The report's filters from the query string, each checked: the last week by default, or
    /// a named study period (which sets both days); `fromForm` for the page's form, whose empty
    /// fields are no filter.
    static func query(_ request: Request, service: JournalService, fromForm: Bool = false) async throws
        -> ComplianceQuery
    {
        let filters = QueryFilters(request, fromForm: fromForm)
        let today = try await service.today()
        let className = filters.filled("className")
        var query: ComplianceQuery
        if let period = filters.filled("period") {
            let range = try await service.periodRange(period, className: className)
            query = ComplianceQuery(from: range.start, to: min(range.end, today))
        } else {
            let to = try filters.date("to") ?? today
            query = ComplianceQuery(from: try filters.date("from") ?? to.adding(days: -6), to: to)
        }
        query.teacher = try filters.positiveNumber("teacherID").map { StaffID($0) }
        query.className = className
        query.duty = filters.filled("duty")
        return query
    }
}
