import Foundation

/// Writing CSV fields that the importer's `CSVFile` (and spreadsheets) read back as they were.
public enum CSVField {
    /// The field as is, or quoted when it holds a separator (`,` or `;`), a quote or a line
    /// break.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { ",;\"\n\r".contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A cell of a file handed to people, who open it in a spreadsheet: a text that a
    /// spreadsheet would run as a formula (`=HYPERLINK(…)`, and anything starting with `+`, `-`,
    /// `@`, a tab or a carriage return) is prefixed with `'`, so it shows as the text it is.
    /// Files read back by the importer use ``escape(_:)``, which keeps every character.
    public static func cell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return escape(text) }
        return escape("'" + text)
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
