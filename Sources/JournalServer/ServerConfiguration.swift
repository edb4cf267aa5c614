public import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How `journal serve` runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Send cookies with the Secure attribute and HSTS on every answer, whatever the request
    /// says: an override for a proxy that does not tell (see ``isSecure(_:peer:)``).
    public var secureCookies: Bool
    /// The address people use, such as `https://journal.school.ru`: printed on account slips;
    /// when it is HTTPS, cookies are Secure and HSTS is sent.
    public var publicURL: URL?
    /// Keep encoded diary weeks until the journal data changes.
    public var responseCache: Bool
    /// Connections at once, per client address, and how long they may wait.
    public var connectionLimits: ConnectionLimits
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the client (its last hop);
    /// from anyone else the header is ignored.
    public var trustedProxies: Set<String>
    /// Delivery to families: how often the scheduler runs and the mail transport it sends
    /// with; nil runs no scheduler (tests that do not need one).
    public var delivery: DeliverySettings?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, publicURL: URL? = nil,
        responseCache: Bool = true, connectionLimits: ConnectionLimits = ConnectionLimits(),
        trustedProxies: [String] = [], delivery: DeliverySettings? = nil
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.publicURL = publicURL
        self.responseCache = responseCache
        self.connectionLimits = connectionLimits
        self.trustedProxies = Set(trustedProxies.compactMap { ClientAddress.key($0) })
        self.delivery = delivery
    }

    /// Whether `text` is an IPv4 or IPv6 address, as `--trusted-proxy` takes.
    public static func isIPAddress(_ text: String) -> Bool { ClientAddress.key(text) != nil }

    /// The key of the client a request comes from, for the per-address limits.
    func client(_ request: Request, _ context: JournalRequestContext) -> String? {
        ClientAddress.of(request, peer: context.peer, trustedProxies: trustedProxies)
    }

    /// Whether the browser reached the school over HTTPS: the public address is HTTPS, a trusted
    /// proxy says so (`X-Forwarded-Proto: https`; from anyone else the header is ignored), or
    /// `--secure-cookies` says so.
    func isSecure(_ request: Request, peer: SocketAddress?) -> Bool {
        if secureCookies || publicURL?.scheme?.lowercased() == "https" { return true }
        guard let peer = ClientAddress.key(peer), trustedProxies.contains(peer) else { return false }
        return request.headers[Self.forwardedProto]?.lowercased() == "https"
    }

    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// The session cookie's name.
    public static let sessionCookie = "sj_session"

    /// The session cookie for the browser: HttpOnly, SameSite=Lax; Secure behind HTTPS
    /// (``TransportSecurityMiddleware`` marks every cookie of such a request).
    func sessionCookie(_ token: String, maximumAge: TimeInterval) -> Cookie {
        (try? Cookie.validated(
            name: Self.sessionCookie, value: token, maxAge: Int(maximumAge), path: "/", httpOnly: true,
            sameSite: .lax))!
    }

    /// The same cookie, expired: signing out.
    func expiredSessionCookie() -> Cookie {
        (try? Cookie.validated(
            name: Self.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))!
    }
}
