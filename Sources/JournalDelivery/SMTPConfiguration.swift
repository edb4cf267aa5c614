import Foundation

/// Where and how the journal sends mail, read from one URL:
/// `smtp://user:password@mail.example.org:587?from=school@example.org`.
///
/// `smtp://` speaks plain SMTP and upgrades with STARTTLS when the server offers it; for a
/// server that is not on this machine the upgrade is required unless `tls=optional` says
/// otherwise, so a password never crosses the network in clear by accident. `smtps://` is
/// TLS from the first byte (port 465 by default).
public struct SMTPConfiguration: Hashable, Sendable {
    /// Whether the conversation must be, may be or is from the start encrypted.
    public enum Security: String, Hashable, Sendable {
        /// STARTTLS if the server offers it, plain otherwise.
        case opportunistic
        /// STARTTLS or fail.
        case required
        /// TLS from the first byte (`smtps://`).
        case implicit
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// Whom the journal's letters are from (`from=`, with `from_name=` as the name shown).
    public var from: MailAddress
    public var security: Security
    /// Seconds to wait for the connection (TCP and TLS); `connect_timeout=` in the URL.
    public var connectTimeout: Double
    /// Seconds a whole sending may take; `timeout=` in the URL.
    public var timeout: Double

    /// The parameters the URL's query accepts.
    public static let parameters = ["from", "from_name", "tls", "connect_timeout", "timeout"]

    /// Reads a URL such as `smtp://user:pass@127.0.0.1:2525?from=school@example.org`; throws
    /// ``DeliveryError`` saying what is wrong and what is accepted.
    public init(url text: String) throws {
        let accepted = ["format": "smtp[s]://[user:password@]host[:port]?from=address"]
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased()
        else { throw DeliveryError("delivery.error.url", accepted) }
        guard scheme == "smtp" || scheme == "smtps" else {
            throw DeliveryError("delivery.error.url_scheme", ["scheme": components.scheme ?? ""])
        }
        guard let host = components.host, !host.isEmpty else { throw DeliveryError("delivery.error.url", accepted) }
        guard components.path.isEmpty || components.path == "/" else {
            throw DeliveryError("delivery.error.url", accepted)
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw DeliveryError("delivery.error.url_port", ["port": String(port)])
        }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? (scheme == "smtps" ? 465 : 25)
        self.username = components.user.flatMap { $0.removingPercentEncoding ?? $0 }
        self.password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        if components.password != nil && components.user == nil {
            throw DeliveryError("delivery.error.url", accepted)
        }

        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.parameters.contains(item.name) else {
                throw DeliveryError(
                    "delivery.error.url_parameter",
                    ["name": item.name, "accepted": Self.parameters.joined(separator: ", ")])
            }
            guard query[item.name] == nil else {
                throw DeliveryError("delivery.error.url_parameter_twice", ["name": item.name])
            }
            query[item.name] = item.value ?? ""
        }
        guard let sender = query["from"], !sender.isEmpty else {
            throw DeliveryError("delivery.error.url_from", accepted)
        }
        self.from = MailAddress(try HeaderEncoding.checked(address: sender), name: query["from_name"])

        let loopback =
            ["localhost", "127.0.0.1", "::1"].contains(self.host.lowercased()) || self.host.hasPrefix("127.")
        switch (scheme, query["tls"]) {
        case ("smtps", nil), ("smtps", "required"): security = .implicit
        case ("smtp", nil): security = loopback ? .opportunistic : .required
        case ("smtp", "optional"): security = .opportunistic
        case ("smtp", "required"): security = .required
        default:
            throw DeliveryError("delivery.error.url_tls", ["value": query["tls"] ?? "", "scheme": scheme])
        }
        connectTimeout = try Self.seconds(query["connect_timeout"], name: "connect_timeout", default: 10)
        timeout = try Self.seconds(query["timeout"], name: "timeout", default: 60)
    }

    private static func seconds(_ text: String?, name: String, default value: Double) throws -> Double {
        guard let text else { return value }
        guard let seconds = Double(text), seconds > 0, seconds <= 600 else {
            throw DeliveryError("delivery.error.url_seconds", ["name": name, "value": text])
        }
        return seconds
    }

    /// The URL curl connects to, without the credentials (they go separately).
    var curlURL: String {
        let scheme = security == .implicit ? "smtps" : "smtp"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)"
    }
}

extension SMTPConfiguration: CustomStringConvertible {
    /// The URL without the password, for logs.
    public var description: String {
        let user = username.map { "\($0):***@" } ?? ""
        return
            "\(curlURL.replacingOccurrences(of: "://", with: "://\(user)")) from \(from.address) (\(security.rawValue))"
    }
}
