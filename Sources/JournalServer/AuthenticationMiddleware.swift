import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import Localization

/// Finds the session of a request, from the `sj_session` cookie or an `Authorization: Bearer`
/// header, and chooses the answer's language. It lets every request through: handlers decide
/// who may do what. A person who must change their password reaches only the routes that
/// let them do it.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = JournalRequestContext
    let service: JournalService

    static let openWhileChangingPassword: Set<String> = [
        "/api/v1/session", "/api/v1/session/password", "/api/v1/me", "/api/v1/health", "/api/v1/openapi.yaml",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.language = Language(preferring: request.headers[.acceptLanguage])
        // What any process committed since the last request is seen by this one.
        try service.refreshChanges()
        if let token = Self.token(request) {
            context.session = try await service.authenticate(token: token)
            context.session?.via = "\(request.method.rawValue) \(request.uri.path)"
        }
        if let session = context.session, session.mustChangePassword,
            request.isAPI, !Self.openWhileChangingPassword.contains(request.uri.path)
        {
            throw Problem.passwordChangeRequired
        }
        // A browser's cookie is sent to every request, a forged one too: API writes made with
        // a cookie session must carry the session's CSRF token in X-CSRF-Token.
        if let session = context.session, session.kind == .cookie, request.isAPI,
            ![.get, .head, .options].contains(request.method),
            !WebSupport.equal(request.headers[Self.csrfHeader] ?? "", session.csrfToken)
        {
            throw Problem(
                "csrf", status: .forbidden,
                detail: "send the page's CSRF token in the X-CSRF-Token header with writes made with a cookie session")
        }
        return try await next(request, context)
    }

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    static func token(_ request: Request) -> String? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        return request.cookies[ServerConfiguration.sessionCookie]?.value
    }
}
