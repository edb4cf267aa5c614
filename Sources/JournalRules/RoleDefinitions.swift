public import JournalAccess
public import JournalModel
import LuaRuntime
import Synchronization

/// The roles of `roles.lua` (R21, R23): for each of the nine roles its title, the
/// capabilities it grants and denies in each scope, and Lua conditions on some of them.
public struct RoleDefinitions: Sendable {
    public let titles: [Role: String]
    /// Every grant and denial of every role, conditions attached.
    public let grants: [Grant]
    /// How many days after a lesson a substitute keeps their rights over its entries
    /// (`substitute_days`; by default the week R17 gives for marks).
    public let substituteDays: Int

    /// The longest a substitute's rights may last: a school's quarter at most.
    static let substituteDaysRange = 0...90

    static func parse(_ value: LuaValue, file: RuleFile, script: LuaScript, conditions: ConditionRunner) throws
        -> RoleDefinitions
    {
        let table = try RuleTable(value, file: file)
        var titles: [Role: String] = [:]
        var grants: [Grant] = []
        var substituteDays = 7
        if table.has("substitute_days") {
            let days = try table.number("substitute_days")
            guard days == days.rounded(), substituteDaysRange.contains(Int(days)) else {
                throw table.error(
                    "substitute_days",
                    .init(
                        "rules.role_definitions.1",
                        ["v1": "\(substituteDaysRange.lowerBound)", "v2": "\(substituteDaysRange.upperBound)"]))
            }
            substituteDays = Int(days)
        }
        let roleNames = Role.allCases.map(\.rawValue).joined(separator: ", ")
        for key in table.fields.keys.sorted() where key != "kind" && key != "substitute_days" {
            guard let role = Role(rawValue: key) else {
                throw table.error(key, .init("rules.role_definitions.2", ["v1": "\(key)", "v2": "\(roleNames)"]))
            }
            let definition = try table.table(key)
            titles[role] = try definition.string("title")
            var conditional: [Capability: Condition] = [:]
            if definition.has("conditions") {
                let conditionTable = try definition.table("conditions")
                for name in conditionTable.fields.keys.sorted() {
                    let capability = try Self.capability(name, in: conditionTable, key: "conditions")
                    guard conditionTable.isFunction(name) else {
                        throw conditionTable.error(
                            name, .init("rules.role_definitions.3", ["v1": "\(key)", "v2": "\(name)"]))
                    }
                    conditional[capability] = conditions.condition(
                        script: script, path: [key, "conditions", name],
                        label: "\(file.path):\(file.line(assigning: "[\"\(name)\"]") ?? 0)")
                }
            }
            for (field, effect) in [("grants", Grant.Effect.allow), ("denies", .deny)] where definition.has(field) {
                let byScope = try definition.table(field)
                for scopeName in byScope.fields.keys.sorted() {
                    guard let scope = Scope(rawValue: scopeName) else {
                        throw byScope.error(
                            scopeName,
                            .init(
                                "rules.role_definitions.4",
                                [
                                    "v1": "\(scopeName)",
                                    "v2": "\(Scope.allCases.map(\.rawValue).joined(separator: ", "))",
                                ])
                        )
                    }
                    for name in try byScope.strings(scopeName) {
                        let capability = try Self.capability(name, in: byScope, key: scopeName)
                        // R22: only the Administrator gives roles.
                        if capability == .rolesGrant, effect == .allow, role != .administrator {
                            throw byScope.error(
                                scopeName,
                                .init("rules.role_definitions.5")
                            )
                        }
                        grants.append(
                            Grant(
                                capability: capability, scope: scope, effect: effect, source: .role(role),
                                condition: effect == .allow ? conditional[capability] : nil))
                    }
                }
            }
        }
        return RoleDefinitions(titles: titles, grants: grants, substituteDays: substituteDays)
    }

    static func capability(_ name: String, in table: RuleTable, key: String) throws -> Capability {
        guard let capability = Capability(rawValue: name) else {
            throw table.error(
                key,
                .init(
                    "rules.role_definitions.6",
                    ["v1": "\(name)", "v2": "\(Capability.allCases.map(\.rawValue).joined(separator: ", "))"])
            )
        }
        return capability
    }
}

/// Runs the Lua conditions of grants. Access decisions are synchronous and conditions rare,
/// so one sandboxed state behind a lock serves them, with small limits.
final class ConditionRunner: Sendable {
    private let state = Mutex<LuaState?>(nil)
    let host: RuleHost
    // The instructions (charged by CPU time too) bound the work; the wall clock is a backstop that a
    // busy machine must not trip.
    static let limits = LuaLimits(instructions: 200_000, memoryBytes: 4 << 20, timeout: .seconds(1))

    /// Set while a condition runs: a decision that a condition asks for (through `can`) does
    /// not run conditions again, so conditions cannot recurse or wait on themselves. Such a
    /// condition fails: a grant that hangs on it grants nothing, a denial denies.
    @TaskLocal static var running = false

    struct Nested: Error, CustomStringConvertible {
        var description: String { "a condition cannot depend on another condition" }
    }

    init(host: RuleHost = .unavailable) { self.host = host }

    func condition(script: LuaScript, path: [String], label: String) -> Condition {
        Condition(label: label) { [self] subject, object in
            try self.evaluate(script: script, path: path, subject: subject, object: object)
        }
    }

    func evaluate(script: LuaScript, path: [String], subject: AccessSubject, object: AccessObject) throws -> Bool {
        if Self.running { throw Nested() }
        return try Self.$running.withValue(true) {
            try state.withLock { held in
                if held == nil || held?.isBroken == true {
                    let fresh = try LuaState()
                    host.install(on: fresh)
                    try fresh.installGlobals(from: Prelude.script)
                    held = fresh
                }
                let result = try held!.call(
                    script, path: path, [subject.luaValue, object.luaValue], limits: Self.limits)
                return result == .boolean(true)
            }
        }
    }
}

extension AccessSubject {
    /// How a condition sees the person.
    var luaValue: LuaValue {
        func ids<T>(_ set: Set<Identifier<T>>) -> LuaValue { .array(set.sorted().map { .integer($0.rawValue) }) }
        var fields: [String: LuaValue] = [
            "account": .integer(accountID.rawValue), "name": .string(displayName),
            "roles": .array(roles.map(\.rawValue).sorted().map(LuaValue.string)),
            "children": ids(children), "classes": ids(ownClasses), "groups": ids(groups),
            "assignments": ids(assignments), "caseload": ids(caseload),
        ]
        if let studentID { fields["student"] = .integer(studentID.rawValue) }
        if let staffID { fields["staff"] = .integer(staffID.rawValue) }
        return .map(fields)
    }
}

extension AccessObject {
    /// How a condition sees the object.
    var luaValue: LuaValue {
        func ids<T>(_ set: Set<Identifier<T>>) -> LuaValue { .array(set.sorted().map { .integer($0.rawValue) }) }
        var fields: [String: LuaValue] = [
            "kind": .string(kind.rawValue), "students": ids(students), "classes": ids(classes),
            "assignments": ids(assignments), "lessons": ids(lessons),
        ]
        if let id { fields["id"] = .integer(id) }
        return .map(fields)
    }
}
