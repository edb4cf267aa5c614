public import JournalAccess
import JournalModel
import LuaRuntime

/// Conditions that administrators write on rights extensions (R24), in Lua:
/// `return function(user, object) return ... end`. Each is checked when saved and run in the
/// sandbox with small limits when a decision needs it.
public final class RightsConditions: Sendable {
    private let runner: ConditionRunner

    public init(host: RuleHost = .unavailable) { runner = ConditionRunner(host: host) }

    /// Compiles and checks an extension's condition; the error names the line.
    public func condition(source: String, name: String) throws -> Condition {
        let script = LuaScript(name: name, source: source)
        let probe = try LuaState()
        RuleHost.unavailable.install(on: probe)
        try probe.installGlobals(from: Prelude.script)
        let value: LuaValue
        do {
            value = try probe.module(script, limits: ConditionRunner.limits)
        } catch let error as LuaError {
            throw RulesError(error)
        }
        guard value == .function else {
            throw RulesError(
                file: name, .init("rules.rights_conditions.1", ["v1": "\(value.typeName)"]))
        }
        return runner.condition(script: script, path: [], label: name)
    }
}
