import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Where a request comes from, as the server's limits count it: the connection's peer, or,
/// when the peer is a trusted reverse proxy, the address the proxy names as the last hop of
/// `X-Forwarded-For`. A header is believed only from a trusted proxy: anyone else could write
/// any address into it and escape every per-address limit.
///
/// Addresses are counted by a key: an IPv4 address as it is (also when it arrives as an
/// IPv4-mapped IPv6 address), any other IPv6 address by its /64 network, since one household
/// or one host is given a whole /64 and could otherwise count as millions of clients.
enum ClientAddress {
    /// The key of a socket's address; nil for a socket without an IP address.
    static func key(_ address: SocketAddress?) -> String? {
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr) { dotted(Array($0)) }
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
                return dotted(Array(bytes[12..<16]))
            }
            let groups = stride(from: 0, to: 8, by: 2).map {
                String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
            }
            return groups.joined(separator: ":") + "::/64"
        case .unixDomainSocket, nil:
            return nil
        }
    }

    /// The key of an address written as text (`192.0.2.7`, `2001:db8::1`), or nil when the
    /// text is no IP address.
    static func key(_ text: some StringProtocol) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64 else { return nil }
        return key(try? SocketAddress(ipAddress: String(trimmed), port: 0))
    }

    /// The key of the client that sent `request` over a connection from `peer`.
    static func of(_ request: Request, peer: SocketAddress?, trustedProxies: Set<String>) -> String? {
        guard let peerKey = key(peer) else { return nil }
        guard trustedProxies.contains(peerKey) else { return peerKey }
        // Every proxy appends the address it saw; the last hop is the one our proxy saw.
        let hops = request.headers[values: forwardedFor].flatMap { $0.split(separator: ",") }
        guard let last = hops.last else { return peerKey }
        return key(last) ?? peerKey
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    private static func dotted(_ bytes: [UInt8]) -> String {
        bytes.map(String.init).joined(separator: ".")
    }
}
