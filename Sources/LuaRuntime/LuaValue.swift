/// A Lua value converted to Swift: what scripts return and what Swift hands them.
///
/// Integers and floats stay apart, as in Lua 5.4. Tables become arrays (keys 1...n) or maps
/// (string keys; integer keys of a mixed table are written in decimal). A function can be
/// seen but not carried out of its state, so it converts to the marker `.function`.
public enum LuaValue: Sendable, Hashable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case map([String: LuaValue])
    case function
}

extension LuaValue {
    /// The Lua type name, for messages.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array, .map: "table"
        case .function: "function"
        }
    }

    public var isNil: Bool { self == .nil }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// Integers, and floats with an exact integer value.
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .number(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// Any number as a Double.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The elements of a sequence; an empty table reads as an empty sequence.
    public var arrayValue: [LuaValue]? {
        switch self {
        case .array(let values): values
        case .map(let values) where values.isEmpty: []
        default: nil
        }
    }

    /// The fields of a table; an empty table reads as an empty map.
    public var mapValue: [String: LuaValue]? {
        switch self {
        case .map(let values): values
        case .array(let values) where values.isEmpty: [:]
        default: nil
        }
    }

    /// A field of a map, or nil.
    public subscript(key: String) -> LuaValue {
        if case .map(let values) = self { return values[key] ?? .nil }
        return .nil
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
