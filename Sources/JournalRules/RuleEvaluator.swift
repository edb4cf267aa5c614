import JournalModel
import LuaRuntime

/// Calls the Lua parts of the rules on one pooled state. Obtain it from
/// ``SchoolRules/withEvaluator(_:)``; it must not outlive that call.
public struct RuleEvaluator {
    let state: LuaState
    public let rules: SchoolRules

    /// What a forecast is computed from (R13).
    public struct ForecastInput: Sendable, Hashable, Codable {
        public var average: Double
        /// Marks that counted in the average.
        public var count: Int
        public var totalWeight: Double
        /// How much of the period has passed, 0…1.
        public var progress: Double

        public init(average: Double, count: Int, totalWeight: Double, progress: Double) {
            self.average = average
            self.count = count
            self.totalWeight = totalWeight
            self.progress = progress
        }
    }

    /// The recommended period mark for a weighted average.
    public func periodMark(_ scale: Scale, average: Double) throws -> String? {
        try mark(scale, "period_mark", [.number(average)])
    }

    /// The annual mark from the period marks; by default the period rule applied to the
    /// average of their values.
    public func annualMark(_ scale: Scale, periodMarks: [String]) throws -> String? {
        if scale.has(function: "annual_mark") {
            return try mark(scale, "annual_mark", [.array(periodMarks.map(LuaValue.string))])
        }
        let points = periodMarks.compactMap { scale.values[$0] }
        guard !points.isEmpty else { return nil }
        return try periodMark(scale, average: points.reduce(0, +) / Double(points.count))
    }

    /// The final mark from the annual mark and an exam mark; by default the annual mark.
    public func finalMark(_ scale: Scale, annual: String?, exam: String?) throws -> String? {
        guard scale.has(function: "final_mark") else { return annual }
        var input: [String: LuaValue] = [:]
        if let annual { input["annual"] = .string(annual) }
        if let exam { input["exam"] = .string(exam) }
        return try mark(scale, "final_mark", [.map(input)])
    }

    /// The forecast for the running period, or nil when the rule says it is too early.
    public func forecast(_ scale: Scale, _ input: ForecastInput) throws -> String? {
        guard scale.has(function: "forecast") else { return try periodMark(scale, average: input.average) }
        return try mark(
            scale, "forecast",
            [
                [
                    "average": .number(input.average), "count": .integer(Int64(input.count)),
                    "total_weight": .number(input.totalWeight), "progress": .number(input.progress),
                ]
            ])
    }

    /// Calls a scale function and checks that it returned a mark of that scale, or nil.
    private func mark(_ scale: Scale, _ function: String, _ arguments: [LuaValue]) throws -> String? {
        let result: LuaValue
        try rules.breaker.check(scale.file, version: rules.version)
        do {
            result = try state.call(scale.script, function, arguments, limits: rules.callLimits)
        } catch let error as LuaError {
            if error.isLimit { rules.breaker.recordLimit() }
            throw RulesError(error)
        }
        switch result {
        case .nil:
            return nil
        case .string(let value) where scale.values[value] != nil || scale.specials[value] != nil:
            return value
        case .integer(let number) where scale.values[String(number)] != nil:
            return String(number)
        default:
            throw RulesError(
                file: scale.file,
                .init(
                    "rules.rule_evaluator.1",
                    [
                        "v1": "\(function)", "v2": "\(result.json)", "v3": "\(scale.id)",
                        "v4": "\(scale.acceptedValuesText)",
                    ]))
        }
    }
}
