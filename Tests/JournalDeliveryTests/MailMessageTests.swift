import Foundation
import JournalDelivery
import Testing

@Suite struct MailMessageTests {
    let message = MailMessage(
        from: MailAddress("school@example.org", name: "Школа № 5 имени А. С. Пушкина, г. Верхнекамск"),
        to: [MailAddress("parent@example.org", name: "Иванова Мария Петровна"), MailAddress("plain@example.org")],
        subject: "Новая оценка по предмету «Литература»: Иванов Иван, 7 «Б» класс, четверть II — проверьте дневник",
        text: "Здравствуйте!\nОценка: 5.\n.точка в начале строки",
        html: "<p>Здравствуйте!</p><p>Оценка: <b>5</b>.</p>",
        headers: [MailHeader("Auto-Submitted", "auto-generated")])

    @Test func everyLineEndsWithCRLFAndFitsIn76Characters() throws {
        let text = String(decoding: try message.rendered(), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        for line in lines {
            #expect(!line.contains("\n") && !line.contains("\r"))
            #expect(line.utf8.count <= 76, "too long: \(line)")
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "not ASCII: \(line)")
        }
    }

    @Test func headersCarryMIMEVersionDateAndMessageID() throws {
        let text = String(decoding: try message.rendered(), as: UTF8.self)
        #expect(text.contains("\r\nMIME-Version: 1.0\r\n"))
        #expect(text.contains("Content-Type: multipart/alternative;"))
        #expect(text.contains("Message-ID: <\(message.messageID)>"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(text.contains("Auto-Submitted: auto-generated"))
        let date = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Date: ") })
        #expect(
            date.wholeMatch(of: /Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000/)
                != nil)
    }

    @Test func messageIDsAreUnique() {
        let ids = (0..<100).map { _ in MailMessage.newMessageID(domain: "school@example.org") }
        #expect(Set(ids).count == 100)
        #expect(ids.allSatisfy { $0.hasSuffix("@example.org") })
    }

    @Test func rfc5322DateIsEnglishAndUTC() {
        #expect(MailMessage.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    @Test(arguments: ["no-at-sign", "a@b@c", "a b@example.org", "x@example.org\r\nBcc: y@example.org", "<x@y.z>"])
    func aBrokenAddressIsRefused(address: String) {
        var broken = message
        broken.to = [MailAddress(address)]
        #expect(throws: DeliveryError.self) { try broken.rendered() }
    }

    @Test func aLineBreakInAHeaderValueDoesNotStartAHeader() throws {
        var sneaky = message
        sneaky.subject = "Hello\r\nBcc: victim@example.org"
        sneaky.headers = [MailHeader("X-Note", "a\nb")]
        let text = String(decoding: try sneaky.rendered(), as: UTF8.self)
        #expect(!text.contains("\r\nBcc:"))
        #expect(text.contains("Subject: Hello Bcc: victim@example.org\r\n"))
    }

    @Test func aReservedOrBrokenHeaderNameIsRefused() {
        for name in ["Bcc", "Content-Type", "X Bad", ""] {
            var bad = message
            bad.headers = [MailHeader(name, "x")]
            #expect(throws: DeliveryError.self) { try bad.rendered() }
        }
    }

    @Test func withoutHTMLTheMessageIsPlainText() throws {
        var plain = message
        plain.html = nil
        let text = String(decoding: try plain.rendered(), as: UTF8.self)
        #expect(text.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"))
        #expect(!text.contains("multipart"))
    }
}
