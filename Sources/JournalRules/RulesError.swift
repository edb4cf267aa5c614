public import JournalModel
public import Localization
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
    /// The message as a key of the localisation table, for the reader's language; nil for
    /// what Lua itself said (its own words, in English).
    public var localized: JournalError.Message?

    public init(file: String, line: Int? = nil, message: String, luaKind: LuaError.Kind? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.luaKind = luaKind
    }

    /// An error whose words come from the localisation table; `message` holds the English.
    public init(file: String, line: Int? = nil, _ message: JournalError.Message, luaKind: LuaError.Kind? = nil) {
        self.init(file: file, line: line, message: message.text(.en), luaKind: luaKind)
        localized = message
    }

    init(_ error: LuaError) {
        self.init(file: error.chunk, line: error.line, message: error.message, luaKind: error.kind)
    }

    /// An error about `field` of a rule file, placed at the first line that assigns it.
    static func field(_ field: String, in file: RuleFile, _ message: JournalError.Message) -> RulesError {
        RulesError(file: file.path, line: file.line(assigning: field), message)
    }

    /// `file:line: what is wrong` in `language`.
    public func text(_ language: Language) -> String {
        let words = localized?.text(language) ?? message
        if let line { return "\(file):\(line): \(words)" }
        return "\(file): \(words)"
    }

    public var description: String { text(.en) }
}

/// Several rule files failed; each error names its file.
public struct RulesFailure: Error, Sendable, CustomStringConvertible {
    public var errors: [RulesError]
    public init(_ errors: [RulesError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
