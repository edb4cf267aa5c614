import Foundation
public import JournalModel
public import LuaRuntime

/// `health_flags.lua`, kept by the medical worker: a function of what a teacher's flags need to
/// know about one student (the PE group and its end, whether there is an allergy or a
/// contraindication, the health group, today) returning the flags teachers see — never the
/// records themselves. A school without the file raises no flags.
public struct HealthFlags: Sendable {
    let script: LuaScript?

    public static let none = HealthFlags(script: nil)
    public static let file = "health_flags.lua"

    public var isEmpty: Bool { script == nil }

    /// What the function receives about one student.
    public struct Input: Sendable, Hashable {
        /// The PE group valid today (`main`, `preparatory`, `special_a`, `special_b`, `exempt`).
        public var peGroup: String?
        /// Its last day, when it has one.
        public var peUntil: LocalDate?
        public var healthGroup: Int?
        public var hasAllergy: Bool
        public var hasContraindication: Bool
        public var today: LocalDate

        public init(
            peGroup: String?, peUntil: LocalDate?, healthGroup: Int?, hasAllergy: Bool, hasContraindication: Bool,
            today: LocalDate
        ) {
            self.peGroup = peGroup
            self.peUntil = peUntil
            self.healthGroup = healthGroup
            self.hasAllergy = hasAllergy
            self.hasContraindication = hasContraindication
            self.today = today
        }

        var lua: LuaValue {
            var fields: [String: LuaValue] = [
                "allergy": .boolean(hasAllergy), "contraindication": .boolean(hasContraindication),
                "today": .string(today.description),
            ]
            if let peGroup { fields["pe_group"] = .string(peGroup) }
            if let peUntil { fields["pe_until"] = .string(peUntil.description) }
            if let healthGroup { fields["health_group"] = .integer(Int64(healthGroup)) }
            return .map(fields)
        }
    }

    /// One flag the function returned: its text and the last day it is shown.
    public struct Flag: Sendable, Hashable {
        public var text: String
        public var until: LocalDate?

        public init(text: String, until: LocalDate?) {
            self.text = text
            self.until = until
        }
    }

    /// The longest flag text a teacher's page shows.
    public static let maximumText = 120

    static func parse(_ value: LuaValue, file: RuleFile, script: LuaScript) throws -> HealthFlags {
        let root = try RuleTable(value, file: file)
        for key in root.fields.keys where !["kind", "flags", "tests"].contains(key) {
            throw root.error(key, .init("rules.health_flags.field", ["field": key]))
        }
        guard root.isFunction("flags") else {
            throw root.error("flags", .init("rules.health_flags.function"))
        }
        return HealthFlags(script: script)
    }
}

extension RuleEvaluator {
    /// The flags of one student: `flags(student)` of `health_flags.lua`, checked.
    public func healthFlags(_ input: HealthFlags.Input) throws -> [HealthFlags.Flag] {
        guard let script = rules.healthFlags.script else { return [] }
        try rules.breaker.check(script.name, version: rules.version)
        let result: LuaValue
        do {
            result = try state.call(script, path: ["flags"], [input.lua], limits: rules.callLimits)
        } catch let error as LuaError {
            if error.isLimit { rules.breaker.recordLimit() }
            throw RulesError(error)
        }
        if result.isNil { return [] }
        guard let entries = result.arrayValue else {
            throw RulesError(file: script.name, .init("rules.health_flags.result", ["value": result.json]))
        }
        return try entries.map { entry in
            guard let text = (entry["text"].stringValue ?? entry.stringValue)?.trimmingCharacters(in: .whitespaces),
                !text.isEmpty, text.count <= HealthFlags.maximumText
            else {
                throw RulesError(
                    file: script.name,
                    .init(
                        "rules.health_flags.entry",
                        ["value": entry.json, "max": String(HealthFlags.maximumText)]))
            }
            let until: LocalDate?
            switch entry["ends"] {
            case .nil: until = nil
            case .string(let day) where LocalDate(day) != nil: until = LocalDate(day)
            default:
                throw RulesError(
                    file: script.name, .init("rules.health_flags.ends", ["value": entry["ends"].json]))
            }
            return HealthFlags.Flag(text: text, until: until)
        }
    }

    /// Runs the `tests` of `health_flags.lua`: each gives a `student` and the flag texts it
    /// `expect`s, in order.
    func runHealthFlagTests() throws {
        guard let script = rules.healthFlags.script, let (tests, file) = try testsOf(script) else { return }
        var failures: [RulesError] = []
        for (index, test) in tests.enumerated() {
            let line = file.line(ofEntry: index, in: "tests")
            let student = test["student"].mapValue ?? [:]
            guard let today = student["today"]?.stringValue.flatMap(LocalDate.init) else {
                failures.append(
                    RulesError(
                        file: script.name, line: line, .init("rules.health_flags.test_today", ["n": "\(index + 1)"])))
                continue
            }
            let input = HealthFlags.Input(
                peGroup: student["pe_group"]?.stringValue,
                peUntil: student["pe_until"]?.stringValue.flatMap(LocalDate.init),
                healthGroup: student["health_group"]?.integerValue.map(Int.init),
                hasAllergy: student["allergy"]?.boolValue ?? false,
                hasContraindication: student["contraindication"]?.boolValue ?? false, today: today)
            do {
                let texts = try healthFlags(input).map(\.text)
                let expected = (test["expect"].arrayValue ?? []).compactMap(\.stringValue)
                if texts != expected {
                    failures.append(
                        RulesError(
                            file: script.name, line: line,
                            .init(
                                "rules.health_flags.test_failed",
                                [
                                    "n": "\(index + 1)", "expected": expected.joined(separator: "; "),
                                    "actual": texts.joined(separator: "; "),
                                ])))
                }
            } catch let error as RulesError {
                failures.append(
                    RulesError(
                        file: script.name, line: error.line ?? line, message: "test \(index + 1): \(error.message)",
                        luaKind: error.luaKind))
                if state.isBroken || state.budget?.isSpent == true { break }
            }
        }
        if !failures.isEmpty { throw RulesFailure(failures) }
    }
}
