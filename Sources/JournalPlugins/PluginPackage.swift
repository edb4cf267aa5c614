import Crypto
import Foundation
public import JournalModel
import JournalRules

/// A plugin's folder as read from disk: every file's text, and the hash `plugins.lock` pins.
public struct PluginPackage: Sendable, Hashable {
    /// The folder's name, which is the plugin's id.
    public var folder: String
    /// Path relative to the folder → text, every file but hidden ones.
    public var files: [String: String]

    public init(folder: String, files: [String: String]) {
        self.folder = folder
        self.files = files
    }

    static let maximumFiles = 64
    static let maximumBytes = 512 * 1024

    /// Reads `plugins/<id>/`.
    public static func read(directory path: String) throws -> PluginPackage {
        let root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        let folder = root.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RulesError(file: path, .init("plugin.package.not_a_folder"))
        }
        var files: [String: String] = [:]
        var bytes = 0
        let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw RulesError(file: "\(folder)/\(relative)", .init("rules.rule_file.2"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RulesError(file: "\(folder)/\(relative)", .init("rules.rule_file.3"))
            }
            bytes += data.count
            files[relative] = text
            guard files.count <= maximumFiles, bytes <= maximumBytes else {
                throw RulesError(
                    file: folder,
                    .init(
                        "plugin.package.too_big", ["files": String(maximumFiles), "kib": String(maximumBytes / 1024)]))
            }
        }
        return PluginPackage(folder: folder, files: files)
    }

    /// The plugin folders under `directory` (each holding a `plugin.lua`), by name.
    public static func readAll(directory: String) throws -> [PluginPackage] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return try names.sorted().compactMap { name in
            let folder = root.appendingPathComponent(name)
            guard !name.hasPrefix("."),
                FileManager.default.fileExists(atPath: folder.appendingPathComponent("plugin.lua").path)
            else { return nil }
            return try read(directory: folder.path)
        }
    }

    /// SHA-256 over every file's path and bytes, in the order of the paths.
    public var hash: String {
        var hasher = SHA256()
        for path in files.keys.sorted() {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: Data([0]))
            let content = Data(files[path]!.utf8)
            hasher.update(data: Data(String(content.count).utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: content)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The spec files, by path.
    public var specs: [String] { files.keys.filter { $0.hasPrefix("spec/") && $0.hasSuffix(".lua") }.sorted() }
}

/// `plugins/plugins.lock`: the version and content hash each installed plugin is pinned to.
/// The server runs only plugins whose files hash to what the lock says.
public struct PluginLock: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var version: SemanticVersion
        public var hash: String

        public init(id: String, version: SemanticVersion, hash: String) {
            self.id = id
            self.version = version
            self.hash = hash
        }
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    public static let fileName = "plugins.lock"

    /// Reads the lock's lines `<id> <version> sha256:<hex>`; `#` starts a comment.
    public static func parse(_ text: String, file: String = fileName) throws -> PluginLock {
        var entries: [String: Entry] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.isEmpty { continue }
            guard words.count == 3, PluginID.isValid(words[0]), let version = SemanticVersion(words[1]),
                words[2].hasPrefix("sha256:"), words[2].count == 71, entries[words[0]] == nil
            else {
                throw RulesError(file: file, line: index + 1, .init("plugin.lock.line"))
            }
            entries[words[0]] = Entry(id: words[0], version: version, hash: String(words[2].dropFirst(7)))
        }
        return PluginLock(entries: entries)
    }

    public var text: String {
        var lines = [
            "# Pinned plugins: id, version, SHA-256 of the plugin's files.",
            "# Written by `journal plugins lock`; the server refuses a plugin whose files differ.",
        ]
        for entry in entries.values.sorted(by: { $0.id < $1.id }) {
            lines.append("\(entry.id) \(entry.version) sha256:\(entry.hash)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why the files of `package` may not run under this lock, or nil when it pins them as
    /// they are: checked before any of their code is loaded.
    public func problem(with package: PluginPackage) -> JournalError.Message? {
        guard let entry = entries[package.folder] else {
            return .init("plugin.lock.missing", ["plugin": package.folder])
        }
        guard entry.hash == package.hash else {
            return .init(
                "plugin.lock.changed",
                [
                    "plugin": package.folder, "locked": entry.version.description,
                    "found": "sha256:\(package.hash.prefix(12))…",
                ])
        }
        return nil
    }

    /// Why `plugin` may not run under this lock: its files, or a version the lock's line
    /// does not name (a line edited by hand).
    public func problem(with plugin: LoadedPlugin) -> JournalError.Message? {
        if let problem = problem(with: plugin.package) { return problem }
        guard let entry = entries[plugin.id], entry.version == plugin.manifest.version else {
            return .init(
                "plugin.lock.changed",
                [
                    "plugin": plugin.id, "locked": entries[plugin.id]?.version.description ?? "",
                    "found": plugin.manifest.version.description,
                ])
        }
        return nil
    }
}
