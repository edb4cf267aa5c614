import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The trivial health route and the API's own description.
struct MetaController {
    struct Health: Encodable {
        var status = "ok"
    }

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/health", access: .open, use: health)
        routes.on(.get, "/api/v1/openapi.yaml", access: .open, use: openAPIDocument)
    }

    /// Says the server answers.
    @Sendable func health(_ request: Request, context: JournalRequestContext) async throws -> Response {
        return try JSON.response(Health())
    }

    /// The API's OpenAPI document.
    @Sendable func openAPIDocument(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/yaml; charset=utf-8"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
    }
}

/// The OpenAPI 3.1 document of the API, served at `/api/v1/openapi.yaml`.
public enum OpenAPIDocument {
    public static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let data = try? Data(contentsOf: url)
        else { return "openapi: 3.1.0\ninfo: {title: SchoolJournal, version: missing}\npaths: {}\n" }
        return String(decoding: data, as: UTF8.self)
    }()
}
