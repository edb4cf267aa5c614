import JournalModel

/// A CSV file whose header has been matched to the columns of one import kind.
struct ImportTable {
    let file: String
    let headerLine: Int
    let rows: [ImportRow]

    /// Reads the file and matches its header; header problems refuse the file at once, row
    /// problems (a value under no column) go to `log`.
    init(bytes: some Collection<UInt8>, file: String, columns: [Column], log: inout IssueLog) throws(ImportFailure) {
        let csv = try CSVFile(bytes: bytes, file: file)
        self.file = file
        guard let header = csv.records.first else {
            throw ImportFailure(issues: [ImportIssue(file: file, line: 1, message: .emptyFile(columns: columns))])
        }
        headerLine = header.line

        var headerLog = IssueLog(file: file)
        let labels = header.fields.map { $0.trimmingWhitespace() }
        let named = (labels.lastIndex { !$0.isEmpty } ?? -1) + 1
        var positions: [Int: Column] = [:]
        var found: [String: String] = [:]
        var unknown: [String] = []
        for (position, label) in labels.prefix(named).enumerated() {
            guard !label.isEmpty else {
                headerLog.add(line: header.line, .emptyColumnName(position: position + 1))
                continue
            }
            guard let column = columns.first(where: { $0.keys.contains(Column.key(label)) }) else {
                unknown.append(label)
                continue
            }
            if let earlier = found[column.name] {
                headerLog.add(line: header.line, .duplicateColumn(earlier, label, name: column.name))
                continue
            }
            found[column.name] = label
            positions[position] = column
        }
        if !unknown.isEmpty { headerLog.add(line: header.line, .unknownColumns(unknown, known: columns)) }
        let missing = columns.filter { $0.isRequired && found[$0.name] == nil }
        if !missing.isEmpty { headerLog.add(line: header.line, .missingColumns(missing)) }
        if csv.records.count == 1 { headerLog.add(line: header.line, .noRows) }
        try headerLog.check()

        var rows: [ImportRow] = []
        for record in csv.records.dropFirst() {
            var values: [String: String] = [:]
            for (position, field) in record.fields.enumerated() {
                let value = field.trimmingWhitespace()
                if let column = positions[position] {
                    if !value.isEmpty { values[column.name] = value }
                } else if position >= named, !value.isEmpty {
                    log.add(line: record.line, .valueWithoutColumn(position: position + 1, columns: named))
                }
            }
            rows.append(ImportRow(line: record.line, values: values, labels: found))
        }
        self.rows = rows
    }
}

/// One data record: its line and its non-empty values by column.
struct ImportRow {
    let line: Int
    let values: [String: String]
    /// The header's spelling of each column present, for messages.
    let labels: [String: String]

    /// The trimmed value, nil when the cell is empty or the column absent.
    subscript(column: Column) -> String? { values[column.name] }

    func label(_ column: Column) -> String { labels[column.name] ?? column.name }
}
