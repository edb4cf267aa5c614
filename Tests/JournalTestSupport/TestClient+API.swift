public import Foundation
public import Hummingbird
public import HummingbirdTesting
public import JournalAccess
public import JournalServer
import JournalService
import NIOCore
public import Testing

extension TestSchool {
    /// The application over this school, as the server builds it: `app.test(.router)` for
    /// HTTP without sockets.
    public func application(_ configuration: ServerConfiguration = ServerConfiguration()) -> some ApplicationProtocol {
        buildApplication(service: service, configuration: configuration)
    }

    /// Runs `body` against the application the server builds, without sockets.
    public func withClient<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application().test(.router, body)
    }
}

/// What `POST /api/v1/session` answers.
public struct SignedIn: Decodable, Sendable {
    public var token: String
    public var expiresAt: Date
    public var mustChangePassword: Bool
    public var login: String

    /// The sign-in body for a login and a password.
    public static func body(_ login: String, _ password: String) -> String {
        let body = try! JSONEncoder().encode(["login": login, "password": password])
        return String(decoding: body, as: UTF8.self)
    }
}

extension TestClientProtocol {
    /// Sends a request as the holder of `token` (anonymous without one), with a JSON body. The
    /// tests read the problems' English words unless they ask for another `language` (nil: the
    /// server's default, Russian).
    @discardableResult
    public func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        language: String? = "en"
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        if let language { headers[.acceptLanguage] = language }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Signs in and returns the session as the server gives it; fails the test when the server refuses.
    public func signIn(_ login: String, password: String, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> SignedIn
    {
        let response = try await send(.post, "/api/v1/session", json: SignedIn.body(login, password))
        #expect(response.status == .ok, "signing in as \(login): \(response.text)", sourceLocation: sourceLocation)
        return try response.decode(SignedIn.self)
    }

    /// The administrator's view of a decision: `GET /api/v1/access/explain`.
    public func explain(
        account: some CustomStringConvertible, capability: Capability, object: String, asAdministrator token: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Decision {
        let response = try await send(
            .get, "/api/v1/access/explain?account=\(account)&capability=\(capability.rawValue)&object=\(object)",
            token: token)
        #expect(response.status == .ok, "explain: \(response.text)", sourceLocation: sourceLocation)
        return try response.decode(Decision.self)
    }
}

extension TestResponse {
    /// The body as text.
    public var text: String { String(buffer: body) }

    /// The body decoded from JSON, with ISO 8601 dates.
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(body.readableBytesView))
    }

    /// The RFC 9457 problem document of an error answer.
    public var problem: Problem? {
        guard headers[.contentType]?.hasPrefix("application/problem+json") == true else { return nil }
        return try? decode(Problem.self)
    }

    /// Whether the answer is a refusal by access control: 403 `/problems/access-denied`.
    public var isAccessDenied: Bool { status == .forbidden && problem?.type == "/problems/access-denied" }

    /// The value of a cookie this response sets.
    public func cookie(named name: String) -> String? {
        for header in headers[values: .setCookie] where header.hasPrefix("\(name)=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }
}
