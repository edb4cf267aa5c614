import Foundation
public import HTTPTypes
public import HummingbirdTesting
import NIOCore
public import Testing

/// A person in a browser: the session cookie from signing in through the login form, and the
/// session's CSRF token as the pages carry it.
public struct Browser: Sendable {
    public let client: any TestClientProtocol
    /// The `Cookie` header the browser sends: the session cookie.
    public let cookie: String
    /// The session's CSRF token, read from a page.
    public let csrf: String

    /// Signs `person` in with ``TestSchool/password``.
    public static func signIn(
        _ client: any TestClientProtocol, as person: Person, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Browser {
        try await signIn(client, login: person.login, password: TestSchool.password, sourceLocation: sourceLocation)
    }

    /// Signs in as a browser does: reads the login form's token and cookie, posts the form, keeps
    /// the session cookie, and reads the session's CSRF token from the home page.
    public static func signIn(
        _ client: any TestClientProtocol, login: String, password: String = TestSchool.password,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Browser {
        let form = try await client.execute(uri: "/login", method: .get)
        let token = try #require(form.text.hiddenValue("csrf"), sourceLocation: sourceLocation)
        let formCookie = try #require(form.cookie(named: "sj_form"), sourceLocation: sourceLocation)
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = "sj_form=\(formCookie)"
        let body = encode([("csrf", token), ("login", login), ("password", password), ("next", "/")])
        let signedIn = try await client.execute(
            uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
        #expect(
            signedIn.status == .seeOther, "signing in as \(login): \(signedIn.text)", sourceLocation: sourceLocation)
        let session = try #require(signedIn.cookie(named: "sj_session"), sourceLocation: sourceLocation)
        let browser = Browser(client: client, cookie: "sj_session=\(session)", csrf: "")
        let home = try await browser.get("/")
        return Browser(
            client: client, cookie: browser.cookie,
            csrf: try #require(home.text.hiddenValue("csrf"), sourceLocation: sourceLocation))
    }

    public func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers())
    }

    /// Posts a form, with the session's CSRF token first unless `csrf` is false.
    public func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = Self.encode((csrf ? [("csrf", self.csrf)] : []) + fields)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a form of fields in the order of their names.
    public func post(_ uri: String, _ fields: [String: String], csrf: Bool = true) async throws -> TestResponse {
        try await post(uri, fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, csrf: csrf)
    }

    /// Calls the JSON API with the session cookie, as the pages' scripts do, with the CSRF
    /// header when `csrfHeader` is true.
    public func api(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, csrfHeader: Bool) async throws
        -> TestResponse
    {
        var headers = headers()
        if json != nil { headers[.contentType] = "application/json" }
        if csrfHeader { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// The headers of every request: the session cookie.
    public func headers() -> HTTPFields {
        var headers = HTTPFields()
        headers[.cookie] = cookie
        return headers
    }

    /// A form body, `application/x-www-form-urlencoded`.
    public static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0))=\(escape($1))" }.joined(separator: "&")
    }

    /// Text percent-encoded for a query or a form body.
    public static func escape(_ text: String) -> String {
        let unreserved = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved)!
    }
}

extension String {
    /// The value of the first hidden input named `name` in a page.
    public func hiddenValue(_ name: String) -> String? {
        guard let range = range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(self[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The text as HTML content shows it, for comparing with pages.
    public var htmlEscaped: String {
        var escaped = ""
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
