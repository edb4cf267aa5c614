import Foundation
import JournalServer
import Testing

/// A request the HTTP parser cannot read — the usual case a query with Cyrillic letters sent
/// raw instead of percent-encoded — is answered with a problem document that says how to send
/// it, not with an empty 400.
@Suite struct UnreadableRequestTests {
    /// Everything the server sends until it closes the connection.
    static func answer(_ connection: RawConnection) async -> String {
        var text = ""
        while case .data(let more) = await connection.wait(.seconds(5)) { text += more }
        return text
    }

    @Test func aRawCyrillicQueryIsAnsweredWithAProblemSayingHowToEncodeIt() async throws {
        let service = try await LiveServer.service()
        try await LiveServer.run(service, ServerConfiguration()) { port in
            let connection = try RawConnection(port: port)
            try connection.send("GET /api/v1/students/1/marks?period=четверть HTTP/1.1\r\nHost: school\r\n\r\n")
            let text = await Self.answer(connection)
            #expect(text.hasPrefix("HTTP/1.1 400"), "\(text)")
            #expect(text.contains("Content-Type: application/problem+json"))
            #expect(text.contains(#""type":"/problems/invalid-request-target""#))
            #expect(text.contains("%D1%87%D0%B5%D1%82%D0%B2%D0%B5%D1%80%D1%82%D1%8C"), "how to encode it")
            #expect(text.contains("процентной кодировке") && text.contains("percent-encoded"))
        }
    }

    /// Refused after a request the server is still answering, it is answered after that one.
    @Test func aRefusalAfterAPipelinedRequestFollowsItsAnswer() async throws {
        let service = try await LiveServer.service()
        try await LiveServer.run(service, ServerConfiguration()) { port in
            let connection = try RawConnection(port: port)
            try connection.send(
                "GET /api/v1/health HTTP/1.1\r\nHost: school\r\n\r\nGET /api/v1/ч HTTP/1.1\r\nHost: school\r\n\r\n")
            let text = await Self.answer(connection)
            let health = try #require(text.range(of: #"{"status":"ok"}"#), "\(text)")
            let refusal = try #require(text.range(of: "HTTP/1.1 400"), "\(text)")
            #expect(health.upperBound <= refusal.lowerBound)
            #expect(text.contains(#""type":"/problems/invalid-request-target""#))
        }
    }
}
