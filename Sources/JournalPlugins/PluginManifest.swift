import Foundation
import JournalModel
import JournalRules
public import Localization
import LuaRuntime

/// What a plugin's handlers are told about: domain events the core publishes after each
/// committed change, and the school clock's ticks.
public enum PluginEventKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case markEntered = "mark.entered"
    case markChanged = "mark.changed"
    case markDeleted = "mark.deleted"
    case attendanceRecorded = "attendance.recorded"
    case lessonRecorded = "lesson.recorded"
    case homeworkSet = "homework.set"
    case periodMarkSet = "period_mark.set"
    case periodClosing = "period.closing"
    case periodClosed = "period.closed"
    case surveyClosed = "survey.closed"
    case deadlineMissed = "deadline.missed"
    case tickDaily = "tick.daily"
    case tickWeekly = "tick.weekly"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a plugin may read and do, declared in its manifest and granted by enabling it.
public enum PluginCapability: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case studentsRead = "students.read"
    case marksRead = "marks.read"
    case attendanceRead = "attendance.read"
    /// Special-category data (152-ФЗ art. 10): known so that a manifest asking for it gets a
    /// plain refusal, never granted to a plugin.
    case healthRead = "health.read"
    case notifyFamily = "notify.family"
    case notifyStaff = "notify.staff"
    case flagsWrite = "flags.write"
    case tasksWrite = "tasks.write"
    case reportsWrite = "reports.write"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Capabilities the school never grants to a plugin, whatever its manifest says.
    public var isNeverGranted: Bool { self == .healthRead }
}

/// A title or text in both of the interface's languages.
public struct PluginText: Sendable, Hashable, Codable {
    public var ru: String
    public var en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .en && !en.isEmpty ? en : ru }
}

/// A plugin's manifest (`plugin.lua`): who it is, what it handles, what it needs, how it is
/// configured and where it runs among the others.
public struct PluginManifest: Sendable, Hashable {
    public var id: String
    public var title: PluginText
    public var description: PluginText?
    public var version: SemanticVersion
    public var api: Int
    public var events: [PluginEventKind]
    public var capabilities: [PluginCapability]
    public var config: [PluginConfigField]
    /// Whether the manifest has `check = function(config) … end`.
    public var hasCheck: Bool
    public var after: [String]
    public var before: [String]

    /// The plugin API this host provides.
    public static let hostAPI = 1

    public func field(_ name: String) -> PluginConfigField? { config.first { $0.name == name } }
}

/// `major.minor.patch`, compared numerically.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let numbers = Optional(
                parts.compactMap { part -> Int? in
                    guard !part.isEmpty, part.count <= 6, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber) else {
                        return nil
                    }
                    return Int(part)
                }), numbers.count == 3
        else { return nil }
        (major, minor, patch) = (numbers[0], numbers[1], numbers[2])
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = SemanticVersion(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not semver"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Reads a manifest's table field by field; every problem names the manifest's line.
struct PluginManifestParser {
    let file: RuleFile
    let value: LuaValue
    /// The folder's name, which the id must equal.
    let folder: String?

    static let fields: Set<String> = [
        "kind", "id", "title", "description", "version", "api", "events", "capabilities", "config", "check",
        "after", "before",
    ]

    private func fail(_ field: String, _ key: String, _ values: [String: String] = [:]) -> RulesError {
        RulesError(file: file.path, line: file.line(assigning: field), .init(key, values))
    }

    func parse() throws -> PluginManifest {
        guard let map = value.mapValue, value["kind"] == .string("plugin") else {
            throw RulesError(file: file.path, .init("plugin.manifest.not_a_plugin"))
        }
        for key in map.keys.sorted() where !Self.fields.contains(key) {
            throw fail(
                key, "plugin.manifest.unknown_field",
                ["field": key, "known": Self.fields.subtracting(["kind"]).sorted().joined(separator: ", ")])
        }
        guard let id = map["id"]?.stringValue, PluginID.isValid(id) else { throw fail("id", "plugin.manifest.id") }
        if let folder, folder != id { throw fail("id", "plugin.manifest.id_folder", ["id": id, "folder": folder]) }
        let title = try text("title", required: true)!
        let description = try text("description", required: false)
        guard let versionText = map["version"]?.stringValue, let version = SemanticVersion(versionText) else {
            throw fail("version", "plugin.manifest.version")
        }
        guard let api = map["api"]?.integerValue, api >= 1 else { throw fail("api", "plugin.manifest.api") }
        guard api <= PluginManifest.hostAPI else {
            throw fail(
                "api", "plugin.manifest.api_newer", ["api": String(api), "host": String(PluginManifest.hostAPI)])
        }
        let events: [PluginEventKind] = try names("events", required: true).map { name in
            guard let kind = PluginEventKind(rawValue: name) else {
                throw fail(
                    "events", "plugin.manifest.unknown_event",
                    ["event": name, "known": PluginEventKind.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            return kind
        }
        let capabilities: [PluginCapability] = try names("capabilities", required: false).map { name in
            guard let capability = PluginCapability(rawValue: name) else {
                throw fail(
                    "capabilities", "plugin.manifest.unknown_capability",
                    ["capability": name, "known": PluginCapability.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            return capability
        }
        let config = try configFields()
        if let check = map["check"], check != .function { throw fail("check", "plugin.manifest.check") }
        let after = try names("after", required: false)
        let before = try names("before", required: false)
        for other in after + before where !PluginID.isValid(other) || other == id {
            throw fail(after.contains(other) ? "after" : "before", "plugin.manifest.order_name", ["name": other])
        }
        return PluginManifest(
            id: id, title: title, description: description, version: version, api: Int(api),
            events: Array(Set(events)).sorted(), capabilities: Array(Set(capabilities)).sorted(), config: config,
            hasCheck: map["check"] == .function, after: after, before: before)
    }

    private func text(_ field: String, required: Bool) throws -> PluginText? {
        let raw = value[field]
        guard !raw.isNil else {
            if required { throw fail(field, "plugin.manifest.text", ["field": field]) }
            return nil
        }
        if let plain = raw.stringValue, !plain.isEmpty, plain.count <= 200 { return PluginText(ru: plain, en: plain) }
        guard let ru = raw["ru"].stringValue, !ru.isEmpty, ru.count <= 500 else {
            throw fail(field, "plugin.manifest.text", ["field": field])
        }
        let en = raw["en"].stringValue ?? ""
        guard en.count <= 500 else { throw fail(field, "plugin.manifest.text", ["field": field]) }
        return PluginText(ru: ru, en: en)
    }

    private func names(_ field: String, required: Bool) throws -> [String] {
        let raw = value[field]
        guard !raw.isNil else {
            if required { throw fail(field, "plugin.manifest.list", ["field": field]) }
            return []
        }
        guard let list = raw.arrayValue, !(required && list.isEmpty), list.count <= 64 else {
            throw fail(field, "plugin.manifest.list", ["field": field])
        }
        return try list.map { element in
            guard let name = element.stringValue else { throw fail(field, "plugin.manifest.list", ["field": field]) }
            return name
        }
    }

    private func configFields() throws -> [PluginConfigField] {
        let raw = value["config"]
        guard !raw.isNil else { return [] }
        guard let map = raw.mapValue, map.count <= 50 else { throw fail("config", "plugin.config.schema") }
        return try map.keys.sorted().map { name in
            try PluginConfigField(name: name, spec: map[name]!, file: file)
        }
    }
}

/// Plugin ids: lower-case Latin letters, digits and dashes, starting with a letter.
public enum PluginID {
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 64 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
