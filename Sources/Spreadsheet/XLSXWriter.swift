import CXLSXWriter
import Foundation

/// Why a workbook could not be written.
public struct SpreadsheetError: Error, CustomStringConvertible {
    public var description: String
}

/// Writes a workbook as XLSX with libxlsxwriter: bold header rows frozen above the data (and
/// the first columns frozen beside it), numbers as numbers, column widths as given.
///
/// libxlsxwriter 1.1 writes only to a file, so the workbook goes to a temporary file that is
/// read back and removed. Rows are written in order, which lets the library keep one row in
/// memory at a time (`constant_memory`), whatever the size of the school.
public enum XLSXWriter {
    public static func write(_ workbook: Workbook) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory
        let path = directory.appendingPathComponent("export-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let status: lxw_error = directory.path.withCString { temporary in
            var options = lxw_workbook_options(
                constant_memory: 1, tmpdir: UnsafeMutablePointer(mutating: temporary), use_zip64: 0)
            guard let book = workbook_new_opt(path, &options) else { return LXW_ERROR_CREATING_XLSX_FILE }
            let header = workbook_add_format(book)
            format_set_bold(header)
            format_set_text_wrap(header)
            format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            for (sheet, name) in zip(workbook.sheets, sheetNames(workbook.sheets.map(\.title))) {
                guard let worksheet = workbook_add_worksheet(book, name) else { continue }
                write(sheet, to: worksheet, header: header)
            }
            return workbook_close(book)
        }
        guard status == LXW_NO_ERROR else {
            throw SpreadsheetError(
                description: "the XLSX file could not be written: \(String(cString: lxw_strerror(status)))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpreadsheetError(description: "the XLSX file written to \(path) could not be read back")
        }
        return Array(data)
    }

    private static func write(
        _ sheet: Sheet, to worksheet: UnsafeMutablePointer<lxw_worksheet>, header: UnsafeMutablePointer<lxw_format>?
    ) {
        for (column, width) in sheet.columnWidths.enumerated() {
            worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil)
        }
        if !sheet.headerRows.isEmpty || sheet.frozenColumns > 0 {
            worksheet_freeze_panes(worksheet, lxw_row_t(sheet.headerRows.count), lxw_col_t(sheet.frozenColumns))
        }
        var row: lxw_row_t = 0
        for (cells, format) in sheet.headerRows.map({ ($0, header) }) + sheet.rows.map({ ($0, nil) }) {
            for (column, cell) in cells.enumerated() {
                let column = lxw_col_t(column)
                switch cell {
                case .text(let text): worksheet_write_string(worksheet, row, column, text, format)
                case .number(let number): worksheet_write_number(worksheet, row, column, number, format)
                case .empty: if let format { worksheet_write_blank(worksheet, row, column, format) }
                }
            }
            row += 1
        }
    }

    /// Names a spreadsheet accepts: at most 31 characters, none of `[]:*?/\`, no apostrophe at
    /// either end, each different from the others regardless of case; never empty.
    static func sheetNames(_ titles: [String]) -> [String] {
        var taken: Set<String> = []
        return titles.map { title in
            let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
            var base = String(title.map { forbidden.contains($0) ? "_" : $0 })
                .trimmingCharacters(in: CharacterSet(charactersIn: "' "))
            if base.isEmpty { base = "Sheet" }
            var name = String(base.prefix(31))
            var number = 2
            while taken.contains(name.lowercased()) {
                let suffix = " (\(number))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            taken.insert(name.lowercased())
            return name
        }
    }
}
