import Foundation
import Hummingbird
import JournalModel
import NIOCore

/// A submitted HTML form (`application/x-www-form-urlencoded`).
struct FormData {
    var fields: [String: [String]] = [:]

    subscript(name: String) -> String? { fields[name]?.first }

    func all(_ name: String) -> [String] { fields[name] ?? [] }

    /// The trimmed value, nil when empty.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

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

    /// Reads a form body of at most 256 KiB (rule scripts are posted as forms).
    static func read(_ request: Request) async throws -> FormData {
        var request = request
        let buffer = try await request.collectBody(upTo: Limits.formBytes)
        return FormData(String(buffer: buffer))
    }
}
