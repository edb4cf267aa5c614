public import Localization

/// A letter the server did not take, with what the server said: the outbox retries a
/// transient failure later and gives up on a permanent one.
public struct SMTPFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server's last reply code (550, 451, …); nil when no server answered.
    public var replyCode: Int?
    /// The server's last reply, as it said it (`550 5.1.1 <x@example.org>: no such user`),
    /// or empty when no server answered.
    public var replyText: String
    /// curl's own account of what failed (`Failed to connect to 127.0.0.1 port 1`).
    public var detail: String
    /// A 5xx reply, or a setting that will not work however often it is tried (TLS required
    /// but not offered, the credentials refused): trying again will not help.
    public var isPermanent: Bool

    public init(replyCode: Int?, replyText: String, detail: String, isPermanent: Bool) {
        self.replyCode = replyCode
        self.replyText = replyText
        self.detail = detail
        self.isPermanent = isPermanent
    }

    /// A 4xx reply, a refused connection, a timeout: worth trying again later.
    public var isTransient: Bool { !isPermanent }

    /// The text in `language`, for the outbox's list of failed letters.
    public func text(_ language: Language) -> String {
        let said = replyText.isEmpty ? detail : replyText
        return Strings.text(
            isPermanent ? "delivery.failure.permanent" : "delivery.failure.transient", language, ["reply": said])
    }

    public var description: String { text(.en) }
}
