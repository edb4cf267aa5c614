import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import Localization
import NIOCore

/// A family's calendar subscriptions: made, listed and revoked through the API by the signed-in
/// student or representative; read by a phone's calendar at `/calendar/{token}.ics`, with no
/// session, the secret token being the key.
struct CalendarFeedController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.post, "/api/v1/students/{studentID}/calendar-feeds", use: create)
        routes.on(.get, "/api/v1/me/calendar-feeds", use: list)
        routes.on(.delete, "/api/v1/calendar-feeds/{feedID}", use: revoke)
        routes.router.get("/calendar/{token}.ics", use: calendar)
    }

    /// A new feed for a student; its token is shown this once.
    @Sendable func create(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        return try JSON.response(
            try await service.createCalendarFeed(student: student, caller: try context.caller()), status: .created)
    }

    /// The caller's feeds.
    @Sendable func list(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.calendarFeeds(caller: try context.caller()))
    }

    /// Revokes one of the caller's feeds.
    @Sendable func revoke(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await service.revokeCalendarFeed(id: try context.parameters.id("feedID"), caller: try context.caller())
        return Response(status: .noContent)
    }

    /// The feed itself; an unknown or revoked token is simply not found.
    @Sendable func calendar(_ request: Request, context: JournalRequestContext) async throws -> Response {
        guard let token = context.parameters.get("token"),
            let text = try await service.calendar(token: token, language: context.language)
        else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.cacheControl] = "private, max-age=900"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
