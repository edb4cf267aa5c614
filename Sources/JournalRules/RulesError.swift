public import LuaRuntime

/// A rule script that cannot be used, said the way a methodologist can fix it:
/// `scales/five.lua:12: attempt to compare nil with number`,
/// `calendar.lua:9: period q2 starts before q1 ends`.
public struct RulesError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    /// Set when the script ran into a sandbox limit or rule.
    public var luaKind: LuaError.Kind?

    public init(file: String, line: Int? = nil, message: String, luaKind: LuaError.Kind? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.luaKind = luaKind
    }

    init(_ error: LuaError) {
        self.init(file: error.chunk, line: error.line, message: error.message, luaKind: error.kind)
    }

    /// An error about `field` of a rule file, placed at the first line that assigns it.
    static func field(_ field: String, in file: RuleFile, _ message: String) -> RulesError {
        RulesError(file: file.path, line: file.line(assigning: field), message: message)
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Several rule files failed; each error names its file.
public struct RulesFailure: Error, Sendable, CustomStringConvertible {
    public var errors: [RulesError]
    public init(_ errors: [RulesError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
