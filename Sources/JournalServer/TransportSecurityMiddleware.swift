import Foundation
import HTTPTypes
import Hummingbird

/// Marks every cookie `Secure` and sends HSTS whenever the browser reached the school over
/// HTTPS: the server itself speaks plain HTTP behind a reverse proxy that ends TLS, so it
/// learns this from the school's public address (`--public-url https://…`), or from a
/// trusted proxy's `X-Forwarded-Proto: https`. `--secure-cookies` forces it.
struct TransportSecurityMiddleware: RouterMiddleware {
    typealias Context = JournalRequestContext
    let configuration: ServerConfiguration

    /// A year, as browsers' preload lists expect; no subdomains: a school may host other sites.
    static let strictTransportSecurity = "max-age=31536000"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        guard configuration.isSecure(request, peer: context.peer) else { return response }
        response.headers[.strictTransportSecurity] = Self.strictTransportSecurity
        let cookies = response.headers[values: .setCookie]
        if cookies.contains(where: { !Self.isSecure($0) }) {
            response.headers[values: .setCookie] = cookies.map { Self.isSecure($0) ? $0 : $0 + "; Secure" }
        }
        return response
    }

    static func isSecure(_ cookie: String) -> Bool {
        cookie.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "secure" }
    }
}
