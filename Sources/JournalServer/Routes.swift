import HTTPTypes
import Hummingbird

/// One operation of the API, as the OpenAPI document names it: the route table registers
/// handlers from these and a test compares them with the document.
public struct APIOperation: Sendable, Hashable, CustomStringConvertible {
    public var method: HTTPRequest.Method
    /// With `{parameters}`, as in OpenAPI: `/api/v1/students/{studentID}/diary`.
    public var path: String

    public var description: String { "\(method.rawValue) \(path)" }

    /// The path in Hummingbird's form: `/api/v1/students/:studentID/diary`.
    var routerPath: RouterPath {
        RouterPath(
            path.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
            }.joined(separator: "/"))
    }
}

/// Registers operations and remembers them.
final class APIRoutes<Context: RequestContext>: @unchecked Sendable {
    let router: Router<Context>
    private(set) var operations: [APIOperation] = []

    init(_ router: Router<Context>) { self.router = router }

    func on(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        let operation = APIOperation(method: method, path: path)
        operations.append(operation)
        router.on(operation.routerPath, method: method) { request, context in try await handler(request, context) }
    }
}

extension Parameters {
    /// A path id, or a 400 saying what is expected.
    func id(_ name: String) throws -> Int64 {
        guard let text = get(name), let value = Int64(text), value > 0 else {
            throw Problem.badRequest("'\(name)' in the path must be a positive whole number", field: name)
        }
        return value
    }
}

extension Request {
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name).map { String($0) }
    }
}
