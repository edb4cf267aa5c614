import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import Localization

/// Signs people in and out of the web pages, checks CSRF tokens and picks the language.
struct WebSupport: Sendable {
    let service: JournalService
    let configuration: ServerConfiguration

    static let languageCookie = "sj_lang"
    /// Before sign-in there is no session: the login form's token is also set as a cookie.
    static let formCookie = "sj_form"

    func language(_ request: Request) -> Language { Self.language(request) }

    /// Where people sign in, as the administrator's browser reached the server: for the slips.
    func signInAddress(_ request: Request) -> String? {
        if let publicURL = configuration.publicURL { return publicURL.appendingPathComponent("login").absoluteString }
        guard let host = request.head.authority, !host.isEmpty,
            host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) })
        else { return nil }
        let scheme = request.headers[.init("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return "\(scheme)://\(host)/login"
    }

    static func language(_ request: Request) -> Language {
        if let chosen = request.query("lang").flatMap(Language.init(rawValue:)) { return chosen }
        if let cookie = request.cookies[Self.languageCookie]?.value, let language = Language(rawValue: cookie) {
            return language
        }
        return Language(preferring: request.headers[.acceptLanguage])
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Renders a page in the layout.
    func render(_ template: String, _ page: WebPage, status: HTTPResponse.Status = .ok) -> Response {
        var values = page.context(csrf: page.session?.csrfToken)
        values["content"] = template
        var response = WebResponse.html(WebRenderer.shared.render(template, values), status: status)
        if let cookie = try? Cookie.validated(
            name: Self.languageCookie, value: page.language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
            httpOnly: true, sameSite: .lax)
        {
            response.setCookie(cookie)
        }
        return response
    }

    static func escapeQuery(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_"))) ?? "/"
    }

    /// Only same-site paths may be returned to after sign-in.
    static func safeNext(_ next: String?) -> String {
        // A path of this site only: browsers drop tabs and line breaks from URLs, so
        // "/\t/evil.example" would become "//evil.example".
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return "/" }
        return next
    }
}

/// Thrown by page handlers to send the browser elsewhere.
struct WebRedirect: Error {
    var location: String
}

/// Thrown by page handlers when the person may not see a page: a 403 that says why.
struct WebForbidden: Error {
    var reason: String
    /// A string of the localisation table, shown in the reader's language.
    var key: String?

    init(reason: String) { self.reason = reason }

    init(key: String) {
        self.reason = Strings.text(key, .en)
        self.key = key
    }
}
