import Foundation
import JournalTestSupport
import Testing

@testable import Spreadsheet

@Suite("Exported tables as XLSX and CSV")
struct SpreadsheetTests {
    static let sheet = Sheet(
        title: "5А Математика: 2 четверть",
        headerRows: [
            [.text("Ученик"), .text("20.11"), .text("Средний балл")],
            [.text("Вес"), .number(2), .empty],
        ],
        rows: [
            [.text("Иванова Анна"), .mark("5"), .number(4.666)],
            [.text("=HYPERLINK(\"x\")"), .mark("ОСВ"), .empty],
        ],
        columnWidths: [32, 7, 10])

    @Test func marksThatAreNumbersBecomeNumbersAndTheOthersStayText() {
        #expect(Cell.mark("5") == .number(5))
        #expect(Cell.mark("4.5") == .number(4.5))
        #expect(Cell.mark("ОСВ") == .text("ОСВ"))
        #expect(Cell.mark("зач") == .text("зач"))
        #expect(Cell.mark("5-") == .text("5-"))
        #expect(Cell.mark("") == .empty)
        #expect(Cell.mark(nil) == .empty)
    }

    @Test func csvHasTheHeaderRowsNumbersWithoutFractionsAndNeutralisedFormulas() {
        let csv = CSVWriter.write(Workbook(sheets: [Self.sheet]))
        #expect(
            csv == "\u{FEFF}Ученик,20.11,Средний балл\r\nВес,2,\r\nИванова Анна,5,4.67\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",ОСВ,\r\n")
    }

    @Test func csvOfSeveralSheetsNamesEachSheet() {
        let csv = CSVWriter.write(
            Workbook(sheets: [Sheet(title: "5А", rows: [[.text("a")]]), Sheet(title: "5Б", rows: [[.number(-1)]])]))
        #expect(csv == "\u{FEFF}5А\r\na\r\n\r\n5Б\r\n-1\r\n")
    }

    @Test func sheetNamesAreShortenedCleanedAndUnique() {
        let long = String(repeating: "ж", count: 40)
        let names = XLSXWriter.sheetNames(["5А: итог?", long, long, "", "'цитата'"])
        #expect(names[0] == "5А_ итог_")
        #expect(names[1] == String(repeating: "ж", count: 31))
        #expect(names[2] == String(repeating: "ж", count: 27) + " (2)")
        #expect(names[3] == "Sheet")
        #expect(names[4] == "цитата")
    }

    @Test func xlsxIsAZipFile() throws {
        let bytes = try XLSXWriter.write(Workbook(sheets: [Self.sheet]))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }

    /// openpyxl, from the tests' virtualenv (`scripts/python-venv.sh`, which `make test` runs
    /// first), reads the file back: the cells, their types, the frozen header and the widths.
    @Test(.enabled(if: VenvPython.hasOpenPyXL, "no .build/venv with openpyxl: run scripts/python-venv.sh"))
    func xlsxReadsBackWithTheRightCells() throws {
        let bytes = try XLSXWriter.write(Workbook(sheets: [Self.sheet, Sheet(title: "Пусто")]))
        let book = try OpenPyXL.read(bytes)
        #expect(book.map(\.title) == ["5А Математика_ 2 четверть", "Пусто"])
        let first = book[0]
        #expect(first.freeze == "B3")
        #expect(first.rows[0] == [.text("Ученик"), .text("20.11"), .text("Средний балл")])
        #expect(first.rows[1] == [.text("Вес"), .number(2), .empty])
        #expect(first.rows[2] == [.text("Иванова Анна"), .number(5), .number(4.666)])
        #expect(first.rows[3] == [.text("=HYPERLINK(\"x\")"), .text("ОСВ"), .empty])
        #expect(first.bold == [true, true, false, false])
        #expect(first.widths["A"].map { abs($0 - 32) < 1 } == true)
        #expect(book[1].rows.isEmpty)
    }
}
