import Foundation
import Hummingbird
import JournalModel
import JournalService

/// The weekly timetable as staff keep it (R5): a class's lines, a line added, changed or ended
/// from a day on, and the bells. Changes of one day are the lesson endpoints'.
struct TimetableController {
    let service: JournalService

    struct NewLine: Decodable {
        var assignmentID: AssignmentID
        var weekday: Int
        var lessonNumber: Int
        var room: String?
        var validFrom: LocalDate
    }

    struct LineChange: Decodable {
        var weekday: Int?
        var lessonNumber: Int?
        /// A new room; an empty text clears it; absent keeps it.
        var room: String?
        var from: LocalDate
    }

    struct LineEnd: Decodable {
        var from: LocalDate
    }

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/classes/{className}/timetable", use: classTimetable)
        routes.on(.post, "/api/v1/timetable/lines", use: addLine)
        routes.on(.patch, "/api/v1/timetable/lines/{lineID}", use: changeLine)
        routes.on(.post, "/api/v1/timetable/lines/{lineID}/end", use: endLine)
        routes.on(.put, "/api/v1/timetable/bells", use: setBells)
    }

    /// A class's weekly timetable from a day on (today by default).
    @Sendable func classTimetable(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let className = try ExportController.className(context)
        // Given, the day must be a date: an empty `from=` is not "today".
        let from = try request.query("from").map {
            guard let day = LocalDate($0) else {
                throw Problem.badRequest("problem.date_query", ["field": "from"], field: "from")
            }
            return day
        }
        return try JSON.response(
            try await service.weeklyTimetable(className: className, from: from, caller: try context.caller()))
    }

    @Sendable func addLine(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(NewLine.self, request, context: context)
        let line = try await service.addTimetableLine(
            assignment: body.assignmentID, weekday: body.weekday, lessonNumber: body.lessonNumber, room: body.room,
            from: body.validFrom, caller: try context.caller())
        return try JSON.response(line, status: .created)
    }

    @Sendable func changeLine(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = TimetableEntryID(try context.parameters.id("lineID"))
        let body = try await JSON.body(LineChange.self, request, context: context)
        let line = try await service.changeTimetableLine(
            id,
            TimetableLineChange(
                weekday: body.weekday, lessonNumber: body.lessonNumber, room: body.room, from: body.from),
            caller: try context.caller())
        return try JSON.response(line)
    }

    @Sendable func endLine(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = TimetableEntryID(try context.parameters.id("lineID"))
        let body = try await JSON.body(LineEnd.self, request, context: context)
        try await service.endTimetableLine(id, from: body.from, caller: try context.caller())
        return Response(status: .noContent)
    }

    @Sendable func setBells(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let bells = try await JSON.body([Bell].self, request, context: context)
        return try JSON.response(try await service.setBells(bells, caller: try context.caller()))
    }
}
