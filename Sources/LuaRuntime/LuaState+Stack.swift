import CLua
import CLuaBridge

/// Bounds on converting Lua values to Swift: a script cannot hand back a cycle or a
/// structure so large that converting it becomes the attack.
enum LuaConversion {
    static let maximumDepth = 32
    static let maximumElements = 200_000
    /// The text of all strings of one conversion: a table of a thousand references to one
    /// long string is small in Lua and a thousand copies in Swift.
    static let maximumBytes = 8 << 20
}

/// What one conversion may still read.
struct ConversionBudget {
    var elements = LuaConversion.maximumElements
    var bytes = LuaConversion.maximumBytes

    /// Work done so far, in the units of the instruction budget.
    var cost: Int64 {
        Int64(LuaConversion.maximumElements - elements) + Int64((LuaConversion.maximumBytes - bytes) / 16)
    }
}

struct LuaConversionError: Error {
    var message: String
}

extension LuaState {
    /// Reads the value at `index` with raw access only: no metamethod runs, so nothing here
    /// can raise a Lua error through Swift frames.
    func read(at index: Int32, depth: Int, budget: inout ConversionBudget) throws(LuaConversionError) -> LuaValue {
        switch lua_type(handle, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(handle, index) != 0)
        case LUA_TNUMBER:
            if sj_isinteger(handle, index) != 0 { return .integer(lua_tointegerx(handle, index, nil)) }
            return .number(lua_tonumberx(handle, index, nil))
        case LUA_TSTRING:
            var length = 0
            let bytes = lua_tolstring(handle, index, &length)
            budget.bytes -= length
            guard budget.bytes >= 0 else {
                throw LuaConversionError(message: "more than \(LuaConversion.maximumBytes >> 20) MiB of text")
            }
            return .string(String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self))
        case LUA_TTABLE:
            return try readTable(at: lua_absindex(handle, index), depth: depth, budget: &budget)
        case LUA_TFUNCTION:
            return .function
        default:
            throw LuaConversionError(message: "a \(typeName(at: index)) value cannot leave the script")
        }
    }

    private func readTable(
        at table: Int32, depth: Int, budget: inout ConversionBudget
    ) throws(LuaConversionError) -> LuaValue {
        guard depth < LuaConversion.maximumDepth else {
            throw LuaConversionError(
                message: "tables nested deeper than \(LuaConversion.maximumDepth) levels (is there a cycle?)")
        }
        guard lua_checkstack(handle, 4) != 0 else { throw LuaConversionError(message: "out of stack space") }
        let top = lua_gettop(handle)
        defer { lua_settop(handle, top) }
        if sj_push_proxied(handle, table) != 0 {
            return try readTable(at: lua_gettop(handle), depth: depth, budget: &budget)
        }
        var sequence: [Int64: LuaValue] = [:]
        var fields: [String: LuaValue] = [:]
        lua_pushnil(handle)
        while lua_next(handle, table) != 0 {
            budget.elements -= 1
            guard budget.elements >= 0 else {
                throw LuaConversionError(message: "more than \(LuaConversion.maximumElements) table entries")
            }
            let value = try read(at: -1, depth: depth + 1, budget: &budget)
            switch lua_type(handle, -2) {
            case LUA_TSTRING:
                var length = 0
                let bytes = lua_tolstring(handle, -2, &length)
                budget.bytes -= length
                fields[String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)] = value
            case LUA_TNUMBER where sj_isinteger(handle, -2) != 0:
                sequence[lua_tointegerx(handle, -2, nil)] = value
            default:
                throw LuaConversionError(
                    message: "table keys must be strings or integers, not \(keyDescription(at: -2))")
            }
            sj_pop(handle, 1)
        }
        if fields.isEmpty, !sequence.isEmpty, sequence.keys.min() == 1, sequence.keys.max() == Int64(sequence.count) {
            return .array((1...Int64(sequence.count)).map { sequence[$0]! })
        }
        for (key, value) in sequence { fields[String(key)] = value }
        return .map(fields)
    }

    private func keyDescription(at index: Int32) -> String {
        lua_type(handle, index) == LUA_TNUMBER ? "a float" : "a \(typeName(at: index))"
    }

    /// Pushes a Swift value; tables become read-only proxies when `readOnly` is set.
    func push(_ value: LuaValue, readOnly: Bool) {
        lua_checkstack(handle, 4)
        switch value {
        case .nil, .function:
            lua_pushnil(handle)
        case .boolean(let flag):
            lua_pushboolean(handle, flag ? 1 : 0)
        case .integer(let number):
            lua_pushinteger(handle, number)
        case .number(let number):
            lua_pushnumber(handle, number)
        case .string(var text):
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(handle, $0.baseAddress, $0.count) }
            }
        case .array(let elements):
            lua_createtable(handle, Int32(clamping: elements.count), 0)
            for (offset, element) in elements.enumerated() {
                push(element, readOnly: readOnly)
                lua_rawseti(handle, -2, lua_Integer(offset + 1))
            }
            if readOnly { sealTop() }
        case .map(let fields):
            lua_createtable(handle, 0, Int32(clamping: fields.count))
            for (key, element) in fields {
                push(.string(key), readOnly: false)
                push(element, readOnly: readOnly)
                lua_rawset(handle, -3)
            }
            if readOnly { sealTop() }
        }
    }

    /// Replaces the table on top with a read-only proxy of it.
    private func sealTop() {
        sj_push_readonly(handle, -1)
        lua_rotate(handle, -2, 1)
        sj_pop(handle, 1)
    }
}

extension LuaError {
    /// Splits Lua's `chunk:line: message` into its parts; takes the position the sandbox
    /// recorded when the message carries none.
    static func parse(_ raw: String, kind: Kind, script: LuaScript, failure: sj_failure?) -> LuaError {
        let raw = raw.count > maximumMessageLength ? raw.prefix(maximumMessageLength) + "… (message shortened)" : raw
        let recordedLine = Int(failure?.line ?? 0)
        var recordedSource = ""
        if let failure {
            recordedSource = withUnsafeBytes(of: failure.source) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        if kind != .instructionBudget, kind != .memoryLimit, kind != .timeLimit,
            let (chunk, line, message) = splitPosition(raw)
        {
            return LuaError(kind: kind, chunk: fullName(chunk, script), line: line, message: message)
        }
        if recordedLine > 0 {
            return LuaError(
                kind: kind, chunk: recordedSource.isEmpty ? script.name : fullName(recordedSource, script),
                line: recordedLine, message: raw)
        }
        return LuaError(kind: kind, chunk: script.name, line: nil, message: raw)
    }

    /// Longer messages are cut: a script must not flood logs and pages with its error.
    static let maximumMessageLength = 1000

    /// Lua shortens long chunk names; give the script's whole name back.
    private static func fullName(_ chunk: String, _ script: LuaScript) -> String {
        chunk.count >= 50 && script.name.hasPrefix(chunk) ? script.name : chunk
    }

    /// `name:12: text` → ("name", 12, "text"); nil when the text does not start that way.
    static func splitPosition(_ raw: String) -> (String, Int, String)? {
        var searchStart = raw.startIndex
        while let colon = raw[searchStart...].firstIndex(of: ":") {
            let afterColon = raw.index(after: colon)
            let digits = raw[afterColon...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.endIndex < raw.endIndex, raw[digits.endIndex] == ":", let line = Int(digits) {
                var message = raw[raw.index(after: digits.endIndex)...]
                if message.first == " " { message = message.dropFirst() }
                return (String(raw[..<colon]), line, String(message))
            }
            searchStart = afterColon
        }
        return nil
    }
}
