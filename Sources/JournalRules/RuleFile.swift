import Foundation
import JournalModel
import LuaRuntime

/// One rule script: its path under `rules/` (`scales/five.lua`) and its text.
public struct RuleFile: Sendable, Hashable {
    public var path: String
    public var source: String

    public init(path: String, source: String) {
        self.path = path
        self.source = source
    }

    /// The first line where `field = …` (or `["field"] = …`) appears, for placing an error.
    public func line(assigning field: String) -> Int? {
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for name in [field, "[\"\(field)\"]"] where Self.assigns(line, name) { return index + 1 }
        }
        return nil
    }

    private static func assigns(_ line: Substring, _ name: String) -> Bool {
        var searchStart = line.startIndex
        while let range = line[searchStart...].range(of: name) {
            let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
            let after = line[range.upperBound...].drop { $0 == " " || $0 == "\t" }
            let isWordStart = before.map { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") } ?? true
            if isWordStart && after.hasPrefix("=") && !after.hasPrefix("==") { return true }
            searchStart = range.upperBound
        }
        return false
    }
}

extension RuleFile {
    /// The line of the `index`-th entry (from 0) of the list `field = { … }`, when entries
    /// start their own lines with `{`; else the line of the field.
    func line(ofEntry index: Int, in field: String) -> Int? {
        guard let start = line(assigning: field) else { return nil }
        var seen = 0
        for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where offset >= start && line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("{") {
            if seen == index { return offset + 1 }
            seen += 1
        }
        return start
    }
}

/// A complete set of rule files, keyed by path.
public struct RuleFiles: Sendable, Hashable {
    public var files: [String: String]

    public init(_ files: [String: String]) { self.files = files }

    public var sorted: [RuleFile] { files.keys.sorted().map { RuleFile(path: $0, source: files[$0]!) } }

    /// Reads every `*.lua` file under `directory`, with paths relative to it.
    public static func load(directory: String) throws -> RuleFiles {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw RulesError(file: directory, .init("rules.rule_file.1"))
        }
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "lua" else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            // Survey templates live beside the rules but are surveys, not rules.
            if path.hasPrefix("surveys/") { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw RulesError(file: path, .init("rules.rule_file.2"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RulesError(file: path, .init("rules.rule_file.3"))
            }
            files[path] = text
        }
        guard !files.isEmpty else { throw RulesError(file: directory, .init("rules.rule_file.4")) }
        return RuleFiles(files)
    }
}
