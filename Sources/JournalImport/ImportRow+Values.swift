import JournalModel

extension ImportRow {
    /// The parsed value of an optional column: nil when the cell is empty, or when it is bad,
    /// which is logged.
    func value<Value>(
        _ column: Column, _ log: inout IssueLog, _ parse: (String) throws(ImportMessage) -> Value
    ) -> Value? {
        guard let text = self[column] else { return nil }
        do throws(ImportMessage) {
            return try parse(text)
        } catch {
            log.add(line: line, column: label(column), error)
            return nil
        }
    }

    /// The parsed value of a column that must be filled in; an empty cell is logged.
    func required<Value>(
        _ column: Column, _ log: inout IssueLog, _ parse: (String) throws(ImportMessage) -> Value
    ) -> Value? {
        guard self[column] != nil else {
            log.add(line: line, column: label(column), .required)
            return nil
        }
        return value(column, &log, parse)
    }

    func required(_ column: Column, _ log: inout IssueLog) -> String? {
        required(column, &log) { (text: String) throws(ImportMessage) -> String in text }
    }

    /// Logs a problem with the value of `column`.
    func report(_ column: Column, _ message: ImportMessage, _ log: inout IssueLog) {
        log.add(line: line, column: label(column), message)
    }

    /// Logs a problem with the row as a whole.
    func report(_ message: ImportMessage, _ log: inout IssueLog) {
        log.add(line: line, message)
    }

    /// The person named by the `last_name`, `first_name` and `middle_name` columns.
    func personName(_ log: inout IssueLog) -> PersonName? {
        let last = required(.lastName, &log, Parse.namePart)
        let first = required(.firstName, &log, Parse.namePart)
        let middle = value(.middleName, &log, Parse.namePart)
        guard let last, let first else { return nil }
        return PersonName(lastName: last, firstName: first, middleName: middle)
    }
}
