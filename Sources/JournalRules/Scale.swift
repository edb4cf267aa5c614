import JournalModel
import LuaRuntime

/// A grading scale (R10): its marks from best to worst, their numeric values, which mark
/// passes, and special values (ОСВ, НА) that are recorded but do not count in averages.
/// The script behind it also decides the period, annual and final marks and the forecast.
public struct Scale: Sendable, Identifiable {
    public struct Special: Sendable, Hashable {
        public var title: String
        /// A special value may count in the average with a value of its own (rare).
        public var value: Double?
    }

    public let id: String
    public let title: String
    /// Best first.
    public let marks: [String]
    public let values: [String: Double]
    public let passing: String?
    public let specials: [String: Special]
    let script: LuaScript
    let functions: Set<String>

    public var file: String { script.name }

    /// Whether `value` is a mark or a special value of this scale.
    public func accepts(_ value: String) -> Bool { values[value] != nil || specials[value] != nil }

    /// The numeric value that counts in averages, or nil for specials that do not count.
    public func numericValue(of value: String) -> Double? { values[value] ?? specials[value]?.value }

    public func isSpecial(_ value: String) -> Bool { specials[value] != nil }

    /// Whether the mark is at least the passing mark.
    public func isPassing(_ value: String) -> Bool? {
        guard let passing, let threshold = values[passing], let points = values[value] else { return nil }
        return points >= threshold
    }

    /// The accepted values, for messages: `5, 4, 3, 2, 1 or the special values ОСВ, НА`.
    public var acceptedValuesText: String {
        let marksText = marks.count > 12 ? "\(marks.last!)…\(marks.first!)" : marks.joined(separator: ", ")
        guard !specials.isEmpty else { return marksText }
        return "\(marksText) or the special values \(specials.keys.sorted().joined(separator: ", "))"
    }

    public func has(function: String) -> Bool { functions.contains(function) }

    static func parse(_ value: LuaValue, file: RuleFile, script: LuaScript) throws -> Scale {
        let table = try RuleTable(value, file: file)
        let id = try table.string("id")
        let marks = try table.strings("marks")
        guard !marks.isEmpty else { throw table.error("marks", .init("rules.scale.1")) }
        if let duplicate = Dictionary(grouping: marks, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw table.error("marks", .init("rules.scale.2", ["v1": "\(duplicate)"]))
        }
        let valueTable = try table.table("value")
        var values: [String: Double] = [:]
        for mark in marks {
            guard let number = valueTable.fields[mark]?.doubleValue, number.isFinite else {
                throw table.error("value", .init("rules.scale.3", ["v1": "\(mark)"]))
            }
            values[mark] = number
        }
        for key in valueTable.fields.keys where values[key] == nil {
            throw table.error("value", .init("rules.scale.4", ["v1": "\(key)"]))
        }
        for (better, worse) in zip(marks, marks.dropFirst()) where values[better]! < values[worse]! {
            throw table.error(
                "marks", .init("rules.scale.5", ["v1": "\(better)", "v2": "\(worse)"]))
        }
        let passing = try table.optionalString("passing")
        if let passing, values[passing] == nil {
            throw table.error("passing", .init("rules.scale.6", ["v1": "\(marks.joined(separator: ", "))"]))
        }
        var specials: [String: Special] = [:]
        if table.has("specials") {
            let specialTable = try table.table("specials")
            for (code, spec) in specialTable.fields {
                let special = try RuleTable(spec, file: file, path: "specials.\(code)")
                if values[code] != nil { throw table.error("specials", .init("rules.scale.7", ["v1": "\(code)"])) }
                specials[code] = Special(title: try special.string("title"), value: try special.optionalNumber("value"))
            }
        }
        guard table.isFunction("period_mark") else {
            throw table.error("period_mark", .init("rules.scale.8"))
        }
        let functions = Set(["period_mark", "annual_mark", "final_mark", "forecast"].filter(table.isFunction))
        return Scale(
            id: id, title: try table.string("title"), marks: marks, values: values, passing: passing,
            specials: specials, script: script, functions: functions)
    }
}
