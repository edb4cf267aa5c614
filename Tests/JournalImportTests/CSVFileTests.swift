import JournalImport
import Spreadsheet
import Testing

@Suite struct CSVFileTests {
    func read(_ text: String) throws(ImportFailure) -> CSVFile { try CSVFile(bytes: Array(text.utf8), file: "t.csv") }

    func refusal(_ bytes: [UInt8]) -> String? {
        do {
            _ = try CSVFile(bytes: bytes, file: "t.csv")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsQuotedFieldsWithDoubledQuotesAndSeparators() throws {
        let file = try read("a,b,c\n\"Школа \"\"Радуга\"\"\",\"1,5\",x\n")
        #expect(file.separator == ",")
        #expect(
            file.records == [
                CSVRecord(line: 1, fields: ["a", "b", "c"]),
                CSVRecord(line: 2, fields: ["Школа \"Радуга\"", "1,5", "x"]),
            ])
    }

    @Test func countsLinesInsideQuotedFieldsForLaterRecords() throws {
        let file = try read("name,note\nАнна,\"first\nsecond\r\nthird\"\nБорис,plain\n\nВера,\"\"\n")
        #expect(file.records.map(\.line) == [1, 2, 5, 7])
        #expect(file.records[1].fields == ["Анна", "first\nsecond\nthird"])
        #expect(file.records[3].fields == ["Вера", ""])
    }

    @Test func detectsSemicolonsFromTheHeaderAndReadsCRLFAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Фамилия;Имя;\"a,b\"\r\nИванов;Иван;x,y\r\n".utf8)
        let file = try CSVFile(bytes: bytes, file: "t.csv")
        #expect(file.separator == ";")
        #expect(
            file.records == [
                CSVRecord(line: 1, fields: ["Фамилия", "Имя", "a,b"]),
                CSVRecord(line: 2, fields: ["Иванов", "Иван", "x,y"]),
            ])
    }

    @Test func skipsBlankLinesAndRowsOfEmptyFields() throws {
        let file = try read("\n\na;b\n\n;\n  ;  \n1;2\n\n")
        #expect(file.records == [CSVRecord(line: 3, fields: ["a", "b"]), CSVRecord(line: 7, fields: ["1", "2"])])
    }

    @Test func readsOldMacLineEndsAndATrailingSeparator() throws {
        let file = try read("a,b\r1,\r2,3")
        #expect(
            file.records == [
                CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["1", ""]),
                CSVRecord(line: 3, fields: ["2", "3"]),
            ])
    }

    @Test func refusesInvalidUTF8NamingTheLine() {
        let windows1251: [UInt8] = Array("a,b\r\n1,2\r\n".utf8) + [0xC8, 0xE2, 0xE0, 0xED] + Array(",3\r\n".utf8)
        #expect(
            refusal(windows1251)
                == "t.csv:3: the file is not UTF-8 text; save it as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8)")
    }

    @Test func refusesAnUnterminatedQuoteAtTheLineWhereItOpens() {
        #expect(
            refusal(Array("a,b\n1,2\n3,\"never\nclosed\n4,5\n".utf8))
                == "t.csv:3: a quoted value starts here and is never closed; end it with \", "
                + "and write a quote inside it as \"\"")
    }

    @Test func refusesTextAfterAClosingQuote() {
        #expect(
            refusal(Array("a,b\n\"1\"x,2\n".utf8))
                == "t.csv:2: text follows a closing quote; put the whole value in quotes and write a quote inside it as \"\""
        )
    }

    @Test func acceptsAQuoteInsideAnUnquotedField() throws {
        #expect(try read("a\nООО \"Ромашка\"\n").records[1].fields == ["ООО \"Ромашка\""])
    }
}

extension CSVFileTests {
    @Test func followsExcelsSeparatorHint() throws {
        let file = try read("sep=;\r\na,b;c\r\n1,5;2\r\n")
        #expect(file.separator == ";")
        #expect(file.records == [CSVRecord(line: 2, fields: ["a,b", "c"]), CSVRecord(line: 3, fields: ["1,5", "2"])])
    }
}

/// Files handed to people open in spreadsheets: no cell may run as a formula (issue 9, item 7).
@Suite("Cells of exported files")
struct ExportedCellTests {
    @Test(arguments: [
        (#"=HYPERLINK("http://evil.example","Открыть")"#, #""'=HYPERLINK(""http://evil.example"",""Открыть"")""#),
        ("+7 999", "'+7 999"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tотступ", "'\tотступ"),
        ("\rстрока", "\"'\rстрока\""), ("Иванова Анна", "Иванова Анна"), ("5×3 4×1", "5×3 4×1"), ("", ""),
    ])
    func formulaStartsAreShownAsText(_ text: String, _ written: String) {
        #expect(CSVField.cell(text) == written)
    }

    @Test func theImportersOwnEscapeKeepsEveryCharacter() {
        #expect(CSVField.escape("-5") == "-5")
        #expect(CSVField.escape("=1+1") == "=1+1")
    }
}
