public import JournalModel

/// What importing a classes file writes.
///
/// Columns (names compare without case, with spaces, `_` and `-` alike; other accepted names in
/// brackets):
/// - **class** (класс): `5А`, grade 1–11 and a letter; `5 а`, `5-А` and a Latin `5A` read as `5А`
/// - class_teacher (классный руководитель, class teacher, руководитель): a staff member's code
///   or full name
///
/// Classes go into the current year. A class that exists gets the class teacher of its row; an
/// empty cell keeps the one it has.
public struct ClassesPlan: Hashable, Sendable, Codable {
    /// Classes to insert, in the current year.
    public var newClasses: [Planned<SchoolClass>]
    /// Existing classes whose class teacher changes.
    public var updatedClasses: [PlannedUpdate<SchoolClass>]
    /// Lines that describe a class exactly as the journal has it.
    public var unchangedLines: [Int]

    enum Columns {
        static let classTeacher = Column(
            "class_teacher", aliases: ["классный руководитель", "руководитель"])
    }

    public static let columns: [Column] = [Column.className.required, Columns.classTeacher]

    public var summary: ImportSummary {
        ImportSummary(
            new: [.schoolClass: newClasses.count], updated: [.schoolClass: updatedClasses.count],
            unchangedRows: unchangedLines.count)
    }

    /// Validates every row of a classes file against `context`.
    public init(file: String, bytes: some Collection<UInt8>, context: some ImportContext) throws(ImportFailure) {
        var log = IssueLog(file: file)
        let table = try ImportTable(bytes: bytes, file: file, columns: Self.columns, log: &log)
        guard let yearID = context.year.id else {
            throw ImportFailure(issues: [ImportIssue(file: file, line: table.headerLine, message: .noCurrentYear)])
        }
        let classes = ClassIndex(context)
        let staff = PersonIndex(context.staff(), name: \.name, code: \.externalCode)
        newClasses = []
        updatedClasses = []
        unchangedLines = []

        var linesByClass: [String: Int] = [:]
        for row in table.rows {
            let issues = log.issues.count
            let name = row.required(.className, &log, Parse.className)
            let teacher = row.value(Columns.classTeacher, &log) { (text: String) throws(ImportMessage) in
                try staff.reference(text, noun: .staffMember)
            }
            guard log.issues.count == issues, let name, let parsed = SchoolClass.parse(name: name) else { continue }
            if let earlier = linesByClass[name] {
                row.report(.className, .duplicateRow(line: earlier), &log)
                continue
            }
            linesByClass[name] = row.line

            if let existing = classes.find(name) {
                var after = existing
                after.classTeacherID = teacher?.id ?? existing.classTeacherID
                if after == existing {
                    unchangedLines.append(row.line)
                } else {
                    updatedClasses.append(PlannedUpdate(line: row.line, before: existing, after: after))
                }
            } else {
                let schoolClass = SchoolClass(
                    yearID: yearID, grade: parsed.grade, letter: parsed.letter, classTeacherID: teacher?.id)
                newClasses.append(Planned(line: row.line, value: schoolClass))
            }
        }
        try log.check()
    }
}
