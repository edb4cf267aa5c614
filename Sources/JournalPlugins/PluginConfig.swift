import Foundation
public import JournalModel
import JournalRules
import Localization
import LuaRuntime

/// A value of a plugin's configuration.
public enum PluginConfigValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    var lua: LuaValue {
        switch self {
        case .integer(let value): .integer(value)
        case .number(let value): .number(value)
        case .boolean(let value): .boolean(value)
        case .string(let value): .string(value)
        }
    }

    /// The value as a form shows it.
    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .boolean(let value): value ? "true" : "false"
        case .string(let value): value
        }
    }
}

/// One field of a plugin's configuration schema: its type, bounds, accepted values and default.
public struct PluginConfigField: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case integer, number, boolean, string, `enum`
    }

    public var name: String
    public var kind: Kind
    public var title: PluginText
    public var minimum: Double?
    public var maximum: Double?
    public var values: [String]
    public var maximumLength: Int
    public var defaultValue: PluginConfigValue

    init(name: String, spec: LuaValue, file: RuleFile) throws {
        func fail(_ key: String, _ values: [String: String] = [:]) -> RulesError {
            RulesError(
                file: file.path, line: file.line(assigning: name),
                .init(key, ["field": name].merging(values) { a, _ in a }))
        }
        guard name.count <= 40,
            name.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0)) }),
            spec.mapValue != nil
        else { throw fail("plugin.config.schema_field") }
        guard let kindName = spec["type"].stringValue, let kind = Kind(rawValue: kindName) else {
            throw fail("plugin.config.type", ["known": Kind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        self.name = name
        self.kind = kind
        if let ru = spec["title"]["ru"].stringValue, !ru.isEmpty {
            title = PluginText(ru: ru, en: spec["title"]["en"].stringValue ?? "")
        } else if let plain = spec["title"].stringValue, !plain.isEmpty {
            title = PluginText(ru: plain, en: plain)
        } else {
            throw fail("plugin.config.title")
        }
        minimum = spec["min"].doubleValue
        maximum = spec["max"].doubleValue
        if let minimum, let maximum, minimum > maximum { throw fail("plugin.config.range") }
        values = spec["values"].arrayValue?.compactMap(\.stringValue) ?? []
        if kind == .enum && values.isEmpty { throw fail("plugin.config.values") }
        maximumLength = Int(spec["max_length"].integerValue ?? 200)
        guard (1...2000).contains(maximumLength) else { throw fail("plugin.config.max_length") }
        let defaultRaw = spec["default"]
        guard !defaultRaw.isNil else { throw fail("plugin.config.default") }
        // The default must itself pass the schema.
        defaultValue = .boolean(false)
        do {
            defaultValue = try accept(defaultRaw)
        } catch let problem as PluginConfigProblem {
            throw fail("plugin.config.default_invalid", ["problem": problem.message.text(.en)])
        }
    }

    /// Checks a value from Lua (a spec, the manifest's default) against the field.
    func accept(_ value: LuaValue) throws -> PluginConfigValue {
        switch kind {
        case .integer:
            guard let number = value.integerValue else { throw problem("plugin.config.expected_integer") }
            try checkRange(Double(number))
            return .integer(number)
        case .number:
            guard let number = value.doubleValue, number.isFinite else {
                throw problem("plugin.config.expected_number")
            }
            try checkRange(number)
            return .number(number)
        case .boolean:
            guard let flag = value.boolValue else { throw problem("plugin.config.expected_boolean") }
            return .boolean(flag)
        case .string, .enum:
            guard let text = value.stringValue else { throw problem("plugin.config.expected_string") }
            return try acceptText(text)
        }
    }

    /// Checks a value typed into the configuration form.
    public func accept(text raw: String) throws -> PluginConfigValue {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .integer:
            guard let number = Int64(text) else { throw problem("plugin.config.expected_integer") }
            try checkRange(Double(number))
            return .integer(number)
        case .number:
            guard let number = Double(text.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
                throw problem("plugin.config.expected_number")
            }
            try checkRange(number)
            return .number(number)
        case .boolean:
            switch text.lowercased() {
            case "true", "on", "1", "yes", "да": return .boolean(true)
            case "false", "off", "0", "no", "нет", "": return .boolean(false)
            default: throw problem("plugin.config.expected_boolean")
            }
        case .string, .enum: return try acceptText(raw)
        }
    }

    private func acceptText(_ text: String) throws -> PluginConfigValue {
        if kind == .enum {
            guard values.contains(text) else {
                throw problem("plugin.config.not_in_values", ["known": values.joined(separator: ", ")])
            }
        } else if text.count > maximumLength || text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) {
            throw problem("plugin.config.too_long", ["max": String(maximumLength)])
        }
        return .string(text)
    }

    private func checkRange(_ number: Double) throws {
        if let minimum, number < minimum {
            throw problem("plugin.config.below", ["min": PluginConfigValue.number(minimum).description])
        }
        if let maximum, number > maximum {
            throw problem("plugin.config.above", ["max": PluginConfigValue.number(maximum).description])
        }
    }

    private func problem(_ key: String, _ values: [String: String] = [:]) -> PluginConfigProblem {
        PluginConfigProblem(field: name, message: .init(key, values.merging(["field": name]) { a, _ in a }))
    }
}

/// A configuration value the schema refuses: the field and why, in the reader's language.
public struct PluginConfigProblem: Error, Sendable, Hashable {
    public var field: String
    public var message: JournalError.Message
}

/// A plugin's configuration: every field of its schema with a value that passed it.
public struct PluginConfig: Sendable, Hashable, Codable {
    public var values: [String: PluginConfigValue]

    public init(values: [String: PluginConfigValue] = [:]) { self.values = values }

    /// The defaults, with `overrides` applied field by field; every value checked.
    public static func resolve(_ manifest: PluginManifest, overrides: [String: PluginConfigValue]) throws
        -> PluginConfig
    {
        var values: [String: PluginConfigValue] = [:]
        for key in overrides.keys.sorted() where manifest.field(key) == nil {
            throw PluginConfigProblem(
                field: key,
                message: .init(
                    "plugin.config.unknown",
                    ["field": key, "known": manifest.config.map(\.name).joined(separator: ", ")]))
        }
        for field in manifest.config {
            guard let value = overrides[field.name] else {
                values[field.name] = field.defaultValue
                continue
            }
            values[field.name] = try field.accept(value.lua)
        }
        return PluginConfig(values: values)
    }

    var lua: LuaValue { .map(values.mapValues(\.lua)) }

    /// The configuration as stored: JSON with sorted keys.
    public var json: String { Self.encodeJSON(values) }

    /// JSON with sorted keys, as the journal stores configurations, report rows and files.
    public static func encodeJSON<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    public static func decode(json: String) -> [String: PluginConfigValue] {
        (try? JSONDecoder().decode([String: PluginConfigValue].self, from: Data(json.utf8))) ?? [:]
    }
}
