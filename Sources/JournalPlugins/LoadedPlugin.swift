import Foundation
public import JournalModel
import JournalRules
import Localization
public import LuaRuntime

/// What a plugin's handler may read of the school, through `school.*` in Lua. The server
/// gives a view over the database, a spec gives its fixture. Every function answers with the
/// tables Lua sees; the host has already checked the capability.
public protocol PluginSchool {
    func student(_ id: Int64) throws -> LuaValue
    func students(className: String?) throws -> [LuaValue]
    func classes() throws -> [LuaValue]
    func subject(_ id: Int64) throws -> LuaValue
    func marks(student: Int64, subject: Int64, from: LocalDate?, to: LocalDate?) throws -> [LuaValue]
    func forecast(student: Int64, subject: Int64) throws -> LuaValue
    func absences(student: Int64, from: LocalDate?, to: LocalDate?) throws -> [LuaValue]
    func attendance(from: LocalDate, to: LocalDate, className: String?) throws -> [LuaValue]
}

/// What one handler call produced.
public struct PluginOutcome: Sendable {
    public var effects: [PluginEffect]
    /// The effects as the handler returned them (what a spec compares).
    public var returned: [LuaValue]
    public var instructions: Int
    public var duration: Duration
    public var log: [String]
}

/// Why a handler call failed: what the plugin did wrong, in plain words, and whether it ran
/// into a sandbox budget.
public struct PluginFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var isBudget: Bool
    public var instructions: Int

    public init(message: String, isBudget: Bool = false, instructions: Int = 0) {
        self.message = message
        self.isBudget = isBudget
        self.instructions = instructions
    }

    public var description: String { message }
}

/// A plugin read, checked and ready to handle events: its manifest, its files' hash and a
/// sandboxed state for its handlers (the rules' sandbox: no I/O, budgets per call).
public final class LoadedPlugin: Sendable {
    public let manifest: PluginManifest
    public let package: PluginPackage
    public let hash: String
    let main: LuaScript
    let manifestScript: LuaScript
    /// One state: a plugin's events are handled one at a time, in order.
    let pool: LuaStatePool
    let context: CallContext

    /// What one handler call may use: instructions, memory and wall-clock time.
    public static let handlerLimits = LuaLimits(instructions: 20_000_000, memoryBytes: 16 << 20, timeout: .seconds(2))
    public static let maximumEffects = 200

    /// Reads the manifest and the handlers of a plugin's folder and checks them; every
    /// problem names its file and line.
    public static func load(_ package: PluginPackage) async throws -> LoadedPlugin {
        let folder = package.folder
        guard let manifestSource = package.files["plugin.lua"] else {
            throw RulesFailure([RulesError(file: "\(folder)/plugin.lua", .init("plugin.package.file_missing"))])
        }
        guard let mainSource = package.files["main.lua"] else {
            throw RulesFailure([RulesError(file: "\(folder)/main.lua", .init("plugin.package.file_missing"))])
        }
        let context = CallContext()
        let pool = LuaStatePool(capacity: 1, threads: nil) { state in
            try state.installGlobals(from: PluginPrelude.script)
            PluginPrelude.install(on: state, context: context)
        }
        let manifestFile = RuleFile(path: "\(folder)/plugin.lua", source: manifestSource)
        let manifestScript = LuaScript(name: manifestFile.path, source: manifestSource)
        let main = LuaScript(name: "\(folder)/main.lua", source: PluginPrelude.wrap(mainSource, as: "handlers"))
        let manifest = try await pool.withState { state in
            let value: LuaValue
            do {
                value = try state.module(manifestScript, limits: LoadedPlugin.handlerLimits)
            } catch let error as LuaError {
                throw RulesFailure([
                    RulesError(file: error.chunk, line: error.line, message: error.message, luaKind: error.kind)
                ])
            }
            do {
                return try PluginManifestParser(file: manifestFile, value: value, folder: folder).parse()
            } catch let error as RulesError {
                throw RulesFailure([error])
            }
        }
        try await pool.withState { state in
            let value: LuaValue
            do {
                value = try state.module(main, limits: LoadedPlugin.handlerLimits)
            } catch let error as LuaError {
                throw RulesFailure([
                    RulesError(file: error.chunk, line: error.line, message: error.message, luaKind: error.kind)
                ])
            }
            let mainFile = RuleFile(path: main.name, source: mainSource)
            guard let handlers = value["handlers"].mapValue else {
                throw RulesFailure([RulesError(file: main.name, .init("plugin.main.not_a_table"))])
            }
            for (name, handler) in handlers.sorted(by: { $0.key < $1.key }) {
                guard let kind = PluginEventKind(rawValue: name), handler == .function else {
                    throw RulesFailure([
                        RulesError(
                            file: main.name, line: mainFile.line(assigning: name),
                            .init("plugin.main.unknown_handler", ["name": name]))
                    ])
                }
                guard manifest.events.contains(kind) else {
                    throw RulesFailure([
                        RulesError(
                            file: main.name, line: mainFile.line(assigning: name),
                            .init("plugin.main.undeclared_handler", ["event": name]))
                    ])
                }
            }
            for kind in manifest.events where handlers[kind.rawValue] == nil {
                throw RulesFailure([
                    RulesError(
                        file: manifestFile.path, line: manifestFile.line(assigning: "events"),
                        .init("plugin.main.missing_handler", ["event": kind.rawValue]))
                ])
            }
        }
        return LoadedPlugin(
            manifest: manifest, package: package, main: main, manifestScript: manifestScript, pool: pool,
            context: context)
    }

