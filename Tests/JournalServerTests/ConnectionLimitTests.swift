import Foundation
import JournalServer
import JournalService
import Testing

@testable import JournalServer

/// Connection exhaustion (issue 9, item 2), against a live server with short limits: one
/// address cannot take more than its share of connections, a connection that never sends a
/// whole head or sits idle is closed, the server stops accepting at its cap instead of
/// running out of descriptors, and only a trusted proxy may name the client.
@Suite("Connection limits", .serialized)
struct ConnectionLimitTests {
    static let health = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
    static let healthThenClose = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    static let halfHead = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-a: "

    static func configuration(_ limits: ConnectionLimits, trustedProxies: [String] = []) -> ServerConfiguration {
        ServerConfiguration(connectionLimits: limits, trustedProxies: trustedProxies)
    }

    @Test func aConnectionBeyondTheAddressCapIsClosedAtOnceWhileOtherAddressesAreServed() async throws {
        let limits = ConnectionLimits(connectionsPerAddress: 4, headerTimeout: .seconds(20), idleTimeout: .seconds(20))
        try await LiveServer.run(try await LiveServer.service(), Self.configuration(limits)) { port in
            let held = try (1...4).map { _ in try RawConnection(port: port) }
            for connection in held { #expect(await connection.wait(.milliseconds(100)) == .nothing) }

            let fifth = try RawConnection(port: port)
            #expect(await fifth.wait(.seconds(2)) == .closed, "the fifth connection from 127.0.0.1 is closed at once")
            for connection in held {
                #expect(await connection.wait(.milliseconds(10)) == .nothing, "the four stay open")
            }

            let neighbour = try RawConnection(port: port, from: "127.0.0.2")
            #expect(try await neighbour.request(Self.healthThenClose) == "HTTP/1.1 200 OK")

            // One of the four closes: 127.0.0.1 may open one again.
            held[0].close()
            var status: String?
            for _ in 0..<50 where status == nil {
                status = try await RawConnection(port: port).request(Self.healthThenClose, timeout: .seconds(2))
                if status == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(status == "HTTP/1.1 200 OK")
        }
    }

    @Test func aTrustedProxyIsNotHeldToTheAddressCapButOthersAre() async throws {
        let limits = ConnectionLimits(connectionsPerAddress: 2, headerTimeout: .seconds(20), idleTimeout: .seconds(20))
        let configuration = Self.configuration(limits, trustedProxies: ["127.0.0.1"])
        try await LiveServer.run(try await LiveServer.service(), configuration) { port in
            let proxied = try (1...4).map { _ in try RawConnection(port: port) }
            for connection in proxied { #expect(await connection.wait(.milliseconds(100)) == .nothing) }
            #expect(try await proxied[3].request(Self.health) == "HTTP/1.1 200 OK")
            let others = try (1...2).map { _ in try RawConnection(port: port, from: "127.0.0.2") }
            for connection in others { #expect(await connection.wait(.milliseconds(100)) == .nothing) }
            let third = try RawConnection(port: port, from: "127.0.0.2")
            #expect(await third.wait(.seconds(2)) == .closed, "the third from an untrusted address is closed")
        }
    }

    @Test func aConnectionWithoutAWholeHeadIsClosedAfterTheHeaderTimeout() async throws {
        let limits = ConnectionLimits(headerTimeout: .milliseconds(300), idleTimeout: .seconds(20))
        try await LiveServer.run(try await LiveServer.service(), Self.configuration(limits)) { port in
            let half = try RawConnection(port: port)
            try half.send(Self.halfHead)
            let silent = try RawConnection(port: port)
            let opened = ContinuousClock.now
            // A whole head in time is served, and the connection then stays for the idle timeout.
            let whole = try RawConnection(port: port)
            #expect(try await whole.request(Self.health) == "HTTP/1.1 200 OK")

            #expect(await half.wait(.seconds(5)) == .closed, "half a head")
            #expect(await silent.wait(.seconds(5)) == .closed, "not a byte")
            #expect(ContinuousClock.now - opened >= .milliseconds(250), "closed by the timeout, not at once")
            #expect(await whole.wait(.milliseconds(400)) == .nothing)
            #expect(try await whole.request(Self.health) == "HTTP/1.1 200 OK")
        }
    }

    @Test func anIdleConnectionAndAHeadThatStopsHalfWayAreClosedAfterTheIdleTimeout() async throws {
        let limits = ConnectionLimits(headerTimeout: .seconds(20), idleTimeout: .milliseconds(400))
        try await LiveServer.run(try await LiveServer.service(), Self.configuration(limits)) { port in
            let idle = try RawConnection(port: port)
            #expect(try await idle.request(Self.health) == "HTTP/1.1 200 OK")
            let stalled = try RawConnection(port: port)
            #expect(try await stalled.request(Self.health) == "HTTP/1.1 200 OK")
            try stalled.send(Self.halfHead)
            let answered = ContinuousClock.now
            #expect(await idle.wait(.seconds(5)) == .closed)
            #expect(await stalled.wait(.seconds(5)) == .closed)
            // Not at once: well after the answers (the timer of the first began before the second).
            #expect(ContinuousClock.now - answered >= .milliseconds(200))
        }
    }

    @Test func newConnectionsWaitWhileTheServerHoldsItsMostAndAreServedWhenOneCloses() async throws {
        let limits = ConnectionLimits(maximumConnections: 3, headerTimeout: .seconds(20), idleTimeout: .seconds(20))
        try await LiveServer.run(try await LiveServer.service(), Self.configuration(limits)) { port in
            // The readiness probe's connection may still be counted for a moment.
            try await Task.sleep(for: .milliseconds(200))
            let held = try (1...3).map { try RawConnection(port: port, from: "127.0.0.\($0)") }
            try await Task.sleep(for: .milliseconds(200))
            let waiting = try RawConnection(port: port, from: "127.0.0.9")
            try waiting.send(Self.healthThenClose)
            #expect(await waiting.wait(.milliseconds(500)) == .nothing, "not accepted while three are open")
            held[1].close()
            // A bound, not a measure: on a loaded machine the accept loop may take seconds.
            guard case .data(let answer) = await waiting.wait(.seconds(15)) else {
                Issue.record("not served after a connection closed")
                return
            }
            #expect(answer.hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    @Test func signInLimitsCountTheClientATrustedProxyNamesAndOnlyThen() async throws {
        let service = try await LiveServer.service(signInLimits: SignInLimits(attemptsPerAddress: 2))
        let configuration = Self.configuration(ConnectionLimits(), trustedProxies: ["127.0.0.1"])
        try await LiveServer.run(service, configuration) { port async throws in
            let attempts = Attempts(port: port)
            let wrong = "HTTP/1.1 401 Unauthorized"
            let limited = "HTTP/1.1 429 Too Many Requests"
            // Behind the trusted proxy, each forwarded client has its own limit.
            #expect(try await attempts.signIn(from: "127.0.0.1", forwardedFor: "198.51.100.7") == wrong)
            #expect(try await attempts.signIn(from: "127.0.0.1", forwardedFor: "198.51.100.7") == wrong)
            #expect(try await attempts.signIn(from: "127.0.0.1", forwardedFor: "198.51.100.7") == limited)
            #expect(try await attempts.signIn(from: "127.0.0.1", forwardedFor: "198.51.100.8") == wrong)
            // The last hop is the one the proxy saw; what the client wrote before it is not.
            #expect(try await attempts.signIn(from: "127.0.0.1", forwardedFor: "198.51.100.8, 198.51.100.7") == limited)
            // From anyone else the header is ignored: the attempts count for the peer.
            #expect(try await attempts.signIn(from: "127.0.0.2", forwardedFor: "203.0.113.1") == wrong)
            #expect(try await attempts.signIn(from: "127.0.0.2", forwardedFor: "203.0.113.2") == wrong)
            #expect(try await attempts.signIn(from: "127.0.0.2", forwardedFor: "203.0.113.3") == limited)
        }
    }

    /// Sign-ins with a new unknown login each, so that only the address limit counts.
    final class Attempts: @unchecked Sendable {
        let port: Int
        var count = 0

        init(port: Int) { self.port = port }

        func signIn(from source: String, forwardedFor: String) async throws -> String? {
            count += 1
            let body = #"{"login":"nobody-\#(count)","password":"wrong"}"#
            return try await RawConnection(port: port, from: source).request(
                "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "X-Forwarded-For: \(forwardedFor)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)",
                // A bound, not a measure: a refused sign-in still hashes, and the whole suite
                // shares two cores with it.
                timeout: .seconds(40))
        }
    }

    @Test(arguments: [
        ("192.0.2.7", "192.0.2.7"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::9", "2001:db8:1:2::/64"),
        (" 10.0.0.1 ", "10.0.0.1"),
    ])
    func addressesAreCountedByIPv4AddressOrIPv6Network(text: String, key: String) {
        #expect(ClientAddress.key(text) == key)
    }

    @Test func textThatIsNoAddressHasNoKey() {
        for text in ["", "unknown", "example.org", "1.2.3", "300.1.1.1", String(repeating: "1", count: 100)] {
            #expect(ClientAddress.key(text) == nil, "\(text)")
        }
    }
}
