import Foundation
import Hummingbird
import HummingbirdTesting
import JournalServer
import Testing

/// Authentication comes first everywhere: a request without a session is answered 401 before
/// its path, query or body is read, so that nobody learns what a route accepts (or what it
/// refuses) without signing in.
@Suite struct AuthenticationFirstTests {
    /// Every operation that needs a session, called without one and with everything else
    /// wrong: ids that are not numbers, no query, a body that is not JSON.
    @Test func everyOperationAsksForASessionBeforeItReadsTheRequest() async throws {
        let service = try await OpenAPIDocumentTests.service()
        let (router, operations) = buildRouter(service: service)
        let app = Application(router: router)
        let closed = operations.filter { !OpenAPIDocumentTests.open.contains($0.description) }
        #expect(closed.count > 20)
        try await app.test(.router) { client in
            for operation in closed {
                let uri = operation.path.replacing(/\{[A-Za-z]+\}/, with: "x")
                let body = ByteBuffer(string: "{not json")
                try await client.execute(
                    uri: uri, method: operation.method, headers: [.contentType: "application/json"], body: body
                ) { response in
                    #expect(response.status == .unauthorized, "\(operation): \(response.status)")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer", "\(operation)")
                }
            }
        }
    }

    /// The case of the issue: explain access answered 400 for a missing account before it
    /// looked at the session.
    @Test func explainAccessWithoutASessionIsUnauthorizedWhateverItsQuery() async throws {
        let app = Application(router: buildRouter(service: try await OpenAPIDocumentTests.service()).router)
        try await app.test(.router) { client in
            for uri in ["/api/v1/access/explain", "/api/v1/access/explain?account=x&capability=nothing&object=?"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                }
            }
        }
    }
}
