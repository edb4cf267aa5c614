import CLua
import CLuaBridge

/// A Swift function that scripts can call. It receives the converted arguments and returns
/// one value. Throw `LuaScriptError` to raise a Lua error with that message.
public typealias LuaHostFunction = ([LuaValue]) throws -> LuaValue

/// One sandboxed Lua state: it compiles each script once and runs one evaluation at a time.
///
/// Every evaluation gets a fresh `_ENV` over the frozen base environment, runs under
/// ``LuaLimits``, and fails with a ``LuaError``. After a limit is hit the state is broken and
/// refuses further work; ``LuaStatePool`` replaces such states. A state is confined to one
/// caller at a time; it is `Sendable` only so that a pool can hand it from task to task.
public final class LuaState: @unchecked Sendable {
    let handle: OpaquePointer
    private var hostFunctions: [(name: String, body: LuaHostFunction)] = []
    private var scripts: [UInt64: CompiledScript] = [:]

    /// Set once a limit stopped an evaluation; the state must then be thrown away.
    public private(set) var isBroken = false

    /// What the last evaluation passed to `log(...)`, at most 200 lines.
    public private(set) var logLines: [String] = []

    /// A budget every evaluation on this state draws from while it is set; the holder of the
    /// state sets it for a batch of evaluations and clears it after.
    public var budget: LuaBudget?

    /// The instructions the last evaluation used, as its budget counted them.
    public var instructionsUsed: Int { Int(sj_instructions_used(handle)) }

    /// Memory a state may keep between evaluations (scripts and what their closures hold)
    /// before it is retired: a script that hoards a little at every call cannot grow it forever.
    public var retainedMemoryLimit = 64 << 20
    private var baselineMemory = 0

    /// A script compiled in this state: its main function, the table it returned, and the
    /// functions of that table looked up so far (registry references).
    private final class CompiledScript {
        let main: Int32
        var module: Int32?
        var functions: [String: Int32] = [:]
        init(main: Int32) { self.main = main }
    }

    private static let maximumCachedScripts = 512
    private static let maximumLogLines = 200

    public init() throws {
        _ = Self.dispatcherInstalled
        guard let state = sj_newstate() else {
            throw LuaError(kind: .memoryLimit, chunk: "(sandbox)", message: "not enough memory for a new Lua state")
        }
        handle = state
        sj_set_owner(handle, Unmanaged.passUnretained(self).toOpaque())
        register("log") { [unowned self] arguments in
            self.appendLog(arguments)
            return .nil
        }
        baselineMemory = sj_memory_used(handle)
    }

    deinit {
        sj_close(handle)
    }

    /// Bytes the state holds now.
    public var memoryUsed: Int { sj_memory_used(handle) }

    /// Makes `body` callable from scripts as `name`, or as `table.name` when `table` is given.
    /// Register before evaluating; the function is shared by every script of this state.
    public func register(_ name: String, in table: String? = nil, _ body: @escaping LuaHostFunction) {
        hostFunctions.append((table.map { "\($0).\(name)" } ?? name, body))
        let id = Int32(hostFunctions.count - 1)
        if let table {
            sj_register(handle, table, name, id)
        } else {
            sj_register(handle, nil, name, id)
        }
    }

    /// Runs a library written in Lua and makes each field of the table it returns a global
    /// of every later evaluation on this state. Its functions run under the limits of the
    /// evaluation that calls them.
    public func installGlobals(from script: LuaScript, limits: LuaLimits = .default) throws {
        let compiled = try compile(script)
        let top = lua_gettop(handle)
        defer { lua_settop(handle, top) }
        try start(script, compiled.main, function: compiled.main, arguments: [], bindings: [:], limits: limits)
        lua_settop(handle, top + 1)
        guard lua_type(handle, -1) == LUA_TTABLE else {
            throw LuaError(kind: .runtime, chunk: script.name, message: "a library must return a table of globals")
        }
        sj_install_globals(handle)
    }

    // MARK: Evaluation

