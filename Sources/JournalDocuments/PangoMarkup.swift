/// Pango markup of a plain text: the characters markup gives a meaning to (`&`, `<`, `>`,
/// quotes) become entities, so a name or a homework text is printed as typed and never read
/// as a tag. Control characters other than line breaks and tabs, which Pango's parser
/// rejects, are dropped.
public enum PangoMarkup {
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) {
                    continue
                }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text escaped and set in bold.
    public static func bold(_ text: String) -> String { "<b>" + escape(text) + "</b>" }
}
