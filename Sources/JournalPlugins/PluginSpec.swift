import Foundation
import JournalModel
import JournalRules
import Localization
import LuaRuntime

/// The outcome of one case of a plugin's spec.
public struct PluginSpecResult: Sendable, Hashable {
    public var file: String
    public var name: String
    /// Nil when the case passed; else what went wrong.
    public var failure: String?
}

extension LoadedPlugin {
    /// Runs every `spec/*.lua` of the plugin: each case feeds an event to the handler over the
    /// spec's fixture school and compares the effects with what the case expects.
    public func runSpecs() async throws -> [PluginSpecResult] {
        var results: [PluginSpecResult] = []
        for path in package.specs {
            let name = "\(package.folder)/\(path)"
            let script = LuaScript(name: name, source: PluginPrelude.wrap(package.files[path]!, as: "spec"))
            let spec: LuaValue
            do {
                spec = try await pool.withState { state in try state.module(script, limits: LoadedPlugin.handlerLimits)
                }
            } catch let error as LuaError {
                results.append(PluginSpecResult(file: name, name: "(load)", failure: error.description))
                continue
            }
            guard spec["spec"]["kind"] == .string("spec"), let cases = spec["spec"]["cases"].arrayValue, !cases.isEmpty
            else {
                results.append(
                    PluginSpecResult(file: name, name: "(load)", failure: Strings.text("plugin.spec.not_a_spec", .en)))
                continue
            }
            for (index, testCase) in cases.enumerated() {
                let title = testCase["name"].stringValue ?? "case \(index + 1)"
                let failure = await run(
                    testCase, index: index + 1, spec: spec["spec"], script: script)
                results.append(PluginSpecResult(file: name, name: title, failure: failure))
            }
        }
        return results
    }

    private func run(_ testCase: LuaValue, index: Int, spec: LuaValue, script: LuaScript) async -> String? {
        do {
            var overrides: [String: PluginConfigValue] = [:]
            for source in [spec["config"], testCase["config"]] {
                for (key, value) in source.mapValue ?? [:] {
                    guard let field = manifest.field(key) else {
                        throw PluginConfigProblem(
                            field: key,
                            message: .init(
                                "plugin.config.unknown",
                                ["field": key, "known": manifest.config.map(\.name).joined(separator: ", ")]))
                    }
                    overrides[key] = try field.accept(value)
                }
            }
            let config = try await configuration(overrides)
            let school = FixtureSchool(testCase["school"].isNil ? spec["school"] : testCase["school"])
            let event = try PluginEvent(spec: testCase["event"], id: Int64(index))
            let outcome: PluginOutcome
            do {
                outcome = try await handle(
                    event, config: config, school: school, granted: Set(manifest.capabilities))
            } catch let failure as PluginFailure {
                if let wanted = testCase["expect_error"].stringValue, failure.message.contains(wanted) { return nil }
                return failure.message
            }
            if testCase["expect_error"].stringValue != nil { return "expected an error, the handler succeeded" }
            let expected = testCase["expect"]
            if expected == .function {
                do {
                    _ = try await pool.withState { state in
                        try state.call(
                            script, "expect", [.integer(Int64(index)), .array(outcome.returned)],
                            limits: LoadedPlugin.handlerLimits)
                    }
                    return nil
                } catch let error as LuaError {
                    return error.description
                }
            }
            guard let wanted = expected.arrayValue else { return "expect is a list of effects or a function" }
            guard wanted.count == outcome.returned.count else {
                return
                    "expected \(wanted.count) effects, got \(outcome.returned.count): \(LuaValue.array(outcome.returned).json)"
            }
            for (position, (want, got)) in zip(wanted, outcome.returned).enumerated() {
                for (key, value) in want.mapValue ?? [:] where !Self.matches(value, got[key]) {
                    return "effect \(position + 1): \(key) is \(got[key].json), expected \(value.json)"
                }
            }
            return nil
        } catch let problem as PluginConfigProblem {
            return "config \(problem.field): \(problem.message.text(.en))"
        } catch {
            return String(describing: error)
        }
    }

    /// Numbers compare by value whether integer or not; tables field by field (a subset).
    private static func matches(_ want: LuaValue, _ got: LuaValue) -> Bool {
        if let a = want.doubleValue, let b = got.doubleValue { return a == b }
        if let map = want.mapValue, !map.isEmpty {
            return map.allSatisfy { matches($0.value, got[$0.key]) }
        }
        if let list = want.arrayValue, let other = got.arrayValue {
            return list.count == other.count && zip(list, other).allSatisfy { matches($0, $1) }
        }
        return want == got
    }
}

/// The small school a spec describes, answering `school.*` from its tables.
struct FixtureSchool: PluginSchool {
    let data: LuaValue

    init(_ data: LuaValue) { self.data = data }

    private func list(_ name: String) -> [LuaValue] { data[name].arrayValue ?? [] }

    private func inRange(_ value: LuaValue, _ from: LocalDate?, _ to: LocalDate?) -> Bool {
        guard let day = value["date"].stringValue.flatMap(LocalDate.init) else { return true }
        return (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }

    func student(_ id: Int64) throws -> LuaValue { list("students").first { $0["id"].integerValue == id } ?? .nil }

    func students(className: String?) throws -> [LuaValue] {
        list("students").filter { className == nil || $0["class"].stringValue == className }
    }

    func classes() throws -> [LuaValue] {
        var seen: Set<String> = []
        return list("students").compactMap { student in
            guard let name = student["class"].stringValue, seen.insert(name).inserted else { return nil }
            return .map(["name": .string(name), "grade": student["grade"]])
        }
    }

    func subject(_ id: Int64) throws -> LuaValue { list("subjects").first { $0["id"].integerValue == id } ?? .nil }

    func marks(student: Int64, subject: Int64, from: LocalDate?, to: LocalDate?) throws -> [LuaValue] {
        list("marks").filter {
            $0["student"].integerValue == student && $0["subject"].integerValue == subject && inRange($0, from, to)
        }.sorted { ($0["date"].stringValue ?? "") < ($1["date"].stringValue ?? "") }
    }

    func forecast(student: Int64, subject: Int64) throws -> LuaValue {
        list("forecasts").first { $0["student"].integerValue == student && $0["subject"].integerValue == subject }
            ?? .map(["failing": .boolean(false)])
    }

    func absences(student: Int64, from: LocalDate?, to: LocalDate?) throws -> [LuaValue] {
        list("absences").filter { $0["student"].integerValue == student && inRange($0, from, to) }
    }

    func attendance(from: LocalDate, to: LocalDate, className: String?) throws -> [LuaValue] {
        list("attendance").filter { className == nil || $0["class"].stringValue == className }
    }
}
