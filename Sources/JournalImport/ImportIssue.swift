public import Localization

/// One thing wrong with an import file, pinned to the line where the person can fix it.
///
/// `description` reads `students.csv:7: column 'birth_date': '31.02.2015' is not a real date; …`
/// so that editors and terminals can jump to the place.
public struct ImportIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file name as the person gave it.
    public var file: String
    /// The physical line (1-based) where the record starts.
    public var line: Int
    /// The column as the file's header spells it, when the problem is in one value.
    public var column: String?
    /// What is wrong and what is accepted.
    public var message: ImportMessage

    public init(file: String, line: Int, column: String? = nil, message: ImportMessage) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The issue in English, for logs and tests.
    public var description: String { text(.en) }

    /// The issue in `language`, still led by `file:line:`.
    public func text(_ language: Language) -> String {
        var values = ["file": file, "line": String(line), "message": message.text(language)]
        values["column"] = column
        return Strings.text(column == nil ? "import.issue" : "import.issue_in_column", language, values)
    }
}

/// The file was refused: nothing of it is imported. Holds every problem found, in line order,
/// up to ``ImportFailure/limit``.
public struct ImportFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// How many issues are kept; a file with more is most likely the wrong file.
    public static let limit = 100

    public var issues: [ImportIssue]
    /// More problems were found than ``limit``; only the first are in `issues`.
    public var isTruncated: Bool

    public init(issues: [ImportIssue], isTruncated: Bool = false) {
        self.issues = issues
        self.isTruncated = isTruncated
    }

    /// One issue a line, then a note when the list was cut; in English, for logs and tests.
    public var description: String { text(.en) }

    /// One issue a line in `language`, then a note when the list was cut.
    public func text(_ language: Language) -> String {
        var lines = issues.map { $0.text(language) }
        if isTruncated { lines.append(ImportMessage.tooManyIssues(limit: Self.limit).text(language)) }
        return lines.joined(separator: "\n")
    }
}

/// Collects the issues of one file, stops listing them at the limit.
struct IssueLog {
    let file: String
    private(set) var issues: [ImportIssue] = []
    private(set) var isTruncated = false

    init(file: String) { self.file = file }

    mutating func add(line: Int, column: String? = nil, _ message: ImportMessage) {
        guard issues.count < ImportFailure.limit else {
            isTruncated = true
            return
        }
        issues.append(ImportIssue(file: file, line: line, column: column, message: message))
    }

    var isEmpty: Bool { issues.isEmpty }

    /// Throws the collected issues, sorted by line, when there are any.
    func check() throws(ImportFailure) {
        guard !issues.isEmpty else { return }
        let sorted = issues.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
        throw ImportFailure(issues: sorted.map(\.element), isTruncated: isTruncated)
    }
}
