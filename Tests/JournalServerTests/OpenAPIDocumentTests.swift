import Foundation
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalRules
import JournalServer
import JournalService
import JournalTestSupport
import Testing

/// The OpenAPI document and the router agree: every operation the router registers is
/// documented with its method, nothing else is, every operation has its own operationId, and
/// the server serves the document as it is in the repository.
@Suite struct OpenAPIDocumentTests {
    static let resource = TestSchool.repository.appendingPathComponent("Sources/JournalServer/Resources/openapi.yaml")

    /// A school with no accounts.
    static func service() async throws -> JournalService { try await TestSchool.make(.empty).service }

    static func registered() async throws -> [DocumentedOperations.Operation] {
        buildRouter(service: try await service()).operations.map {
            DocumentedOperations.Operation(method: $0.method.rawValue.lowercased(), path: $0.path)
        }
    }

    static func documented() throws -> DocumentedOperations {
        try DocumentedOperations(yaml: try String(contentsOf: resource, encoding: .utf8))
    }

    @Test func everyRegisteredOperationIsDocumentedWithItsMethod() async throws {
        let registered = try await Self.registered()
        let documented = Set(try Self.documented().operations)
        #expect(!registered.isEmpty)
        #expect(Set(registered).count == registered.count, "an operation is registered twice")
        let missing = registered.filter { !documented.contains($0) }
        #expect(missing.isEmpty, "registered but not in openapi.yaml: \(missing)")
    }

    @Test func theDocumentDescribesNoOperationTheRouterLacks() async throws {
        let registered = Set(try await Self.registered())
        let documented = try Self.documented().operations
        #expect(Set(documented).count == documented.count, "an operation is documented twice")
        let extra = documented.filter { !registered.contains($0) }
        #expect(extra.isEmpty, "in openapi.yaml but not registered: \(extra)")
    }

    @Test func everyOperationHasItsOwnOperationID() throws {
        let entries = try Self.documented().entries
        let missing = entries.filter { $0.operationID == nil }.map(\.operation)
        #expect(missing.isEmpty, "without an operationId: \(missing)")
        let ids = entries.compactMap(\.operationID)
        let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "operationIds used more than once: \(repeated)")
    }

    @Test func theServedDocumentIsTheResourceFile() async throws {
        let text = try String(contentsOf: Self.resource, encoding: .utf8)
        #expect(OpenAPIDocument.text == text)
        let app = buildApplication(service: try await Self.service(), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(String(buffer: response.body) == text)
            }
        }
    }

    @Test func aMethodThePathDoesNotServeIsAnswered405WithAllow() async throws {
        let app = buildApplication(service: try await Self.service(), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/health", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            }
            try await client.execute(uri: "/api/v1/marks/7", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "PATCH, DELETE")
            }
            try await client.execute(uri: "/api/v1/no-such-thing", method: .put) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.allow] == nil)
            }
        }
    }

    /// Everyone else is answered 401 before anything of their request is read.
    static let open: Set<String> = ["GET /api/v1/health", "GET /api/v1/openapi.yaml", "POST /api/v1/session"]

    @Test func everyOperationThatNeedsASessionDocuments401() throws {
        let missing = try Self.documented().entries
            .filter { !Self.open.contains($0.operation.description) && !$0.statuses.contains("401") }
            .map(\.operation.description)
        #expect(missing.isEmpty, "without 401: \(missing)")
    }

    @Test func everyOperationDocuments503ForABusyOrFailingDatabase() throws {
        let entries = try Self.documented().entries
        #expect(entries.allSatisfy { !$0.statuses.isEmpty }, "an operation without responses")
        let missing = entries.filter { !$0.statuses.contains("503") }.map(\.operation.description)
        #expect(missing.isEmpty, "without 503: \(missing)")
    }

    /// The writes that carry the version an object was read at, and are refused when stale.
    @Test(arguments: [
        "PATCH /api/v1/marks/{markID}", "DELETE /api/v1/marks/{markID}", "PATCH /api/v1/lessons/{lessonID}",
        "PUT /api/v1/lessons/{lessonID}/attendance/{studentID}",
        "PUT /api/v1/students/{studentID}/subjects/{subjectID}/period-mark",
    ])
    func aVersionedWriteDocumentsItsConflict(operation: String) throws {
        let entry = try #require(try Self.documented().entries.first { $0.operation.description == operation })
        #expect(entry.statuses.contains("409"), "\(operation) documents no 409")
    }

    @Test func theAttendanceChangeCarriesItsVersion() throws {
        let text = try String(contentsOf: Self.resource, encoding: .utf8)
        let schema = try #require(text.range(of: "    AttendanceChange:\n"))
        let next = try #require(text.range(of: "\n    Attendance:\n", range: schema.upperBound..<text.endIndex))
        let body = text[schema.upperBound..<next.lowerBound]
        #expect(body.contains("        version:\n          type: integer"))
    }

    // The reader itself: a difference between document and router must show.

    static let sample = """
        openapi: 3.1.0
        info:
          title: sample
        paths:
          /api/v1/health:
            get:
              operationId: getHealth
              responses: {}
          "/api/v1/marks/{markID}":
            parameters:
              - name: markID
            patch:
              summary: no id here
              description: |
                get:
                operationId: notThis
              responses:
                "200":
                  description: ok
                "409":
                  $ref: "#/components/responses/Conflict"
            delete:
              operationId: getHealth
        components: {}
        """

    @Test func theReaderFindsEachOperationWithItsID() throws {
        let entries = try DocumentedOperations(yaml: Self.sample).entries
        #expect(
            entries.map(\.operation.description) == [
                "GET /api/v1/health", "PATCH /api/v1/marks/{markID}", "DELETE /api/v1/marks/{markID}",
            ])
        #expect(entries.map(\.operationID) == ["getHealth", nil, "getHealth"])
        #expect(entries.map(\.statuses) == [[], ["200", "409"], []])
    }

    @Test func theReaderRefusesADocumentItCannotRead() {
        #expect(throws: DocumentedOperations.Unreadable.self) {
            try DocumentedOperations(yaml: "openapi: 3.1.0\npaths: {\"/a\": {get: {}}}\n")
        }
        #expect(throws: DocumentedOperations.Unreadable.self) {
            try DocumentedOperations(yaml: "openapi: 3.1.0\npaths:\n  /a:\n    get: {operationId: x}\n")
        }
        #expect(throws: DocumentedOperations.Unreadable.self) {
            try DocumentedOperations(yaml: "openapi: 3.1.0\ninfo:\n  title: no paths\n")
        }
    }
}
