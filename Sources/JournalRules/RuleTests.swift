import JournalModel
import LuaRuntime

extension RuleEvaluator {
    /// Runs the `tests` table of every scale. A test gives one input — `average`, `annual`
    /// (period marks), `final` ({ annual, exam }) or `forecast` ({ average, count, … }) — and
    /// the `expect`ed mark; a missing `expect` means no mark.
    func runTests() throws {
        var failures: [RulesError] = []
        scales: for scale in rules.scales.values.sorted(by: { $0.file < $1.file }) {
            let module: LuaValue
            do {
                module = try state.module(scale.script, limits: rules.limits)
            } catch let error as LuaError {
                failures.append(RulesError(error))
                break
            }
            guard let tests = module["tests"].arrayValue else { continue }
            let file = RuleFile(path: scale.file, source: scale.script.source)
            for (index, test) in tests.enumerated() {
                do {
                    try run(test, scale: scale)
                } catch let error as RulesError {
                    failures.append(
                        RulesError(
                            file: scale.file, line: error.line ?? file.line(ofEntry: index, in: "tests"),
                            message: "test \(index + 1): \(error.message)", luaKind: error.luaKind))
                    // A limit breaks the state, and a spent budget stops every later test: the
                    // remaining tests cannot run.
                    if state.isBroken || state.budget?.isSpent == true { break scales }
                }
            }
        }
        if !failures.isEmpty { throw RulesFailure(failures) }
    }

    private func run(_ test: LuaValue, scale: Scale) throws {
        let expected = test["expect"].stringValue ?? test["expect"].integerValue.map(String.init)
        let (input, actual): (String, String?)
        if let average = test["average"].doubleValue {
            (input, actual) = ("average \(average)", try periodMark(scale, average: average))
        } else if let marks = test["annual"].arrayValue {
            let periodMarks = marks.compactMap(\.stringValue)
            (input, actual) = (
                "annual from \(periodMarks.joined(separator: ", "))", try annualMark(scale, periodMarks: periodMarks)
            )
        } else if test["final"].mapValue != nil {
            let annual = test["final"]["annual"].stringValue
            let exam = test["final"]["exam"].stringValue
            (input, actual) = (
                "final from annual \(annual ?? "–") and exam \(exam ?? "–")",
                try finalMark(scale, annual: annual, exam: exam)
            )
        } else if let average = test["forecast"]["average"].doubleValue {
            let count = Int(test["forecast"]["count"].integerValue ?? 0)
            let forecastInput = ForecastInput(
                average: average, count: count,
                totalWeight: test["forecast"]["total_weight"].doubleValue ?? Double(count),
                progress: test["forecast"]["progress"].doubleValue ?? 0.5)
            (input, actual) = ("forecast at average \(average) with \(count) marks", try forecast(scale, forecastInput))
        } else {
            throw RulesError(
                file: scale.file, .init("rules.rule_tests.1"))
        }
        if actual != expected {
            throw RulesError(
                file: scale.file,
                .init(
                    "rules.rule_tests.2",
                    [
                        "v1": "\(input)", "v2": "\(expected.map { "\"\($0)\"" } ?? "no mark")",
                        "v3": "\(actual.map { "\"\($0)\"" } ?? "no mark")",
                    ]))
        }
    }
}
