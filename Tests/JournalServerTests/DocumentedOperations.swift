/// The operations an OpenAPI document lists under `paths`, read line by line (no YAML library
/// is at hand). It reads the block style the document is written in — a path at two spaces,
/// its methods at four, their `operationId` and `responses` at six, each response's status at
/// eight — and refuses what it cannot read, so that a document written another way fails the
/// tests instead of passing them empty.
struct DocumentedOperations {
    struct Operation: Hashable, CustomStringConvertible {
        /// Lowercased, as OpenAPI writes it: `get`, `post`.
        var method: String
        var path: String
        var description: String { "\(method.uppercased()) \(path)" }
    }

    struct Entry {
        var operation: Operation
        var operationID: String?
        /// 1-based line of the method's key.
        var line: Int
        /// The statuses of its responses, as written: `200`, `409`.
        var statuses: [String] = []
    }

    struct Unreadable: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var reason: String
        var description: String { "line \(line): \(reason): \(text)" }
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    private(set) var entries: [Entry] = []

    var operations: [Operation] { entries.map(\.operation) }

    init(yaml: String) throws {
        var inPaths = false
        var sawPaths = false
        var path: String?
        var current: Int?
        var inResponses = false
        for (index, raw) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = String(raw)
            let content = line.drop { $0 == " " }
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            let indent = line.count - content.count
            if indent == 0 {
                if inPaths { break }
                if line.hasPrefix("paths:") {
                    guard line == "paths:" else {
                        throw Unreadable(line: number, text: line, reason: "paths must be a block mapping")
                    }
                    inPaths = true
                    sawPaths = true
                }
                continue
            }
            guard inPaths else { continue }
            switch indent {
            case 2:
                guard let key = Self.key(content), key.hasPrefix("/"), content.hasSuffix(":") else {
                    throw Unreadable(line: number, text: line, reason: "expected a path such as `/api/v1/…:`")
                }
                path = key
                current = nil
                inResponses = false
            case 4:
                guard let key = Self.key(content) else {
                    throw Unreadable(line: number, text: line, reason: "expected a key")
                }
                current = nil
                inResponses = false
                guard Self.methods.contains(key) else { continue }
                guard let path, content == "\(key):" else {
                    throw Unreadable(line: number, text: line, reason: "an operation must be a block mapping")
                }
                entries.append(
                    Entry(operation: Operation(method: key, path: path), operationID: nil, line: number))
                current = entries.count - 1
            case 6:
                inResponses = current != nil && content == "responses:"
                guard let current, content.hasPrefix("operationId:") else { continue }
                guard entries[current].operationID == nil else {
                    throw Unreadable(line: number, text: line, reason: "a second operationId")
                }
                let value = content.dropFirst("operationId:".count).trimming([" ", "\"", "'"])
                entries[current].operationID = value.isEmpty ? nil : String(value)
            case 8:
                guard inResponses, let current else { continue }
                guard let key = Self.key(content), content.hasSuffix(":") else {
                    throw Unreadable(line: number, text: line, reason: "expected a status such as `\"200\":`")
                }
                entries[current].statuses.append(key)
            default:
                continue
            }
        }
        guard sawPaths else { throw Unreadable(line: 0, text: "", reason: "no top-level `paths:`") }
    }

    /// The key of a `key:` or `key: value` line, without quotes.
    private static func key(_ content: Substring) -> String? {
        guard let colon = content.firstIndex(of: ":") else { return nil }
        let key = content[..<colon].trimming([" ", "\"", "'"])
        return key.isEmpty ? nil : key
    }
}

extension StringProtocol {
    fileprivate func trimming(_ set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
