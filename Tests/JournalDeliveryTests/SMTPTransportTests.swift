import Foundation
import JournalDelivery
import JournalTestSupport
import Localization
import Testing

/// Sending to a real SMTP server, aiosmtpd (scripts/smtp-sink.py), on this machine.
@Suite(.enabled(if: SMTPSink.isAvailable, "no .build/venv with aiosmtpd: run scripts/python-venv.sh"))
struct SMTPTransportTests {
    static let subject = "Новая оценка по предмету «Литература»: Иванов Иван, 7 «Б» — проверьте электронный дневник"
    static let text = "Здравствуйте, Мария Петровна!\n\nИван получил «5» по литературе.\n.Строка с точкой.\n..две"
    static let html = "<p>Здравствуйте, Мария Петровна!</p>\n<p>Иван получил <b>«5»</b> по литературе.</p>"

    func message() -> MailMessage {
        MailMessage(
            from: MailAddress("school@example.org", name: "Школа № 5"),
            to: [MailAddress("parent@example.org", name: "Иванова Мария"), MailAddress("second@example.org")],
            subject: Self.subject, text: Self.text, html: Self.html)
    }

    func transport(_ sink: SMTPSink, user: String? = nil) throws -> SMTPTransport {
        SMTPTransport(configuration: try SMTPConfiguration(url: sink.url(user: user)))
    }

    @Test func aCyrillicLetterArrivesAsWritten() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let letter = message()
        try await transport(sink).send(letter)

        let received = try #require(sink.messages.first)
        #expect(sink.messages.count == 1)
        #expect(received.mailFrom == "school@example.org")
        #expect(received.rcptTos == ["parent@example.org", "second@example.org"])
        #expect(received.subject == Self.subject)
        #expect(received.from == "Школа № 5 <school@example.org>")
        #expect(received.to == "Иванова Мария <parent@example.org>, second@example.org")
        #expect(received.messageId == "<\(letter.messageID)>")
        #expect(received.mimeVersion == "1.0")
        #expect(received.contentType == "multipart/alternative")
        #expect(received.parts.map(\.contentType) == ["text/plain", "text/html"])
        #expect(received.parts.allSatisfy { $0.charset == "utf-8" })
        #expect(received.part("text/plain") == Self.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(received.part("text/html") == Self.html.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(received.defects.isEmpty)
        #expect(received.maxLineLength <= 76)
        #expect(received.bareLineFeeds == 0)
    }

    @Test func theSinkWaitsForLettersSentInTheBackground() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let transport = try transport(sink)
        let letter = message()
        let sending = Task {
            try await Task.sleep(for: .milliseconds(200))
            try await transport.send(letter)
            try await transport.send(letter)
        }
        let received = try await sink.waitForMessages(2)
        try await sending.value
        #expect(received.count == 2 && received.allSatisfy { $0.subject == Self.subject })
        await #expect(throws: SMTPSink.Timeout.self) { try await sink.waitForMessages(3, seconds: 0.2) }
    }

    @Test func curlStuffsTheDotsOfARawMessage() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let raw =
            "From: school@example.org\r\nTo: x@example.org\r\nSubject: dots\r\n\r\none\r\n.\r\n..two\r\n.three\r\n"
        try await transport(sink).send(data: Data(raw.utf8), from: "school@example.org", to: ["x@example.org"])
        let received = try #require(sink.messages.first)
        #expect(received.data == raw)
    }

    @Test func aPermanentRefusalCarriesTheServersReply() async throws {
        let sink = try await SMTPSink.start(refusing: .init(.rcpt, code: 550, text: "5.1.1 No such user here"))
        defer { sink.stop() }
        let failure = await #expect(throws: SMTPFailure.self) { try await transport(sink).send(message()) }
        #expect(failure?.replyCode == 550)
        #expect(failure?.isPermanent == true)
        #expect(failure?.replyText.contains("550 5.1.1 No such user here") == true)
        #expect(failure?.text(.ru).contains("No such user here") == true)
        #expect(sink.messages.isEmpty)
    }

    @Test func aTransientRefusalIsWorthAnotherTry() async throws {
        let sink = try await SMTPSink.start(refusing: .init(.rcpt, code: 451, times: 1))
        defer { sink.stop() }
        let transport = try transport(sink)
        let failure = await #expect(throws: SMTPFailure.self) { try await transport.send(message()) }
        #expect(failure?.replyCode == 451)
        #expect(failure?.isTransient == true)
        #expect(failure?.replyText.hasPrefix("451 ") == true)
        try await transport.send(message())
        #expect(sink.messages.count == 1)
    }

    @Test func aRefusalAtTheEndOfDataIsReported() async throws {
        let sink = try await SMTPSink.start(refusing: .init(.data, code: 554))
        defer { sink.stop() }
        let failure = await #expect(throws: SMTPFailure.self) { try await transport(sink).send(message()) }
        #expect(failure?.replyCode == 554)
        #expect(failure?.isPermanent == true)
    }

    @Test func anUnreachableServerIsTransient() async throws {
        let transport = SMTPTransport(
            configuration: try SMTPConfiguration(url: "smtp://127.0.0.1:1?from=school@example.org&connect_timeout=3"))
        let failure = await #expect(throws: SMTPFailure.self) { try await transport.send(message()) }
        #expect(failure?.replyCode == nil)
        #expect(failure?.isTransient == true)
        #expect(failure?.detail.isEmpty == false)
    }

    @Test func theServerAuthenticatesTheJournal() async throws {
        let sink = try await SMTPSink.start(auth: ("journal", "s3cret"))
        defer { sink.stop() }
        try await transport(sink, user: "journal:s3cret").send(message())
        #expect(sink.messages.first?.login == "journal")

        let failure = await #expect(throws: SMTPFailure.self) {
            try await transport(sink, user: "journal:wrong").send(message())
        }
        #expect(failure?.isPermanent == true)
        #expect(failure?.replyCode == 535)
    }
}
