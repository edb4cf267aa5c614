public import JournalModel

/// What importing a subjects file writes.
///
/// Columns (names compare without case, with spaces, `_` and `-` alike; other accepted names in
/// brackets):
/// - **name** (название, предмет, subject): `Математика`
/// - short_name (краткое название, сокращение, short name, abbreviation): for the journal grid,
///   `Матем.`; the name when empty
///
/// Subjects are matched by name without case; an existing subject gets the short name of its
/// row, an empty cell keeps the one it has. Names and short names must be unique, since other
/// files refer to subjects by either.
public struct SubjectsPlan: Hashable, Sendable, Codable {
    public var newSubjects: [Planned<Subject>]
    /// Existing subjects whose short name changes.
    public var updatedSubjects: [PlannedUpdate<Subject>]
    /// Lines that describe a subject exactly as the journal has it.
    public var unchangedLines: [Int]

    enum Columns {
        static let name = Column("name", aliases: ["название", "предмет", "subject"], isRequired: true)
        static let shortName = Column(
            "short_name", aliases: ["краткое название", "сокращение", "abbreviation"])
    }

    public static let columns: [Column] = [Columns.name, Columns.shortName]

    public var summary: ImportSummary {
        ImportSummary(
            new: [.subject: newSubjects.count], updated: [.subject: updatedSubjects.count],
            unchangedRows: unchangedLines.count)
    }

    /// Validates every row of a subjects file against `context`.
    public init(file: String, bytes: some Collection<UInt8>, context: some ImportContext) throws(ImportFailure) {
        var log = IssueLog(file: file)
        let table = try ImportTable(bytes: bytes, file: file, columns: Self.columns, log: &log)
        let existing = SubjectIndex(context.subjects())
        newSubjects = []
        updatedSubjects = []
        unchangedLines = []

        // The line of every name and short name the file has used so far.
        var linesByName: [String: Int] = [:]
        for row in table.rows {
            let issues = log.issues.count
            let name = row.required(Columns.name, &log, Parse.text(limit: ImportLimits.subjectName))
            let shortName = row.value(Columns.shortName, &log, Parse.text(limit: ImportLimits.subjectShortName))
            guard log.issues.count == issues, let name else { continue }
            if let earlier = linesByName[Key.text(name)] {
                row.report(Columns.name, .duplicateRow(line: earlier), &log)
                continue
            }
            linesByName[Key.text(name)] = row.line
            if let shortName, Key.text(shortName) != Key.text(name) {
                if let earlier = linesByName[Key.text(shortName)] {
                    row.report(Columns.shortName, .nameUsedOnLine(shortName, line: earlier), &log)
                    continue
                }
                linesByName[Key.text(shortName)] = row.line
            }

            let match = existing.named(name).first { Key.text($0.name) == Key.text(name) }
            let clash = shortName.flatMap { short in
                existing.named(short).first { $0.id != match?.id }
            }
            if let clash {
                row.report(Columns.shortName, .subjectNameTaken(shortName!, by: clash.name), &log)
                continue
            }
            if let match {
                var after = match
                after.shortName = shortName ?? match.shortName
                if after == match {
                    unchangedLines.append(row.line)
                } else {
                    updatedSubjects.append(PlannedUpdate(line: row.line, before: match, after: after))
                }
            } else if let taken = existing.named(name).first {
                row.report(Columns.name, .subjectNameTaken(name, by: taken.name), &log)
            } else {
                newSubjects.append(Planned(line: row.line, value: Subject(name: name, shortName: shortName)))
            }
        }
        try log.check()
    }
}

/// Subjects found by name or short name, without case.
struct SubjectIndex {
    private let byKey: [String: [Subject]]

    init(_ subjects: [Subject]) {
        var byKey: [String: [Subject]] = [:]
        for subject in subjects {
            byKey[Key.text(subject.name), default: []].append(subject)
            if Key.text(subject.shortName) != Key.text(subject.name) {
                byKey[Key.text(subject.shortName), default: []].append(subject)
            }
        }
        self.byKey = byKey
    }

    func named(_ name: String) -> [Subject] { byKey[Key.text(name)] ?? [] }

    /// The one subject called `name`; prefers a full name over another subject's short name.
    func resolve(_ name: String) throws(ImportMessage) -> Subject {
        let found = named(name)
        if let exact = found.first(where: { Key.text($0.name) == Key.text(name) }) { return exact }
        guard let first = found.first else { throw .subjectNotFound(name) }
        guard found.count == 1 else { throw .subjectAmbiguous(name, count: found.count) }
        return first
    }
}
