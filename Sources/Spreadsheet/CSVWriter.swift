/// Writes a workbook as one CSV file: each sheet's title on a line of its own, its header rows
/// and rows, and an empty line between sheets. Cells go through ``CSVField/cell(_:)``, so a
/// text that looks like a formula opens as text. The byte order mark lets spreadsheets read
/// the Cyrillic as UTF-8.
public enum CSVWriter {
    public static func write(_ workbook: Workbook) -> String {
        var lines: [String] = []
        for (index, sheet) in workbook.sheets.enumerated() {
            if index > 0 { lines.append("") }
            if workbook.sheets.count > 1 { lines.append(CSVField.cell(sheet.title)) }
            for row in sheet.headerRows + sheet.rows {
                lines.append(row.map(field).joined(separator: ","))
            }
        }
        return "\u{FEFF}" + lines.map { $0 + "\r\n" }.joined()
    }

    /// A number as it is (`-1` is a number, not a formula); a text neutralised.
    static func field(_ cell: Cell) -> String {
        if case .number = cell { return CSVField.escape(cell.text) }
        return CSVField.cell(cell.text)
    }
}
