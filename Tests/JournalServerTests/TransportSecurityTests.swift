import Foundation
import Hummingbird
import HummingbirdTesting
import JournalServer
import Testing

/// Cookies are Secure and HSTS is sent whenever the school is reached over HTTPS — told by its
/// public address or by a trusted proxy — not only with `--secure-cookies` (issue 9, item 7).
@Suite("HTTPS behind a proxy: Secure cookies and HSTS")
struct TransportSecurityTests {
    static func head(port: Int, from source: String, proto: String?) async throws -> String {
        let connection = try RawConnection(port: port, from: source)
        let forwarded = proto.map { "X-Forwarded-Proto: \($0)\r\n" } ?? ""
        try connection.send("GET /login HTTP/1.1\r\nHost: journal.school.ru\r\nConnection: close\r\n\(forwarded)\r\n")
        guard case .data(let text) = await connection.wait(.seconds(10)) else { return "" }
        return String(text.prefix { $0 != "<" })
    }

    @Test func aTrustedProxyThatSaysHTTPSMakesCookiesSecureAndSendsHSTS() async throws {
        let service = try await LiveServer.service()
        let configuration = ServerConfiguration(trustedProxies: ["127.0.0.1"])
        try await LiveServer.run(service, configuration) { port async throws in
            let viaProxy = try await Self.head(port: port, from: "127.0.0.1", proto: "https")
            #expect(viaProxy.lowercased().contains("strict-transport-security: max-age=31536000"), "\(viaProxy)")
            let cookies = viaProxy.split(separator: "\r\n").filter { $0.lowercased().hasPrefix("set-cookie:") }
            #expect(!cookies.isEmpty && cookies.allSatisfy { $0.hasSuffix("; Secure") }, "\(cookies)")
            // Plain HTTP through the proxy, or the header from anyone else: neither.
            for (source, proto) in [("127.0.0.1", "http"), ("127.0.0.2", "https")] {
                let plain = try await Self.head(port: port, from: source, proto: proto)
                #expect(!plain.lowercased().contains("strict-transport-security"), "\(source) \(proto)")
                #expect(!plain.contains("; Secure"), "\(source) \(proto)")
            }
        }
    }

    @Test func anHTTPSPublicAddressMakesEveryAnswerSecure() async throws {
        let service = try await LiveServer.service()
        let configuration = ServerConfiguration(publicURL: URL(string: "https://journal.school.ru"))
        let app = buildApplication(service: service, configuration: configuration)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/login", method: .get)
            #expect(response.headers[.strictTransportSecurity] == "max-age=31536000")
            let cookies = response.headers[values: .setCookie]
            #expect(!cookies.isEmpty && cookies.allSatisfy { $0.hasSuffix("; Secure") }, "\(cookies)")
        }
    }
}
