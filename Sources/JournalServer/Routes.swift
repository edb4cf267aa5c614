public import HTTPTypes
import Hummingbird
import JournalModel

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

/// A request context that knows whether someone signed in.
protocol AuthenticatingContext: RequestContext {
    /// Throws the 401 problem when nobody signed in.
    func requireSession() throws
}

/// Who may call an operation at all, before anything of the request is read.
enum OperationAccess: Sendable {
    /// Anyone: health, the API's document, signing in.
    case open
    /// Someone signed in; the handler and the service decide the rest.
    case signedIn
}

/// Registers operations and remembers them. Authentication comes first: an operation that is
/// not ``OperationAccess/open`` sits in a group behind ``RequireAPISessionMiddleware``, so that
/// a request without a session is answered 401 before its path, query or body is looked at,
/// and nothing about them is told to a stranger.
final class APIRoutes<Context: AuthenticatingContext>: @unchecked Sendable {
    let router: Router<Context>
    private let open: RouterGroup<Context>
    private let signedIn: RouterGroup<Context>
    private(set) var operations: [APIOperation] = []

    init(_ router: Router<Context>) {
        self.router = router
        open = router.group()
        signedIn = router.group().add(middleware: RequireAPISessionMiddleware<Context>())
    }

    /// Registers `handler` for an operation, in the group its access asks for.
    func on(
        _ method: HTTPRequest.Method, _ path: String, access: OperationAccess = .signedIn,
        use handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        let operation = APIOperation(method: method, path: path)
        operations.append(operation)
        let group = access == .open ? open : signedIn
        group.on(operation.routerPath, method: method, use: handler)
    }

    /// The methods registered for a concrete path such as `/api/v1/marks/7`, in the order
    /// they were registered; empty when no operation has that path.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/")
        // Which segments of each matching template are words rather than {parameters}: the
        // router takes a word over a parameter (`/surveys/open` is not `/surveys/{surveyID}`).
        var matching: [(operation: APIOperation, words: [Bool])] = []
        for operation in operations {
            let template = operation.path.split(separator: "/")
            guard template.count == parts.count else { continue }
            let words = template.map { !($0.hasPrefix("{") && $0.hasSuffix("}")) }
            let matches = zip(zip(template, parts), words).allSatisfy { pair, word in !word || pair.0 == pair.1 }
            if matches { matching.append((operation, words)) }
        }
        guard let best = matching.map(\.words).max(by: { $0.lexicographicallyPrecedes($1) { !$0 && $1 } }) else {
            return []
        }
        var methods: [HTTPRequest.Method] = []
        for entry in matching where entry.words == best && !methods.contains(entry.operation.method) {
            methods.append(entry.operation.method)
        }
        return methods
    }
}

/// Answers 401 to a request without a session, before its handler reads anything of it.
struct RequireAPISessionMiddleware<Context: AuthenticatingContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try context.requireSession()
        return try await next(request, context)
    }
}

/// Answers a method that an API path does not serve with 405 and `Allow` (RFC 9110), where
/// the router alone would say 404 as if the path did not exist.
struct MethodNotAllowedMiddleware<Context: AuthenticatingContext>: RouterMiddleware {
    let routes: APIRoutes<Context>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(forPath: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            throw Problem.methodNotAllowed(request.method, allowed: allowed)
        }
    }
}

extension Parameters {
    /// A path id, or a 400 saying what is expected.
    func id(_ name: String) throws -> Int64 {
        guard let text = get(name), let value = Int64(text), value > 0 else {
            throw Problem.badRequest("problem.path_id", ["name": name], field: name)
        }
        return value
    }
}

extension Request {
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name).map { String($0) }
    }
}

/// The filters of a query string, each checked as one kind of value. A page's form sends its
/// empty fields (`from=&teacherID=`), which mean no filter there; the API keeps them, so an
/// empty value where a date or a number is expected is refused there.
struct QueryFilters {
    let request: Request
    /// Whether an empty value counts as absent: the pages' forms.
    let fromForm: Bool

    init(_ request: Request, fromForm: Bool = false) {
        self.request = request
        self.fromForm = fromForm
    }

    /// The value as given, or nil when absent (or empty, from a form).
    func text(_ name: String) -> String? {
        guard let value = request.query(name), !(fromForm && value.isEmpty) else { return nil }
        return value
    }

    /// The value given and not empty, from a form or not: for filters where an empty value
    /// has always meant none.
    func filled(_ name: String) -> String? {
        guard let value = request.query(name), !value.isEmpty else { return nil }
        return value
    }

    /// A day `YYYY-MM-DD`, or a 400 naming the field and what was given.
    func date(_ name: String) throws -> LocalDate? {
        guard let text = text(name) else { return nil }
        guard let value = LocalDate(text) else {
            throw Problem.badRequest("problem.date_query_value", ["name": name, "text": text], field: name)
        }
        return value
    }

    /// A positive whole number, or a 400 naming the field and what was given.
    func positiveNumber(_ name: String) throws -> Int64? {
        guard let text = text(name) else { return nil }
        guard let value = Int64(text), value > 0 else {
            throw Problem.badRequest("problem.positive_number_query", ["name": name, "text": text], field: name)
        }
        return value
    }
}
