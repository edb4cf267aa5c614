/// An evaluation that failed, told the way a methodologist can act on it:
/// `scales/five.lua:12: attempt to compare nil with number`.
public struct LuaError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The script does not parse.
        case syntax
        /// The script raised an error while running.
        case runtime
        /// The script ran more instructions than its budget.
        case instructionBudget = "instruction-budget"
        /// The script allocated more memory than its cap.
        case memoryLimit = "memory-limit"
        /// The script ran longer than its wall-clock limit.
        case timeLimit = "time-limit"
        /// The script reached for something the sandbox does not allow.
        case forbidden
    }

    public var kind: Kind
    /// The script's name, such as `scales/five.lua`.
    public var chunk: String
    /// The line in that script, when known.
    public var line: Int?
    /// A plain message without the `chunk:line:` prefix.
    public var message: String

    public init(kind: Kind, chunk: String, line: Int? = nil, message: String) {
        self.kind = kind
        self.chunk = chunk
        self.line = line
        self.message = message
    }

    /// `chunk:line: message`, or `chunk: message` when the line is unknown.
    public var location: String {
        if let line { return "\(chunk):\(line)" }
        return chunk
    }

    public var description: String { "\(location): \(message)" }

    /// Whether the sandbox stopped the script; the state it ran on must be thrown away.
    public var isLimit: Bool {
        switch kind {
        case .instructionBudget, .memoryLimit, .timeLimit: true
        case .syntax, .runtime, .forbidden: false
        }
    }
}

/// An error a Swift function registered with Lua throws to raise a Lua error with this
/// message. Other errors raise a generic message that names the function but nothing of
/// Swift.
public struct LuaScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
