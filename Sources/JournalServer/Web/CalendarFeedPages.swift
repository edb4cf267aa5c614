import Foundation
import Hummingbird
import JournalModel
import JournalService
import Localization

/// The diary's calendar section: the student or a parent makes a secret link for their phone's
/// calendar, copies it (shown once, when made) and revokes it. Forms carry the CSRF token like
/// every other page's.
struct CalendarFeedPages {
    let web: WebSupport
    var service: JournalService { web.service }
    var diary: DiaryPages { DiaryPages(web: web) }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/diary/calendar", use: page)
            .post("/diary/calendar", use: create)
            .post("/diary/calendar/:id/revoke", use: revoke)
    }

    /// The student's links.
    @Sendable func page(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await render(request, context, created: nil)
    }

    /// Makes a link and shows it, this once.
    @Sendable func create(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let (session, _, student) = try await diary.prepare(request, context, active: "/diary")
        let created = try await service.createCalendarFeed(student: student.id, caller: session.caller)
        return try await render(request, context, created: created)
    }

    /// Revokes one of the caller's links.
    @Sendable func revoke(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        try await service.revokeCalendarFeed(id: try context.parameters.id("id"), caller: session.caller)
        let student = request.query("student").flatMap { Int64($0) }.map { "?student=\($0)" } ?? ""
        return WebResponse.redirect("/diary/calendar\(student)")
    }

    private func render(_ request: Request, _ context: JournalRequestContext, created: CreatedCalendarFeed?)
        async throws -> Response
    {
        var (session, page, student) = try await diary.prepare(request, context, active: "/diary")
        page.title = Strings.text("calendar.page.title", page.language)
        let feeds = try await service.calendarFeeds(caller: session.caller).filter { $0.student.id == student.id }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: page.language == .ru ? "ru_RU" : "en_GB")
        formatter.dateStyle = .medium
        formatter.timeStyle = .short
        page.values["feeds"] = feeds.map { ["id": $0.id, "createdAt": formatter.string(from: $0.createdAt)] }
        page.values["hasFeeds"] = !feeds.isEmpty
        if let created {
            page.values["createdLink"] = link(created.path)
        }
        return web.render("diary_calendar", page)
    }

    /// The address to subscribe to: the journal's public address when it is configured.
    private func link(_ path: String) -> String {
        guard let base = web.configuration.publicURL else { return path }
        return base.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path
    }
}
