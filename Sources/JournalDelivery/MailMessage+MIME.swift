public import Foundation

extension MailMessage {
    /// The message as RFC 5322 text with CRLF line endings: `MIME-Version`, a
    /// `multipart/alternative` of text/plain and text/html (or text/plain alone), UTF-8 bodies
    /// in base64, non-ASCII header text as RFC 2047 encoded-words, every line at most 76
    /// characters. Throws ``DeliveryError`` for an address or a header that would break the
    /// message (a line break in it, an address without `@`).
    public func rendered() throws -> Data {
        var lines: [String] = []
        try lines += HeaderEncoding.mailboxes("From", [from])
        try lines += HeaderEncoding.mailboxes("To", to)
        lines += HeaderEncoding.unstructured("Subject", subject)
        lines.append("Date: \(Self.rfc5322Date(date))")
        try lines.append("Message-ID: <\(HeaderEncoding.checkedMessageID(messageID))>")
        for header in headers {
            try HeaderEncoding.check(headerName: header.name)
            lines += HeaderEncoding.unstructured(header.name, header.value)
        }
        lines.append("MIME-Version: 1.0")
        if let html {
            let boundary = "=_\(UUID().uuidString)"
            lines.append("Content-Type: multipart/alternative;")
            lines.append(" boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a multi-part message in MIME format.")
            lines.append("--\(boundary)")
            lines += Self.part(type: "text/plain", text)
            lines.append("--\(boundary)")
            lines += Self.part(type: "text/html", html)
            lines.append("--\(boundary)--")
        } else {
            lines += Self.part(type: "text/plain", text)
        }
        return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A body part's headers, an empty line and the UTF-8 text in base64, in lines of 76.
    private static func part(type: String, _ text: String) -> [String] {
        let canonical = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Array(Data(canonical.utf8).base64EncodedString().utf8)
        let lines = stride(from: 0, to: encoded.count, by: 76).map {
            String(decoding: encoded[$0..<min($0 + 76, encoded.count)], as: UTF8.self)
        }
        return ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""] + lines
    }

    /// `Sat, 05 Dec 2026 02:15:00 +0000`, RFC 5322 section 3.3, always in English and UTC.
    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

/// Header fields as RFC 5322 and RFC 2047 want them: ASCII only, folded before 76 characters.
enum HeaderEncoding {
    static let lineLimit = 76

    /// `Name: value` for free text: as is when it is short printable ASCII, else encoded-words.
    static func unstructured(_ name: String, _ value: String) -> [String] {
        // A line break in a value would end the header and start another: never let one through.
        let value = value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        let plain = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if plain && name.count + 2 + value.count <= lineLimit { return ["\(name): \(value)"] }
        if plain && !value.contains("=?") {
            return fold(name: name, tokens: value.split(separator: " ").map(String.init))
        }
        return fold(name: name, tokens: encodedWords(value, firstRoom: lineLimit - name.count - 2))
    }

    /// `From: Name <address>, …` with each display name quoted or encoded.
    static func mailboxes(_ name: String, _ boxes: [MailAddress]) throws -> [String] {
        var tokens: [String] = []
        for (index, box) in boxes.enumerated() {
            let address = try checked(address: box.address)
            let separator = index < boxes.count - 1 ? "," : ""
            guard let display = box.name, !display.isEmpty else {
                tokens.append(address + separator)
                continue
            }
            let plain = display.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
            if plain && !display.contains("=?") {
                let escaped = display.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"")
                tokens.append("\"\(escaped)\"")
            } else {
                tokens += encodedWords(display, firstRoom: tokens.isEmpty ? lineLimit - name.count - 2 : lineLimit - 1)
            }
            tokens.append("<\(address)>" + separator)
        }
        return fold(name: name, tokens: tokens)
    }

    /// Joins tokens with spaces, starting a new (indented) line where the next would pass the limit.
    static func fold(name: String, tokens: [String]) -> [String] {
        var lines: [String] = []
        var current = "\(name):"
        for token in tokens {
            if current.count + 1 + token.count > lineLimit && current.count > name.count + 1 {
                lines.append(current)
                current = ""
            }
            current += " " + token
        }
        lines.append(current)
        return lines
    }

    /// `=?UTF-8?B?…?=` words holding whole characters, the first fitting in `firstRoom`
    /// characters and the others on a line of their own after a space.
    static func encodedWords(_ text: String, firstRoom: Int) -> [String] {
        let overhead = "=?UTF-8?B??=".count
        func capacity(_ room: Int) -> Int { max(room - overhead, 4) / 4 * 3 }
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = capacity(firstRoom)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > limit && !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
                limit = capacity(lineLimit - 1)
            }
            chunk += bytes
        }
        words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
        return words
    }

    static func checked(address: String) throws -> String {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = address.unicodeScalars.contains {
            $0.value <= 0x20 || $0.value >= 0x7F || "<>,;\"()[]\\".unicodeScalars.contains($0)
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !forbidden else {
            throw DeliveryError("delivery.error.address", ["address": address])
        }
        return address
    }

    static func checkedMessageID(_ id: String) throws -> String {
        guard id.contains("@"),
            id.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"<>".unicodeScalars.contains($0) })
        else {
            throw DeliveryError("delivery.error.message_id", ["id": id])
        }
        return id
    }

    static func check(headerName name: String) throws {
        let reserved = [
            "from", "to", "subject", "date", "message-id", "mime-version", "content-type",
            "content-transfer-encoding", "cc", "bcc",
        ]
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != ":" }),
            !reserved.contains(name.lowercased())
        else { throw DeliveryError("delivery.error.header", ["name": name]) }
    }
}
