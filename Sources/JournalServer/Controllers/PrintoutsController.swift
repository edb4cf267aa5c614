import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import NIOCore

/// The weekly paper sheets of results (R19): a class's sheets as one PDF, a student's own, the
/// issuance register of a week, and the record of a sheet handed over.
struct PrintoutsController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/classes/{className}/printouts", use: classSheets)
        routes.on(.get, "/api/v1/classes/{className}/printouts/register", use: register)
        routes.on(.get, "/api/v1/students/{studentID}/printout", use: studentSheet)
        routes.on(.post, "/api/v1/printouts/{number}/issue", use: issue)
    }

    struct Issue: Decodable {
        var issuedTo: String
    }

    /// The sheets of the class's students (or of those listed in `students=1,2`) as one PDF.
    @Sendable func classSheets(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let week = try Self.week(request)
        let students = try Self.students(request)
        let className = try ExportController.className(context)
        let printed = try await service.weeklySheets(
            className: className, week: week, students: students, language: context.language,
            caller: try context.caller())
        return Self.pdf(printed, name: "\(className) \(week.startOfWeek).pdf")
    }

    /// One student's sheet: for the family, the class teacher and management.
    @Sendable func studentSheet(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = StudentID(try context.parameters.id("studentID"))
        let week = try Self.week(request)
        let printed = try await service.weeklySheet(
            student: id, week: week, language: context.language, caller: try context.caller())
        return Self.pdf(printed, name: "\(printed.sheets.first?.student ?? "sheet") \(week.startOfWeek).pdf")
    }

    @Sendable func register(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let week = try Self.week(request)
        return try JSON.response(
            try await service.printoutRegister(
                className: try ExportController.className(context), week: week, caller: try context.caller()))
    }

    @Sendable func issue(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let number = try context.parameters.id("number")
        let body = try await JSON.body(Issue.self, request, context: context)
        return try JSON.response(
            try await service.recordIssue(sheet: number, issuedTo: body.issuedTo, caller: try context.caller()))
    }

    /// `week`, required: a date of the week (its Monday or any day).
    static func week(_ request: Request) throws -> LocalDate {
        guard let week = try QueryFilters(request).date("week") else {
            throw Problem.badRequest("problem.week_required", field: "week")
        }
        return week
    }

    /// `students=1,2,3`: only these students of the class; absent: all of them.
    static func students(_ request: Request) throws -> [StudentID]? {
        guard let text = request.query("students"), !text.isEmpty else { return nil }
        return try text.split(separator: ",").map { part in
            guard let id = Int64(part.trimmingWhitespace()), id > 0 else {
                throw Problem.badRequest("problem.students_query", ["text": text], field: "students")
            }
            return StudentID(id)
        }
    }

    static func pdf(_ printed: PrintedSheets, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = ExportController.contentDisposition(name)
        headers[.cacheControl] = "private, no-store"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: printed.pdf)))
    }
}
