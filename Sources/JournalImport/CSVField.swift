/// Writing CSV fields that ``CSVFile`` (and spreadsheets) read back as they were.
public enum CSVField {
    /// The field as is, or quoted when it holds a separator (`,` or `;`), a quote or a line
    /// break.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { ",;\"\n\r".contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
