import Hummingbird
import JournalService

/// Lets through to the pages of its group only someone signed in: anyone else is sent to
/// /login (and back here after), and a person who must change their password is sent to
/// /password until they have, except to the pages that change it or sign out.
struct RequireSessionMiddleware: RouterMiddleware {
    typealias Context = JournalRequestContext

    static let openWhileChangingPassword: Set<String> = ["/password", "/logout"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let session = context.session else {
            let back = request.uri.path == "/" ? "" : "?next=\(WebSupport.escapeQuery(request.uri.path))"
            throw WebRedirect(location: "/login\(back)")
        }
        if session.mustChangePassword && !Self.openWhileChangingPassword.contains(request.uri.path) {
            throw WebRedirect(location: "/password")
        }
        return try await next(request, context)
    }
}

/// Refuses a posted form whose `csrf` field is not the session's token with the 403 page,
/// before its handler reads anything of it. Behind ``RequireSessionMiddleware``: the token
/// is the signed-in session's.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = JournalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .post, let session = context.session else { return try await next(request, context) }
        var request = request
        let form = try await FormData.read(&request)
        guard let token = form["csrf"], WebSupport.equal(token, session.csrfToken) else {
            throw WebForbidden(key: "web.csrf")
        }
        return try await next(request, context)
    }
}

extension JournalRequestContext {
    /// The signed-in person of a page behind ``RequireSessionMiddleware``.
    var signedIn: AuthenticatedSession {
        get throws {
            guard let session else { throw Problem.unauthorized }
            return session
        }
    }
}
