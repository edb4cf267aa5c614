import HTTPTypes
import Hummingbird

/// Lets through only canonical paths, before any other decision is made on the path.
///
/// The router ignores empty segments, so `//api/v1/marks` reaches the same handler as
/// `/api/v1/marks` — while a check written as `path.hasPrefix("/api/")` sees something else.
/// Deciding twice on two spellings of one path is how checks get skipped: a path with an
/// empty, `.` or `..` segment, or a trailing slash, is answered here instead. A page read
/// (GET or HEAD) is redirected to its canonical spelling; anything else is refused with the
/// spelling to use.
struct CanonicalPathMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard let canonical = Self.canonical(path) else {
            throw Problem(
                "invalid-path", status: .badRequest, key: "problem.path_dot_segment", ["path": Self.shown(path)])
        }
        guard canonical != path else { return try await next(request, context) }
        if request.method == .get || request.method == .head {
            let query = request.uri.query.map { "?\($0)" } ?? ""
            return Response(status: .permanentRedirect, headers: [.location: canonical + query])
        }
        throw Problem(
            "invalid-path", status: .badRequest, key: "problem.path_not_canonical",
            ["path": Self.shown(path), "canonical": canonical])
    }

    /// The path without empty segments and trailing slash; nil when a segment is `.` or `..`.
    /// A canonical path always starts with exactly one slash, so a redirect to it can never
    /// leave the site (`//evil.example` is a path to the router but a host to a browser).
    static func canonical(_ path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return nil }
        return "/" + segments.joined(separator: "/")
    }

    private static func shown(_ path: String) -> String {
        path.count > 200 ? String(path.prefix(200)) + "…" : path
    }
}

extension Request {
    /// Whether the request is for the JSON API, decided on the canonical spelling of its path.
    var isAPI: Bool {
        let path = uri.path
        if path.hasPrefix("/api/") { return true }
        return CanonicalPathMiddleware<BasicRequestContext>.canonical(path)?.hasPrefix("/api/")
            ?? path.contains("/api/")
    }
}
