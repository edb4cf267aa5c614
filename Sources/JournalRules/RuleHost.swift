import LuaRuntime

/// What the school's rules may ask of the core: `can(user, capability, object)`. The
/// service provides it; rules checked on their own (the command line's `rules check`) get a
/// version that says it is not available there.
public struct RuleHost: Sendable {
    /// (account id, capability, object reference such as `student:12`) → allowed.
    public var can: @Sendable (Int64, String, String) throws -> Bool

    public init(can: @escaping @Sendable (Int64, String, String) throws -> Bool) { self.can = can }

    public static let unavailable = RuleHost { _, _, _ in
        throw LuaScriptError("can(...) needs the school's accounts and is not available when rules are only checked")
    }

    /// Registers the functions behind the prelude's `can` on a state.
    func install(on state: LuaState) {
        let can = self.can
        state.register("__can") { arguments in
            guard arguments.count == 3, let account = arguments[0].integerValue,
                let capability = arguments[1].stringValue,
                let object = arguments[2].stringValue
            else {
                throw LuaScriptError(
                    "can(user, capability, object) takes a person (or an account id), a capability name and an object "
                        + "({ kind = \"student\", id = 12 } or \"student:12\")")
            }
            return .boolean(try can(account, capability, object))
        }
    }
}
