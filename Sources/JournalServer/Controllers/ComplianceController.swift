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

    /// The report's filters from the query string, each checked: the last week by default.
    static func query(_ request: Request, service: JournalService) async throws -> ComplianceQuery {
        func day(_ name: String) throws -> LocalDate? {
            guard let text = request.query(name) else { return nil }
            guard let value = LocalDate(text) else {
                throw Problem.badRequest("problem.date_query_value", ["name": name, "text": text], field: name)
            }
            return value
        }
        let today = try await service.today()
        let className = request.query("className").flatMap { $0.isEmpty ? nil : $0 }
        // A named study period gives the days (up to today), unless from and to are given.
        let period = try await request.query("period").flatMap { $0.isEmpty ? nil : $0 }.asyncMap {
            try await service.periodRange($0, className: className)
        }
        let to = try day("to") ?? period.map { min($0.end, today) } ?? today
        var query = ComplianceQuery(from: try day("from") ?? period?.start ?? to.adding(days: -6), to: to)
        if let text = request.query("teacherID") {
            guard let id = Int64(text), id > 0 else {
                throw Problem.badRequest(
                    "problem.positive_number_query", ["name": "teacherID", "text": text], field: "teacherID")
            }
            query.teacher = StaffID(id)
        }
        query.className = className
        query.duty = request.query("duty").flatMap { $0.isEmpty ? nil : $0 }
        return query
    }
}

extension Optional {
    /// The value mapped by an asynchronous function, or nil.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
