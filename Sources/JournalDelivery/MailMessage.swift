public import Foundation

/// A mailbox: an address and, optionally, the name shown beside it ("Школа № 5").
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? "<\(address)>" }
}

/// A header line of a letter, before encoding.
public struct MailHeader: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One letter as the journal writes it: plain text and, optionally, the same in HTML. The
/// composer turns it into an RFC 5322 message (``MailMessage/rendered()``); the transport
/// takes the envelope from `from` and `to`.
public struct MailMessage: Hashable, Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String?
    /// Further headers, in order (`List-Unsubscribe`, `Auto-Submitted`, …); non-ASCII values
    /// are encoded. `Message-ID` and `Date` are set from the properties of the same name.
    public var headers: [MailHeader]
    /// Without angle brackets; a new unique one by default.
    public var messageID: String
    public var date: Date

    public init(
        from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil,
        headers: [MailHeader] = [], messageID: String? = nil, date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.headers = headers
        self.messageID = messageID ?? MailMessage.newMessageID(domain: from.address)
        self.date = date
    }

    /// A new globally unique Message-ID (without brackets) on the sender's domain.
    public static func newMessageID(domain address: String) -> String {
        let domain = address.split(separator: "@").last.map(String.init) ?? "localhost"
        let unusable = domain.isEmpty || domain.contains(where: { !$0.isASCII || " <>\r\n".contains($0) })
        return "\(UUID().uuidString.lowercased())@\(unusable ? "localhost" : domain)"
    }
}
