import Foundation
import JournalTestSupport
import Spreadsheet

/// Reads XLSX files back with openpyxl in the tests' virtualenv, `.build/venv`, an
/// implementation independent of the one that wrote them.
enum OpenPyXL {
    /// A sheet as openpyxl sees it.
    struct ReadSheet: Decodable {
        var title: String
        /// The frozen cell (`B3`: one column and two rows stay in view), nil when none.
        var freeze: String?
        var rows: [[Cell]]
        /// Whether the first cell of each row is bold.
        var bold: [Bool]
        /// Column widths by letter, where set.
        var widths: [String: Double]
    }

    static let script = """
        import json, sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        def cell(c):
            if c.value is None: return {"empty": True}
            if isinstance(c.value, (int, float)): return {"number": c.value}
            return {"text": str(c.value)}
        out = []
        for ws in book.worksheets:
            empty = ws.max_row == 1 and ws.max_column == 1 and ws["A1"].value is None
            rows = [] if empty else [[cell(c) for c in row] for row in ws.iter_rows()]
            bold = [] if empty else [bool(row[0].font and row[0].font.b) for row in ws.iter_rows()]
            widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
            out.append({"title": ws.title, "freeze": ws.freeze_panes, "rows": rows, "bold": bold, "widths": widths})
        print(json.dumps(out, ensure_ascii=False))
        """

    static func read(_ bytes: [UInt8]) throws -> [ReadSheet] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("read-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try VenvPython.run(["-c", script, file.path])
        guard status == 0 else { throw ReadFailure(output: String(decoding: output, as: UTF8.self)) }
        return try JSONDecoder().decode([ReadSheet].self, from: output)
    }

    struct ReadFailure: Error { var output: String }

}

extension Cell: Decodable {
    private enum Key: String, CodingKey { case text, number, empty }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
        } else if let number = try container.decodeIfPresent(Double.self, forKey: .number) {
            self = .number(number)
        } else {
            self = .empty
        }
    }
}
