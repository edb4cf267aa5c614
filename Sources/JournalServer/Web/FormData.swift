import Foundation
import Hummingbird
import JournalModel
import NIOCore

/// A submitted HTML form (`application/x-www-form-urlencoded`): every value of each field, in
/// the order sent. Handlers read it through ``FormDecoder`` as a `Decodable` struct.
struct FormData {
    var fields: [String: [String]] = [:]

    subscript(name: String) -> String? { fields[name]?.first }

    init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
    }

    static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }

    /// Reads a form body of at most 256 KiB (rule scripts are posted as forms). The body is
    /// kept in `request`, so that a middleware that read it passes on a request whose handler
    /// reads it again.
    static func read(_ request: inout Request) async throws -> FormData {
        let buffer = try await request.collectBody(upTo: Limits.formBytes)
        return FormData(String(buffer: buffer))
    }
}
