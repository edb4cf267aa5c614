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

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, responseCache: Bool = true) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.responseCache = responseCache
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
