import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import Localization
import NIOCore
import Workers

/// Sign-in, the forced password change, sign-out, the home page and the static files.
struct AuthPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// The pages anyone may open: the static files and signing in.
    func addOpenRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/static/:file", use: staticFile)
            .get("/login", use: loginForm)
            .post("/login", use: signIn)
    }

    /// The pages of a signed-in person, behind ``RequireSessionMiddleware``.
    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.post("/logout", use: signOut)
            .get("/password", use: passwordForm)
            .post("/password", use: changePassword)
            .get("/", use: home)
    }

    /// What the login form posts.
    struct SignInForm: Decodable {
        var csrf: String?
        var login: String?
        var password: String?
        var next: String?
    }

    /// What the password form posts.
    struct PasswordForm: Decodable {
        var current: String?
        var new: String?
        var `repeat`: String?
    }

    @Sendable func staticFile(_ request: Request, context: JournalRequestContext) async throws -> Response {
        guard let name = context.parameters.get("file"), let file = WebRenderer.shared.staticFiles[name] else {
            throw Problem.notFound("problem.no_such_file")
        }
        var headers = HTTPFields()
        headers[.contentType] = file.type
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

    @Sendable func loginForm(_ request: Request, context: JournalRequestContext) async throws -> Response {
        if context.session != nil { return WebResponse.redirect("/") }
        return loginPage(request, error: nil, login: "")
    }

    /// Signs in. There is no session yet: the form's token must match the cookie the login
    /// page set, and a mismatch shows the form again rather than the 403 page.
    @Sendable func signIn(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let form = try await request.decodeForm(SignInForm.self)
        let language = web.language(request)
        guard let token = form.csrf, let cookie = request.cookies[WebSupport.formCookie]?.value,
            WebSupport.equal(token, cookie)
        else {
            return loginPage(request, error: Strings.text("web.csrf", language), login: form.login ?? "")
        }
        do {
            let (token, session) = try await service.signIn(
                login: form.login ?? "", password: form.password ?? "", kind: .cookie,
                client: web.configuration.client(request, context))
            var response = WebResponse.redirect(
                session.mustChangePassword ? "/password" : WebSupport.safeNext(form.next))
            response.setCookie(web.configuration.sessionCookie(token, maximumAge: service.sessionPolicy.maximumAge))
            return response
        } catch let error as SignInError {
            let message: String =
                switch error {
                case .invalidCredentials: Strings.text("web.login_wrong", language)
                case .locked: Strings.text("web.login_locked", language)
                case .tooManyAttempts(let wait):
                    Strings.text("web.login_too_many", language, ["seconds": String(Problem.seconds(wait))])
                case .disabled: Strings.text("web.login_disabled", language)
                }
            let status: HTTPResponse.Status =
                switch error {
                case .locked, .tooManyAttempts: .tooManyRequests
                case .invalidCredentials, .disabled: .unauthorized
                }
            var response = loginPage(request, error: message, login: form.login ?? "", status: status)
            if let wait = error.retryAfter { response.headers[.retryAfter] = String(Problem.seconds(wait)) }
            return response
        } catch is WorkerThreads.Busy {
            var response = loginPage(
                request, error: Strings.text("web.busy", language), login: form.login ?? "",
                status: .serviceUnavailable)
            response.headers[.retryAfter] = String(Problem.busyRetryAfter)
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await service.signOut(token: try context.signedIn.token)
        var response = WebResponse.redirect("/login")
        response.setCookie(web.configuration.expiredSessionCookie())
        return response
    }

    @Sendable func passwordForm(_ request: Request, context: JournalRequestContext) async throws -> Response {
        passwordPage(request, try context.signedIn, error: nil)
    }

    @Sendable func changePassword(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(PasswordForm.self)
        let language = web.language(request)
        guard form.new == form.repeat else {
            return passwordPage(request, session, error: Strings.text("web.password_mismatch", language))
        }
        do {
            try await service.changePassword(session, current: form.current ?? "", new: form.new ?? "")
        } catch let error as JournalError {
            return passwordPage(
                request, session, error: Strings.text("web.password_refused", language, ["reason": "\(error)"]))
        }
        return WebResponse.redirect("/?changed=1")
    }

    @Sendable func home(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await HomePage(web: web).render(request, try context.signedIn)
    }

    func loginPage(_ request: Request, error: String?, login: String, status: HTTPResponse.Status = .ok) -> Response {
        let language = web.language(request)
        let token = JournalService.newToken()
        var page = WebPage(title: Strings.text("login.title", language), language: language)
        page.error = error
        page.values = ["login": login, "formToken": token, "next": WebSupport.safeNext(request.query("next"))]
        var response = web.render("login", page, status: status)
        if let cookie = try? Cookie.validated(
            name: WebSupport.formCookie, value: token, path: "/login", httpOnly: true, sameSite: .strict)
        {
            response.setCookie(cookie)
        }
        return response
    }

    func passwordPage(_ request: Request, _ session: AuthenticatedSession, error: String?) -> Response {
        let language = web.language(request)
        var page = WebPage(title: Strings.text("password.title", language), language: language, session: session)
        page.error = error
        page.values = ["forced": session.mustChangePassword]
        return web.render("password", page, status: error == nil ? .ok : .unprocessableContent)
    }
}
