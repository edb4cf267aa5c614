/// JSON text for a Lua value, with keys sorted so output is stable.
///
/// JSON has no NaN or infinity; those are written as the strings "nan", "inf" and "-inf".
/// A function is written as the string "function".
extension LuaValue {
    public var json: String {
        var output = ""
        write(to: &output, indent: nil, level: 0)
        return output
    }

    public var prettyJSON: String {
        var output = ""
        write(to: &output, indent: "  ", level: 0)
        return output
    }

    private func write(to output: inout String, indent: String?, level: Int) {
        switch self {
        case .nil: output += "null"
        case .boolean(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .number(let value):
            if value.isNaN {
                output += "\"nan\""
            } else if value.isInfinite {
                output += value > 0 ? "\"inf\"" : "\"-inf\""
            } else {
                output += "\(value)"
            }
        case .string(let value): Self.writeString(value, to: &output)
        case .function: output += "\"function\""
        case .array(let values):
            writeContainer(values, open: "[", close: "]", to: &output, indent: indent, level: level) {
                $1.write(to: &$0, indent: indent, level: level + 1)
            }
        case .map(let values):
            let pairs = values.sorted { $0.key < $1.key }
            writeContainer(pairs, open: "{", close: "}", to: &output, indent: indent, level: level) {
                Self.writeString($1.key, to: &$0)
                $0 += indent == nil ? ":" : ": "
                $1.value.write(to: &$0, indent: indent, level: level + 1)
            }
        }
    }

    private func writeContainer<Element>(
        _ elements: [Element], open: String, close: String, to output: inout String, indent: String?,
        level: Int, writeElement: (inout String, Element) -> Void
    ) {
        output += open
        guard !elements.isEmpty else {
            output += close
            return
        }
        for (index, element) in elements.enumerated() {
            if index > 0 { output += "," }
            if let indent { output += "\n" + String(repeating: indent, count: level + 1) }
            writeElement(&output, element)
        }
        if let indent { output += "\n" + String(repeating: indent, count: level) }
        output += close
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
