import Foundation
import Hummingbird
import JournalModel
import JournalService

/// Sign-in, sign-out, one's own password and profile (R20).
struct SessionController {
    let service: JournalService
    let configuration: ServerConfiguration

    struct SignInRequest: Decodable {
        var login: String
        var password: String
        /// `cookie` for a browser (an HttpOnly cookie is set), `bearer` for API clients.
        var kind: SessionKind?
    }

    struct SignInResponse: Encodable {
        var token: String
        var expiresAt: Date
        var mustChangePassword: Bool
        var login: String
    }

    struct PasswordChange: Decodable {
        var currentPassword: String
        var newPassword: String
    }

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.post, "/api/v1/session", access: .open, use: signIn)
        routes.on(.delete, "/api/v1/session", use: signOut)
        routes.on(.post, "/api/v1/session/password", use: changePassword)
        routes.on(.get, "/api/v1/me", use: profile)
    }

    /// Signs in; a `cookie` session also gets its cookie.
    @Sendable func signIn(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(SignInRequest.self, request, context: context)
        let kind = body.kind ?? .bearer
        let (token, session) = try await service.signIn(
            login: body.login, password: body.password, kind: kind, client: configuration.client(request, context))
        var response = try JSON.response(
            SignInResponse(
                token: token, expiresAt: session.expiresAt, mustChangePassword: session.mustChangePassword,
                login: session.account.login))
        if kind == .cookie {
            response.setCookie(
                configuration.sessionCookie(token, maximumAge: service.sessionPolicy.maximumAge))
        }
        return response
    }

    /// Ends the caller's session.
    @Sendable func signOut(_ request: Request, context: JournalRequestContext) async throws -> Response {
        guard let session = context.session else { throw Problem.unauthorized }
        try await service.signOut(token: session.token)
        var response = Response(status: .noContent)
        response.setCookie(configuration.expiredSessionCookie())
        return response
    }

    /// Changes the caller's own password.
    @Sendable func changePassword(_ request: Request, context: JournalRequestContext) async throws -> Response {
        guard let session = context.session else { throw Problem.unauthorized }
        let body = try await JSON.body(PasswordChange.self, request, context: context)
        try await service.changePassword(session, current: body.currentPassword, new: body.newPassword)
        return Response(status: .noContent)
    }

    /// The caller's profile: who they are, their roles, children and rights.
    @Sendable func profile(_ request: Request, context: JournalRequestContext) async throws -> Response {
        guard let session = context.session else { throw Problem.unauthorized }
        return try JSON.response(try await service.profile(session))
    }
}
