import Foundation
import LuaRuntime
import Testing

/// One script of the test corpus with what it must do, read from its header:
/// `-- expect: instruction-budget|time-limit` (attacks) or `-- expect: <json>` (working
/// scripts), and optionally `-- limits: instructions=N timeout-ms=T memory-mb=M`.
struct CorpusScript: Sendable, CustomTestStringConvertible {
    var name: String
    var source: String
    var expectation: String
    var limits: LuaLimits

    var testDescription: String { name }
    var script: LuaScript { LuaScript(name: name, source: source) }

    /// The error kinds an attack may end with ("ok" when it must complete).
    var acceptedOutcomes: Set<String> { Set(expectation.split(separator: "|").map(String.init)) }

    static func load(_ folder: String) -> [CorpusScript] {
        guard
            let directory = Bundle.module.url(forResource: "Scripts", withExtension: nil)?
                .appendingPathComponent(folder),
            let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".lua") }.sorted().compactMap { file in
            let url = directory.appendingPathComponent(file)
            guard let data = try? Data(contentsOf: url) else { return nil }
            let source = String(decoding: data, as: UTF8.self)
            let sidecar = try? String(contentsOf: url.appendingPathExtension("expect"), encoding: .utf8)
            return CorpusScript(
                name: "\(folder)/\(file)", source: source,
                expectation: sidecar?.trimmingCharacters(in: .whitespacesAndNewlines) ?? header("expect", in: source),
                limits: limits(from: header("limits", in: source)))
        }
    }

    private static func header(_ key: String, in source: String) -> String {
        let prefix = "-- \(key): "
        return source.split(separator: "\n").first { $0.hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count))
        } ?? ""
    }

    /// The header's limits; without a timeout of its own, an attack gets ten seconds of wall
    /// clock, so that on a loaded machine the deterministic limits (instructions, memory)
    /// decide, and the kind of error stays the one expected.
    private static func limits(from text: String) -> LuaLimits {
        var limits = LuaLimits.default
        limits.timeout = .seconds(10)
        for pair in text.split(separator: " ") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = Int(parts[1]) else { continue }
            switch parts[0] {
            case "instructions": limits.instructions = value
            case "timeout-ms": limits.timeout = .milliseconds(value)
            case "memory-mb": limits.memoryBytes = value << 20
            default: continue
            }
        }
        return limits
    }
}