    /// Runs the script's main chunk in a fresh environment and returns its first result.
    public func evaluate(
        _ script: LuaScript, bindings: [String: LuaValue] = [:], limits: LuaLimits = .default
    ) throws -> LuaValue {
        let compiled = try compile(script)
        return try run(
            script, compiled.main, function: compiled.main, arguments: [], bindings: bindings, limits: limits)
    }

    /// The value the script returns, computed once per state: rule scripts return a table
    /// of data and functions that ``call(_:_:_:bindings:limits:)`` then calls.
    @discardableResult
    public func module(_ script: LuaScript, limits: LuaLimits = .default) throws -> LuaValue {
        let compiled = try compile(script)
        if let module = compiled.module {
            let top = lua_gettop(handle)
            defer { lua_settop(handle, top) }
            lua_rawgeti(handle, sj_registryindex(), lua_Integer(module))
            return try convert(at: -1, script: script)
        }
        let top = lua_gettop(handle)
        defer {
            lua_settop(handle, top)
            finish(compiled.main)
        }
        try start(script, compiled.main, function: compiled.main, arguments: [], bindings: [:], limits: limits)
        let value = try convert(at: top + 1, script: script)
        lua_settop(handle, top + 1)
        compiled.module = sj_ref(handle)
        return value
    }

    /// Calls the function `name` of the table the script returns, with a fresh environment.
    public func call(
        _ script: LuaScript, _ name: String, _ arguments: [LuaValue], bindings: [String: LuaValue] = [:],
        limits: LuaLimits = .default
    ) throws -> LuaValue {
        try call(script, path: [name], arguments, bindings: bindings, limits: limits)
    }

    /// Calls the function found by following `path` from the value the script returns:
    /// `["psychologist", "conditions", "psychology.view"]`; an empty path calls the returned
    /// value itself.
    public func call(
        _ script: LuaScript, path: [String], _ arguments: [LuaValue], bindings: [String: LuaValue] = [:],
        limits: LuaLimits = .default
    ) throws -> LuaValue {
        let (main, function) = try functionReference(path, in: script, limits: limits)
        return try run(script, main, function: function, arguments: arguments, bindings: bindings, limits: limits)
    }

    /// Whether the table the script returns has a function called `name`.
    public func hasFunction(_ name: String, in script: LuaScript, limits: LuaLimits = .default) throws -> Bool {
        do {
            _ = try functionReference([name], in: script, limits: limits)
            return true
        } catch let error as LuaError where error.kind == .runtime && error.message.hasSuffix(Self.notAFunction) {
            return false
        }
    }

    private static let notAFunction = "is not a function"

    // MARK: Compiling

