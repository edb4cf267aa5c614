public import Foundation
public import JournalDelivery
import Localization

/// Delivery's mail transport over SMTP: an outgoing message becomes a MIME letter from the
/// configured sender (text and HTML parts, UTF-8 headers), and the server's refusal a
/// ``MailFailure`` that says whether retrying can help.
public struct SMTPMailer: MailSending {
    public let transport: SMTPTransport
    /// Marks the letters as automatic (RFC 3834), so that mail servers do not answer them.
    static let automatic = MailHeader("Auto-Submitted", "auto-generated")

    /// Reads the server from a URL, `smtp://[user:password@]host[:port]?from=address`; a bad one
    /// is refused with what is accepted.
    public init(url: String) throws {
        transport = SMTPTransport(configuration: try SMTPConfiguration(url: url))
    }

    /// Replies about the session, not the letter: service unavailable (421), TLS not available
    /// (454), authentication required or refused (530, 534, 535, 538).
    static let sessionReplies: Set<Int> = [421, 454, 530, 534, 535, 538]

    public init(transport: SMTPTransport) {
        self.transport = transport
    }

    public func send(_ mail: OutgoingMail) async throws {
        let message = MailMessage(
            from: transport.configuration.from,
            to: [MailAddress(InternationalDomain.asciiAddress(mail.to), name: mail.toName)], subject: mail.subject,
            text: mail.text, html: mail.html, headers: [Self.automatic])
        do {
            try await transport.send(message)
        } catch let failure as SMTPFailure {
            let said = failure.replyText.isEmpty ? failure.detail : failure.replyText
            // No reply at all (no connection, TLS, a refused login) or a reply about the
            // session rather than this letter: the server cannot be used now.
            let session = failure.replyCode.map(Self.sessionReplies.contains) ?? true
            throw MailFailure(reply: said, isPermanent: failure.isPermanent, isSessionFailure: session)
        } catch let error as DeliveryError {
            // A letter that cannot be written (an address the server would refuse) never will be.
            throw MailFailure(reply: error.text(.en), isPermanent: true)
        }
    }
}
