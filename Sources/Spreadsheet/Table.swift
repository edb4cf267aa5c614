/// One cell of an exported table: a text, a number that a spreadsheet can add up, or nothing.
public enum Cell: Sendable, Hashable {
    case text(String)
    case number(Double)
    case empty

    /// A mark as it was set: a number (`5`, `4.5`) becomes a numeric cell so that a spreadsheet
    /// can average it; anything else (`ОСВ`, `НА`, `зач`, `5-`) stays text; nil is empty.
    public static func mark(_ value: String?) -> Cell {
        guard let value, !value.isEmpty else { return .empty }
        if value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let number = Double(value) {
            return .number(number)
        }
        return .text(value)
    }

    /// A number, or an empty cell for nil.
    public static func number(_ value: Double?) -> Cell { value.map(Cell.number) ?? .empty }

    /// A number, or an empty cell for nil.
    public static func number(_ value: Int?) -> Cell { value.map { .number(Double($0)) } ?? .empty }

    /// The cell as a CSV or a page shows it: whole numbers without a fraction, others to two
    /// decimal places with a point.
    public var text: String {
        switch self {
        case .text(let text): text
        case .empty: ""
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 {
                String(Int64(number))
            } else {
                String((number * 100).rounded() / 100)
            }
        }
    }
}

/// One sheet of an exported workbook: a title, header rows that stay in view while the rows
/// scroll, and the rows.
public struct Sheet: Sendable, Hashable {
    /// The sheet's name in the workbook (shortened to what spreadsheets allow when written).
    public var title: String
    /// The rows above the data: what each column is (a work's date, type and weight…).
    public var headerRows: [[Cell]]
    public var rows: [[Cell]]
    /// Widths of the first columns in characters; the others keep the default width.
    public var columnWidths: [Double]
    /// How many leading columns stay in view while scrolling right (the students' names).
    public var frozenColumns: Int

    public init(
        title: String, headerRows: [[Cell]] = [], rows: [[Cell]] = [], columnWidths: [Double] = [],
        frozenColumns: Int = 1
    ) {
        self.title = title
        self.headerRows = headerRows
        self.rows = rows
        self.columnWidths = columnWidths
        self.frozenColumns = frozenColumns
    }
}

/// An exported table of one or more sheets, written as XLSX or CSV.
public struct Workbook: Sendable, Hashable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }
}

/// The file formats of an export.
public enum ExportFormat: String, Sendable, CaseIterable {
    case xlsx
    case csv

    /// The media type of the file, for Content-Type.
    public var mediaType: String {
        switch self {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// The file's contents.
    public func render(_ workbook: Workbook) throws -> [UInt8] {
        switch self {
        case .xlsx: try XLSXWriter.write(workbook)
        case .csv: Array(CSVWriter.write(workbook).utf8)
        }
    }
}