    private func compile(_ script: LuaScript) throws -> CompiledScript {
        if isBroken {
            throw LuaError(
                kind: .runtime, chunk: script.name,
                message: "this Lua state was stopped by a limit and cannot run scripts any more")
        }
        if let compiled = scripts[script.identity] { return compiled }
        var source = script.source
        if source.utf8.count > LuaScript.maximumSourceBytes {
            throw LuaError(
                kind: .forbidden, chunk: script.name,
                message: "the script is larger than \(LuaScript.maximumSourceBytes / 1024) KiB")
        }
        if source.utf8.first == 0x1B {
            throw LuaError(
                kind: .forbidden, chunk: script.name, message: "binary chunks are not accepted; send the script's text")
        }
        if scripts.count >= Self.maximumCachedScripts { forgetScripts() }
        lastLookup = nil
        let status = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { sj_load(handle, $0.baseAddress, $0.count, "=" + script.name) }
        }
        guard status == LUA_OK else {
            let message = popString() ?? "cannot load the script"
            if status == LUA_ERRMEM {
                throw LuaError(kind: .memoryLimit, chunk: script.name, message: "not enough memory to load the script")
            }
            throw LuaError.parse(message, kind: .syntax, script: script, failure: nil)
        }
        let compiled = CompiledScript(main: sj_ref(handle))
        scripts[script.identity] = compiled
        return compiled
    }

    private func forgetScripts() {
        for compiled in scripts.values {
            sj_unref(handle, compiled.main)
            if let module = compiled.module { sj_unref(handle, module) }
            for function in compiled.functions.values { sj_unref(handle, function) }
        }
        scripts.removeAll(keepingCapacity: true)
    }

    /// The last function looked up: rule evaluation calls one function many times in a row.
    private var lastLookup: (script: UInt64, path: [String], main: Int32, function: Int32)?

    /// The chunk's main function and the function at `path` of its module.
    private func functionReference(
        _ path: [String], in script: LuaScript, limits: LuaLimits
    ) throws -> (main: Int32, function: Int32) {
        if let last = lastLookup, last.script == script.identity, last.path == path {
            return (last.main, last.function)
        }
        let key = path.joined(separator: "\u{1F}")
        if let compiled = scripts[script.identity], let function = compiled.functions[key] {
            lastLookup = (script.identity, path, compiled.main, function)
            return (compiled.main, function)
        }
        try module(script, limits: limits)
        let compiled = scripts[script.identity]!
        let top = lua_gettop(handle)
        defer { lua_settop(handle, top) }
        lua_rawgeti(handle, sj_registryindex(), lua_Integer(compiled.module!))
        let shown = path.isEmpty ? "the value the script returns" : "'\(path.joined(separator: "."))'"
        for (depth, name) in path.enumerated() {
            guard lua_type(handle, -1) == LUA_TTABLE else {
                let parent = depth == 0 ? "the script" : "'\(path.prefix(depth).joined(separator: "."))'"
                throw LuaError(
                    kind: .runtime, chunk: script.name,
                    message: "\(parent) gives a \(typeName(at: -1)), not a table, so \(shown) \(Self.notAFunction)")
            }
            push(.string(name), readOnly: false)
            lua_rawget(handle, -2)
        }
        guard lua_type(handle, -1) == LUA_TFUNCTION else {
            throw LuaError(
                kind: .runtime, chunk: script.name,
                message: path.count == 1
                    ? "'\(path[0])' in the table the script returns \(Self.notAFunction)"
                    : "\(shown) \(Self.notAFunction)")
        }
        let function = sj_ref(handle)
        compiled.functions[key] = function
        return (compiled.main, function)
    }

    // MARK: Running

    /// Calls `function` with a fresh environment bound to the chunk `main`; leaves every
    /// result on the stack above the top it found.
    private func start(
        _ script: LuaScript, _ main: Int32, function: Int32, arguments: [LuaValue], bindings: [String: LuaValue],
        limits: LuaLimits
    ) throws {
        if !logLines.isEmpty { logLines.removeAll(keepingCapacity: true) }
        let own = limits
        let limits = try budget?.limits(for: own, chunk: script.name) ?? own
        let top = lua_gettop(handle)
        sj_push_env(handle)
        for (name, value) in bindings where !bindings.isEmpty {
            push(.string(name), readOnly: false)
            push(value, readOnly: true)
            lua_rawset(handle, -3)
        }
        sj_bind_env(handle, main)
        lua_rawgeti(handle, sj_registryindex(), lua_Integer(function))
        lua_checkstack(handle, Int32(arguments.count) + 4)
        for argument in arguments { push(argument, readOnly: true) }
        let status = sj_pcall(handle, Int32(arguments.count), limits.bridged)
        budget?.spend(instructionsUsed)
        guard status == LUA_OK else {
            let failure = sj_last_failure(handle)!.pointee
            let message =
                lua_type(handle, -1) == LUA_TSTRING
                ? popString()! : "error object is a \(typeName(at: -1)) value"
            lua_settop(handle, top)
            let kind: LuaError.Kind =
                switch failure.fatal {
                case SJ_FATAL_BUDGET: .instructionBudget
                case SJ_FATAL_MEMORY: .memoryLimit
                case SJ_FATAL_TIME: .timeLimit
                default: failure.forbidden != 0 ? .forbidden : .runtime
                }
            if kind != .runtime && kind != .forbidden { isBroken = true }
            var error = LuaError.parse(message, kind: kind, script: script, failure: failure)
            // Stopped by what was left of a shared budget rather than by its own limits: say so.
            if let budget,
                (kind == .instructionBudget && limits.instructions < own.instructions)
                    || (kind == .timeLimit && limits.timeout < own.timeout)
            {
                error.message = budget.spentMessage(kind)
            }
            throw error
        }
    }

    private func run(
        _ script: LuaScript, _ main: Int32, function: Int32, arguments: [LuaValue], bindings: [String: LuaValue],
        limits: LuaLimits
    ) throws -> LuaValue {
        let top = lua_gettop(handle)
        defer {
            lua_settop(handle, top)
            finish(main)
        }
        try start(script, main, function: function, arguments: arguments, bindings: bindings, limits: limits)
        return lua_gettop(handle) > top ? try convert(at: top + 1, script: script) : .nil
    }

    private func convert(at index: Int32, script: LuaScript) throws -> LuaValue {
        do {
            var budget = ConversionBudget()
            return try read(at: index, depth: 0, budget: &budget)
        } catch {
            throw LuaError(kind: .runtime, chunk: script.name, message: "cannot use the result: \(error.message)")
        }
    }

    /// After an evaluation: nothing of it stays reachable through the chunk's _ENV, and a
    /// state that holds on to too much memory is retired.
    private func finish(_ main: Int32) {
        sj_release_env(handle, main)
        if sj_memory_used(handle) > baselineMemory + retainedMemoryLimit,
            sj_collect(handle) > baselineMemory + retainedMemoryLimit
        {
            isBroken = true
        }
    }

    private func appendLog(_ arguments: [LuaValue]) {
        guard logLines.count < Self.maximumLogLines else { return }
        let line = arguments.map(\.logText).joined(separator: " ")
        logLines.append(line.count > 1000 ? String(line.prefix(1000)) + "…" : line)
    }

    // MARK: Swift functions called from Lua

    private static let dispatcherInstalled: Void = sj_set_dispatcher { _, owner, id in
        let state = Unmanaged<LuaState>.fromOpaque(owner!).takeUnretainedValue()
        return state.dispatch(Int(id))
    }

    /// Runs a registered function; on failure pushes a message and returns -1, and the C
    /// trampoline raises it once this frame has returned.
    private func dispatch(_ id: Int) -> Int32 {
        let (name, body) = hostFunctions[id]
        let count = lua_gettop(handle)
        var budget = ConversionBudget()
        defer { sj_add_charge(handle, budget.cost) }
        do {
            var arguments: [LuaValue] = []
            arguments.reserveCapacity(Int(count))
            for index in 0..<count {
                arguments.append(try read(at: index + 1, depth: 0, budget: &budget))
            }
            let result = try body(arguments)
            lua_checkstack(handle, 4)
            push(result, readOnly: false)
            return 1
        } catch let error as LuaScriptError {
            push(.string("\(name): \(error.message)"), readOnly: false)
        } catch let error as LuaConversionError {
            push(.string("\(name): bad argument: \(error.message)"), readOnly: false)
        } catch let error as LuaError {
            push(.string("\(name): \(error.description)"), readOnly: false)
        } catch {
            push(.string("\(name) failed"), readOnly: false)
        }
        return -1
    }

    func typeName(at index: Int32) -> String {
        String(cString: lua_typename(handle, lua_type(handle, index)))
    }

    private func popString() -> String? {
        defer { sj_pop(handle, 1) }
        var length = 0
        guard lua_type(handle, -1) == LUA_TSTRING, let bytes = lua_tolstring(handle, -1, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }
}

extension LuaLimits {
    var bridged: sj_limits {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return sj_limits(
            instructions: Int64(max(instructions, 1)),
            memory_bytes: max(memoryBytes, 0),
            timeout_ns: nanoseconds.overflow
                ? Int64.max / 2 : max(nanoseconds.partialValue + attoseconds / 1_000_000_000, 0)
        )
    }
}

extension LuaValue {
    /// How `log(...)` shows a value.
    var logText: String {
        switch self {
        case .string(let value): value
        case .nil: "nil"
        case .function: "function"
        default: json
        }
    }
}