    private init(
        manifest: PluginManifest, package: PluginPackage, main: LuaScript, manifestScript: LuaScript,
        pool: LuaStatePool, context: CallContext
    ) {
        self.manifest = manifest
        self.package = package
        self.hash = package.hash
        self.main = main
        self.manifestScript = manifestScript
        self.pool = pool
        self.context = context
    }

    public var id: String { manifest.id }

    /// Stored settings without those this version's schema no longer has (a field renamed or
    /// dropped by a new version): each kept value is still checked by ``configuration(_:)``.
    public func knownSettings(_ values: [String: PluginConfigValue]) -> [String: PluginConfigValue] {
        values.filter { manifest.field($0.key) != nil }
    }

    /// The configuration with `overrides` checked against the schema and the manifest's own
    /// `check(config)`; throws ``PluginConfigProblem`` naming the field.
    public func configuration(_ overrides: [String: PluginConfigValue]) async throws -> PluginConfig {
        let config = try PluginConfig.resolve(manifest, overrides: overrides)
        guard manifest.hasCheck else { return config }
        let verdict = try await pool.withState { state in
            do {
                return try state.call(manifestScript, "check", [config.lua], limits: LoadedPlugin.handlerLimits)
            } catch let error as LuaError {
                return LuaValue.string(error.description)
            }
        }
        if let message = verdict.stringValue {
            throw PluginConfigProblem(field: "", message: .init("plugin.config.check", ["message": message]))
        }
        return config
    }

    /// Runs the handler of `event` with `config` and a view of the school that answers only
    /// what `granted` allows, and checks the effects it returns. Fails with ``PluginFailure``.
    public func handle(
        _ event: PluginEvent, config: PluginConfig, school: any PluginSchool, granted: Set<PluginCapability>
    ) async throws -> PluginOutcome {
        try await withHandler { handler in
            try handler.handle(event, config: config, school: school, granted: granted)
        }
    }

    /// Holds the plugin's state for `body`, which may wait for other resources (the rules'
    /// evaluator a view of the school needs) before it calls the handler synchronously.
    public func withHandler<Result>(_ body: (PluginHandler) async throws -> Result) async throws -> Result {
        try await pool.withStateHeld { state in try await body(PluginHandler(plugin: self, state: state)) }
    }
}

/// A plugin's state, held: calls its handlers one at a time.
public struct PluginHandler {
    let plugin: LoadedPlugin
    let state: LuaState

    /// Runs the handler of `event`; see ``LoadedPlugin/handle(_:config:school:granted:)``.
    public func handle(
        _ event: PluginEvent, config: PluginConfig, school: any PluginSchool, granted: Set<PluginCapability>
    ) throws -> PluginOutcome {
        let started = ContinuousClock.now
        let context = plugin.context
        context.begin(school: school, granted: granted.filter { !$0.isNeverGranted }, event: event)
        defer { context.end() }
        let value: LuaValue
        do {
            value = try state.call(
                plugin.main, "dispatch", [.string(event.kind.rawValue), event.lua, config.lua],
                limits: LoadedPlugin.handlerLimits)
        } catch let error as LuaError {
            throw PluginFailure(
                message: error.description,
                isBudget: [.instructionBudget, .memoryLimit, .timeLimit].contains(error.kind),
                instructions: state.instructionsUsed)
        }
        let instructions = state.instructionsUsed
        let returned: [LuaValue]
        if value.isNil {
            returned = []
        } else if let list = value.arrayValue {
            returned = list
        } else {
            throw PluginFailure(
                message: "\(plugin.main.name): "
                    + Strings.text("plugin.effect.not_a_list", .en, ["value": value.typeName]),
                instructions: instructions)
        }
        guard returned.count <= LoadedPlugin.maximumEffects else {
            throw PluginFailure(
                message: "\(plugin.main.name): "
                    + Strings.text("plugin.effect.too_many", .en, ["max": String(LoadedPlugin.maximumEffects)]),
                instructions: instructions)
        }
        var effects: [PluginEffect] = []
        for (index, value) in returned.enumerated() {
            do {
                effects.append(
                    try PluginEffect.parse(
                        value, index: index + 1, granted: granted, seen: context.seen,
                        teacher: event.fields["teacher"]?.integerValue))
            } catch let problem as PluginEffectProblem {
                throw PluginFailure(message: "\(plugin.main.name): \(problem.description)", instructions: instructions)
            }
        }
        return PluginOutcome(
            effects: effects, returned: returned, instructions: instructions, duration: ContinuousClock.now - started,
            log: state.logLines)
    }
}

/// What the `school.*` functions of a state see during one handler call. The plugin's one
/// state is lent to one caller at a time, so the fields are never touched concurrently.
final class CallContext: @unchecked Sendable {
    var school: (any PluginSchool)?
    var granted: Set<PluginCapability> = []
    var seen: Set<Int64> = []

    func begin(school: any PluginSchool, granted: Set<PluginCapability>, event: PluginEvent) {
        self.school = school
        self.granted = granted
        seen = event.student.map { [$0] } ?? []
    }

    func end() {
        school = nil
        granted = []
        seen = []
    }
}
