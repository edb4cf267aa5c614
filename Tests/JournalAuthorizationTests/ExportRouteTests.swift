import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalServer
import JournalService
import JournalTestSupport
import Testing

@Suite("Exports through the API: files with their names, read back")
struct ExportRouteTests {

    @Test(.enabled(if: VenvPython.hasOpenPyXL, "no .build/venv with openpyxl: run scripts/python-venv.sh"))
    func theTeachersGridAsXLSXHasTheWorkTheWeightAndTheMarkAsANumber() async throws {
        let school = try await TestSchool.shared
        try await school.application().test(.router) { client in
            let response = try await client.send(
                .get, "/api/v1/assignments/\(school.own.assignment)/journal/export?period=q2",
                token: school.token(.teacher), language: nil)
            #expect(response.status == .ok)
            #expect(
                response.headers[.contentType]
                    == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let disposition = try #require(response.headers[.contentDisposition])
            #expect(disposition.hasPrefix("attachment; filename=\""))
            // «Журнал — Математика, 5А, 2 четверть.xlsx» in UTF-8.
            #expect(disposition.contains("filename*=UTF-8''%D0%96%D1%83%D1%80%D0%BD%D0%B0%D0%BB"))
            #expect(disposition.hasSuffix(".xlsx"))
            let sheet = try Self.read(Array(buffer: response.body))
            #expect(sheet.freeze == "B4")
            // The lesson of 16.11 has two works: the test (×3) and an answer in class (×1).
            #expect(sheet.rows[0].prefix(3) == [.string("Ученик"), .string("16.11"), .string("16.11")])
            #expect(sheet.rows[1].prefix(2) == [.string("Вид работы"), .string("Контрольная работа")])
            #expect(sheet.rows[2].prefix(2) == [.string("Вес"), .number(3)])
            #expect(sheet.rows[3].prefix(3) == [.string("Иванова Анна"), .number(5), .number(3)])
            // Then the average, (5×3 + 3) / 4, and the recommended 5.
            #expect(sheet.rows[3].dropFirst(3).prefix(2) == [.number(4.5), .number(5)])
        }
    }

    @Test func aClassSummaryAsCSVIsUTF8WithAByteOrderMark() async throws {
        let school = try await TestSchool.shared
        try await school.application().test(.router) { client in
            let response = try await client.send(
                .get, "/api/v1/classes/5%D0%90/summary/export?period=q2&format=csv", token: school.token(.management),
                language: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            let text = String(buffer: response.body)
            #expect(text.hasPrefix("\u{FEFF}Ученик,"))
            #expect(text.contains("\r\nИванова Анна,"))
        }
    }

    @Test func aFormatOtherThanXLSXOrCSVIsRefused() async throws {
        let school = try await TestSchool.shared
        try await school.application().test(.router) { client in
            let response = try await client.send(
                .get, "/api/v1/classes/5%D0%90/attendance/export?format=pdf", token: school.token(.management))
            #expect(response.status == .badRequest)
            #expect(response.problem?.detail == "'format' must be xlsx or csv, not 'pdf'")
        }
    }

    enum Value: Decodable, Equatable {
        case string(String)
        case number(Double)
        case none

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .none
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    struct ReadSheet: Decodable {
        var freeze: String?
        var rows: [[Value]]
    }

    /// The first sheet as openpyxl reads it.
    static func read(_ bytes: [UInt8]) throws -> ReadSheet {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
            rows = [[c.value for c in row] for row in ws.iter_rows()]
            print(json.dumps({"freeze": ws.freeze_panes, "rows": rows}, ensure_ascii=False))
            """
        let (status, output) = try VenvPython.run(["-c", script, file.path])
        #expect(status == 0, "\(String(decoding: output, as: UTF8.self))")
        return try JSONDecoder().decode(ReadSheet.self, from: output)
    }

}
