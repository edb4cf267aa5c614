import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A signed-in browser: the session cookie and the session's CSRF token, as a person gets
/// them by signing in through the login form.
struct Browser {
    let client: any TestClientProtocol
    let session: String
    let csrf: String

    /// Signs in through GET and POST /login, then reads the session's CSRF token from a page.
    static func signIn(_ client: any TestClientProtocol, login: String, password: String) async throws -> Browser {
        let form = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
        let formToken = try #require(Self.hiddenCSRF(in: String(buffer: form.body)))
        let formCookie = try #require(Self.cookie("sj_form", in: form))
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = "sj_form=\(formCookie)"
        let body = Self.encode(["csrf": formToken, "login": login, "password": password, "next": "/journal"])
        let signedIn = try await client.execute(
            uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
        #expect(signedIn.status == .seeOther, "signing in as \(login): \(String(buffer: signedIn.body))")
        let session = try #require(Self.cookie("sj_session", in: signedIn))
        var browser = Browser(client: client, session: session, csrf: "")
        let home = try await browser.get("/")
        browser = Browser(client: client, session: session, csrf: try #require(Self.hiddenCSRF(in: home.text)))
        return browser
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers(), body: nil)
    }

    /// Posts a form; the session's CSRF token is added unless `csrf` is false.
    func post(_ uri: String, _ fields: [String: String], csrf: Bool = true) async throws -> TestResponse {
        var fields = fields
        if csrf { fields["csrf"] = self.csrf }
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
    }

    /// Calls the JSON API with the session cookie, as the grid's script does.
    func api(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, csrfHeader: Bool) async throws
        -> TestResponse
    {
        var headers = headers()
        if json != nil { headers[.contentType] = "application/json" }
        if csrfHeader { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    func headers() -> HTTPFields {
        var headers = HTTPFields()
        headers[.cookie] = "sj_session=\(session)"
        return headers
    }

    static func hiddenCSRF(in html: String) -> String? {
        guard let start = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    static func cookie(_ name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] where header.hasPrefix("\(name)=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func encode(_ fields: [String: String]) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
