import JournalModel

/// One record of a CSV file: its fields and the physical line where it starts.
public struct CSVRecord: Hashable, Sendable {
    /// The 1-based line of the record's first character; a record whose quoted field holds line
    /// breaks spans several lines, and the next record's line counts them.
    public var line: Int
    /// The fields as written, unquoted; a line break inside a quoted field reads as `\n`.
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A CSV file read per RFC 4180, with what spreadsheets add: a UTF-8 byte order mark, `;` as the
/// separator (Russian Excel), Excel's `sep=;` first line, CRLF or LF or CR line ends, and blank
/// lines, which are skipped.
public struct CSVFile: Hashable, Sendable {
    /// `,` or `;`: as a `sep=` first line says, or whichever the header uses more outside quotes.
    public var separator: Character
    /// The records in file order, blank ones (no field holds anything but spaces) left out.
    public var records: [CSVRecord]

    /// Reads `bytes`; refuses text that is not UTF-8 and a quoted field that is never closed,
    /// naming `file` and the line.
    public init(bytes: some Collection<UInt8>, file: String) throws(ImportFailure) {
        let reader = CSVReader(bytes: Array(bytes), file: file)
        try reader.checkUTF8()
        separator = Character(Unicode.Scalar(reader.separator))
        records = try reader.readRecords()
    }
}

private struct CSVReader {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    let bytes: [UInt8]
    let file: String
    let start: Int
    let separator: UInt8

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Excel's own hint, `sep=;` on a line of its own before the header.
        let hint = Array("sep=".utf8)
        if bytes[start...].starts(with: hint), bytes.count > start + hint.count,
            [Self.comma, Self.semicolon].contains(bytes[start + hint.count])
        {
            separator = bytes[start + hint.count]
            start += hint.count + 1
        } else {
            separator = Self.detectSeparator(bytes, from: start)
        }
        self.start = start
    }

    /// Counts `,` and `;` outside quotes on the first line that holds anything.
    private static func detectSeparator(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var index = start
        while index < bytes.count, bytes[index] == cr || bytes[index] == lf { index += 1 }
        var commas = 0
        var semicolons = 0
        var quoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                quoted.toggle()
            } else if !quoted {
                if byte == cr || byte == lf { break }
                if byte == comma { commas += 1 }
                if byte == semicolon { semicolons += 1 }
            }
            index += 1
        }
        return semicolons > commas ? semicolon : comma
    }

    private func failure(line: Int, _ message: ImportMessage) -> ImportFailure {
        ImportFailure(issues: [ImportIssue(file: file, line: line, message: message)])
    }

    /// Refuses the first byte sequence that is not UTF-8, naming its line.
    func checkUTF8() throws(ImportFailure) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes[start...].makeIterator()
        var line = 1
        var previous: UInt8 = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 {
                    let byte = encoded.first!
                    if byte == Self.lf, previous != Self.cr { line += 1 }
                    if byte == Self.cr { line += 1 }
                    previous = byte
                } else {
                    previous = 0
                }
            case .error:
                throw failure(line: line, .invalidUTF8)
            case .emptyInput:
                return
            }
        }
    }

    /// Splits the text into records, keeping the line where each starts.
    func readRecords() throws(ImportFailure) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = start

        func endRecord() {
            if fields.contains(where: { !$0.trimmingWhitespace().isEmpty }) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
        }

        while index < bytes.count {
            field.removeAll(keepingCapacity: true)
            if bytes[index] == Self.quote {
                let quoteLine = line
                index += 1
                while true {
                    guard index < bytes.count else { throw failure(line: quoteLine, .unterminatedQuote) }
                    let byte = bytes[index]
                    if byte == Self.quote {
                        if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                            field.append(Self.quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if byte == Self.cr || byte == Self.lf {
                        index += byte == Self.cr && index + 1 < bytes.count && bytes[index + 1] == Self.lf ? 2 : 1
                        field.append(Self.lf)
                        line += 1
                        continue
                    }
                    field.append(byte)
                    index += 1
                }
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                    index += 1
                }
                if index < bytes.count, bytes[index] != separator, bytes[index] != Self.cr, bytes[index] != Self.lf {
                    throw failure(line: line, .textAfterClosingQuote)
                }
            } else {
                while index < bytes.count, bytes[index] != separator, bytes[index] != Self.cr, bytes[index] != Self.lf {
                    field.append(bytes[index])
                    index += 1
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))

            guard index < bytes.count else { break }
            if bytes[index] == separator {
                index += 1
                if index == bytes.count { fields.append("") }
                continue
            }
            index += bytes[index] == Self.cr && index + 1 < bytes.count && bytes[index + 1] == Self.lf ? 2 : 1
            endRecord()
            line += 1
            recordLine = line
        }
        endRecord()
        return records
    }
}
