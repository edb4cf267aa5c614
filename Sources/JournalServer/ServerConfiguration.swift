import Foundation
import Hummingbird

/// How `journal serve` runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Send cookies with the Secure attribute (behind HTTPS).
    public var secureCookies: Bool
    /// Keep encoded diary weeks until the journal data changes.
    public var responseCache: Bool
    /// Connections at once, per client address, and how long they may wait.
    public var connectionLimits: ConnectionLimits
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the client (its last hop);
    /// from anyone else the header is ignored.
    public var trustedProxies: Set<String>

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, responseCache: Bool = true,
        connectionLimits: ConnectionLimits = ConnectionLimits(), trustedProxies: [String] = []
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.responseCache = responseCache
        self.connectionLimits = connectionLimits
        self.trustedProxies = Set(trustedProxies.compactMap { ClientAddress.key($0) })
    }

    /// Whether `text` is an IPv4 or IPv6 address, as `--trusted-proxy` takes.
    public static func isIPAddress(_ text: String) -> Bool { ClientAddress.key(text) != nil }

    /// The key of the client a request comes from, for the per-address limits.
    func client(_ request: Request, _ context: JournalRequestContext) -> String? {
        ClientAddress.of(request, peer: context.peer, trustedProxies: trustedProxies)
    }

    /// The session cookie's name.
    public static let sessionCookie = "sj_session"

    /// The session cookie for the browser: HttpOnly, SameSite=Lax, Secure behind HTTPS.
    func sessionCookie(_ token: String, maximumAge: TimeInterval) -> Cookie {
        (try? Cookie.validated(
            name: Self.sessionCookie, value: token, maxAge: Int(maximumAge), path: "/", secure: secureCookies,
            httpOnly: true, sameSite: .lax))!
    }

    /// The same cookie, expired: signing out.
    func expiredSessionCookie() -> Cookie {
        (try? Cookie.validated(
            name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true,
            sameSite: .lax))!
    }
}
