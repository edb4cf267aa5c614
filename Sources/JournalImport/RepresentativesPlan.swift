public import JournalModel

/// What importing a representatives file writes: parents, adoptive parents and guardians, and
/// their links to students.
///
/// Columns (names compare without case, with spaces, `_` and `-` alike; other accepted names in
/// brackets):
/// - **last_name** (фамилия, last name, surname, family name), **first_name** (имя, first name,
///   given name), middle_name (отчество, middle name, patronymic)
/// - phone (телефон, тел, phone number, mobile): a Russian number becomes `+7 XXX XXX-XX-XX`
/// - email (электронная почта, почта, e-mail, mail)
/// - kind (кем приходится, степень родства, relation, relationship): parent (родитель, мать,
///   отец, мама, папа), adoptive_parent (усыновитель, удочеритель), guardian (опекун,
///   попечитель); parent when empty
/// - **student** (ученик, обучающийся, ребёнок, child): the child's code, or full name
/// - student_class (класс ученика, класс, class, student class): narrows a name to one class
/// - code (код): the representative's own code, unique
///
/// One row per representative and child. Rows with the same code, or without a code and with
/// the same full name and phone, are one person linked to several children; they must not
/// contradict each other, and a value missing on one row is taken from another. Matching with
/// the journal follows ``PersonIndex/match(code:name:noun:agrees:)``: details agree when phone
/// and e-mail do not differ.
public struct RepresentativesPlan: Hashable, Sendable, Codable {
    public var newRepresentatives: [Planned<Representative>]
    /// Representatives the file changes; `after` keeps the id.
    public var updatedRepresentatives: [PlannedUpdate<Representative>]
    /// Links to insert; a new representative is `.new(index:)` into `newRepresentatives`.
    public var newLinks: [PlannedLink]
    /// Existing links whose kind changes.
    public var updatedLinks: [PlannedUpdate<StudentRepresentative>]
    /// Lines that describe a representative and link exactly as the journal has them.
    public var unchangedLines: [Int]

    enum Columns {
        static let phone = Column("phone", aliases: ["телефон", "тел", "phone number", "mobile"])
        static let email = Column("email", aliases: ["электронная почта", "почта", "e-mail", "mail"])
        static let kind = Column("kind", aliases: ["кем приходится", "степень родства", "relation", "relationship"])
        static let student = Column(
            "student", aliases: ["ученик", "обучающийся", "ребёнок", "child"], isRequired: true)
        static let studentClass = Column(
            "student_class", aliases: ["класс ученика", "класс", "class"])
        static let code = Column.code()
    }

    public static let columns: [Column] = [
        Column.lastName.required, Column.firstName.required, .middleName, Columns.phone, Columns.email,
        Columns.kind, Columns.student, Columns.studentClass, Columns.code,
    ]

    public var summary: ImportSummary {
        ImportSummary(
            new: [.representative: newRepresentatives.count, .representativeLink: newLinks.count],
            updated: [.representative: updatedRepresentatives.count, .representativeLink: updatedLinks.count],
            unchangedRows: unchangedLines.count)
    }

    /// Validates every row of a representatives file against `context`.
    public init(file: String, bytes: some Collection<UInt8>, context: some ImportContext) throws(ImportFailure) {
        var log = IssueLog(file: file)
        let table = try ImportTable(bytes: bytes, file: file, columns: Self.columns, log: &log)
        var builder = Builder(context: context)
        for row in table.rows {
            builder.add(row, &log)
        }
        try log.check()
        self = builder.plan()
    }

    init(
        newRepresentatives: [Planned<Representative>], updatedRepresentatives: [PlannedUpdate<Representative>],
        newLinks: [PlannedLink], updatedLinks: [PlannedUpdate<StudentRepresentative>], unchangedLines: [Int]
    ) {
        self.newRepresentatives = newRepresentatives
        self.updatedRepresentatives = updatedRepresentatives
        self.newLinks = newLinks
        self.updatedLinks = updatedLinks
        self.unchangedLines = unchangedLines
    }
}

/// A link to write between a representative and a student.
public struct PlannedLink: Hashable, Sendable, Codable {
    public var line: Int
    public var representative: ImportRef<Representative>
    public var studentID: StudentID
    public var kind: RepresentativeKind

    public init(line: Int, representative: ImportRef<Representative>, studentID: StudentID, kind: RepresentativeKind) {
        self.line = line
        self.representative = representative
        self.studentID = studentID
        self.kind = kind
    }
}
