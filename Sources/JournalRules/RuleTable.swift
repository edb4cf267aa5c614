import JournalModel
import LuaRuntime

/// Reads the table a rule script returned, field by field, with errors that name the field
/// and its line.
struct RuleTable {
    let fields: [String: LuaValue]
    let file: RuleFile
    /// Where in the script this table sits, for messages: `marks[2]`, `rules[3]`.
    let path: String

    init(_ value: LuaValue, file: RuleFile, path: String = "") throws {
        guard let fields = value.mapValue else {
            throw RulesError(
                file: file.path,
                path.isEmpty
                    ? .init("rules.error.not_a_table", ["type": value.typeName])
                    : .init("rules.error.field_not_a_table", ["field": path, "type": value.typeName]))
        }
        self.fields = fields
        self.file = file
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: JournalError.Message) -> RulesError {
        RulesError.field(key, in: file, message)
    }

    func has(_ key: String) -> Bool { !(fields[key] ?? .nil).isNil }

    func string(_ key: String) throws -> String {
        guard let value = fields[key]?.stringValue, !value.isEmpty else {
            throw error(key, .init("rules.rule_table.1", ["v1": "\(name(key))"]))
        }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        guard has(key) else { return nil }
        return try string(key)
    }

    func number(_ key: String) throws -> Double {
        guard let value = fields[key]?.doubleValue, value.isFinite else {
            throw error(key, .init("rules.rule_table.2", ["v1": "\(name(key))"]))
        }
        return value
    }

    func optionalNumber(_ key: String) throws -> Double? {
        guard has(key) else { return nil }
        return try number(key)
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard has(key) else { return fallback }
        guard let value = fields[key]?.boolValue else {
            throw error(key, .init("rules.rule_table.3", ["v1": "\(name(key))"]))
        }
        return value
    }

    func list(_ key: String) throws -> [LuaValue] {
        guard let values = fields[key]?.arrayValue else {
            throw error(key, .init("rules.rule_table.4", ["v1": "\(name(key))"]))
        }
        return values
    }

    func strings(_ key: String) throws -> [String] {
        try list(key).enumerated().map { index, value in
            guard let text = value.stringValue, !text.isEmpty else {
                throw error(key, .init("rules.rule_table.5", ["v1": "\(name(key))", "v2": "\(index + 1)"]))
            }
            return text
        }
    }

    func table(_ key: String) throws -> RuleTable {
        guard let value = fields[key] else { throw error(key, .init("rules.rule_table.6", ["v1": "\(name(key))"])) }
        return try RuleTable(value, file: file, path: name(key))
    }

    func tables(_ key: String) throws -> [RuleTable] {
        try list(key).enumerated().map { index, value in
            try RuleTable(value, file: file, path: "\(name(key))[\(index + 1)]")
        }
    }

    func isFunction(_ key: String) -> Bool { fields[key] == .function }
}

extension LuaValue {
    /// The list part of a table that may also carry named fields (`work_types { {…}, {…} }`
    /// is tagged with `kind`): the entries under keys 1…n, in order.
    var listEntries: [LuaValue] {
        if let values = arrayValue { return values }
        guard let fields = mapValue else { return [] }
        var entries: [LuaValue] = []
        while let next = fields[String(entries.count + 1)] { entries.append(next) }
        return entries
    }
}

/// A set of grade levels written as `"1-9"`, `"10-11"`, `"1"` or `"5, 7, 9"`.
struct GradeSet: Sendable, Hashable {
    var grades: Set<Int>

    init?(_ text: String) {
        var grades: Set<Int> = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-").map { $0.trimmingWhitespace() }
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds.last!),
                (1...11).contains(low), (1...11).contains(high), low <= high
            else { return nil }
            grades.formUnion(low...high)
        }
        guard !grades.isEmpty else { return nil }
        self.grades = grades
    }

    func contains(_ grade: Int) -> Bool { grades.contains(grade) }
}

extension StringProtocol {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
