public import JournalModel
public import Localization

/// A reference from one planned value to another: a row already in the journal, or the
/// `index`-th new value of the same plan, which gets its id when the caller inserts it.
public enum ImportRef<Entity>: Hashable, Sendable, Codable {
    case existing(Identifier<Entity>)
    case new(index: Int)
}

/// A value to insert, with the line of the file that asked for it.
public struct Planned<Value: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    public var line: Int
    public var value: Value

    public init(line: Int, value: Value) {
        self.line = line
        self.value = value
    }
}

/// A row already in the journal that the file changes: `before` as read, `after` to write (same
/// id). The audit log can record both.
public struct PlannedUpdate<Value: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    public var line: Int
    public var before: Value
    public var after: Value

    public init(line: Int, before: Value, after: Value) {
        self.line = line
        self.before = before
        self.after = after
    }
}

/// The kinds of file `journal import KIND FILE.csv` takes, in the order a school imports them.
public enum ImportKind: String, CaseIterable, Hashable, Sendable, Codable {
    case staff
    case classes
    case subjects
    case students
    case representatives
    case assignments
    case timetable
    case contacts

    /// The columns a header may name, required ones marked.
    public var columns: [Column] {
        switch self {
        case .students: StudentsPlan.columns
        case .representatives: RepresentativesPlan.columns
        case .staff: StaffPlan.columns
        case .classes: ClassesPlan.columns
        case .subjects: SubjectsPlan.columns
        case .assignments: AssignmentsPlan.columns
        case .timetable: TimetablePlan.columns
        case .contacts: ContactsPlan.columns
        }
    }
}

/// What one import file will write, validated against the journal. The caller writes it in one
/// transaction: new values first, in array order, so that ``ImportRef/new(index:)`` can be
/// turned into the ids just created; then updates. Nothing is written when the file has any
/// bad row: the importer throws ``ImportFailure`` instead of returning a plan.
public enum ImportPlan: Hashable, Sendable, Codable {
    case students(StudentsPlan)
    case representatives(RepresentativesPlan)
    case staff(StaffPlan)
    case classes(ClassesPlan)
    case subjects(SubjectsPlan)
    case assignments(AssignmentsPlan)
    case timetable(TimetablePlan)
    case contacts(ContactsPlan)

    /// Reads `bytes` (the file's contents) as a file of `kind` and validates every row.
    public init(
        kind: ImportKind, file: String, bytes: some Collection<UInt8>, context: some ImportContext
    ) throws(ImportFailure) {
        switch kind {
        case .students: self = .students(try StudentsPlan(file: file, bytes: bytes, context: context))
        case .representatives:
            self = .representatives(try RepresentativesPlan(file: file, bytes: bytes, context: context))
        case .staff: self = .staff(try StaffPlan(file: file, bytes: bytes, context: context))
        case .classes: self = .classes(try ClassesPlan(file: file, bytes: bytes, context: context))
        case .subjects: self = .subjects(try SubjectsPlan(file: file, bytes: bytes, context: context))
        case .assignments: self = .assignments(try AssignmentsPlan(file: file, bytes: bytes, context: context))
        case .timetable: self = .timetable(try TimetablePlan(file: file, bytes: bytes, context: context))
        case .contacts: self = .contacts(try ContactsPlan(file: file, bytes: bytes, context: context))
        }
    }

    /// How many values of each noun are new or updated, and how many rows changed nothing.
    public var summary: ImportSummary {
        switch self {
        case .students(let plan): plan.summary
        case .representatives(let plan): plan.summary
        case .staff(let plan): plan.summary
        case .classes(let plan): plan.summary
        case .subjects(let plan): plan.summary
        case .assignments(let plan): plan.summary
        case .timetable(let plan): plan.summary
        case .contacts(let plan): plan.summary
        }
    }
}

/// What a plan will do, counted, for the person to confirm: `new: 25 students; updated: 1 student`.
public struct ImportSummary: Hashable, Sendable, CustomStringConvertible {
    public var new: [ImportNoun: Int]
    public var updated: [ImportNoun: Int]
    /// Rows that describe what the journal already holds.
    public var unchangedRows: Int

    public init(new: [ImportNoun: Int] = [:], updated: [ImportNoun: Int] = [:], unchangedRows: Int = 0) {
        self.new = new.filter { $0.value > 0 }
        self.updated = updated.filter { $0.value > 0 }
        self.unchangedRows = unchangedRows
    }

    public var description: String { text(.en) }

    /// What the import changes, in `language`.
    public func text(_ language: Language) -> String { ImportMessage.summary(self).text(language) }
}

/// The things an import creates or changes, for messages and summaries.
public enum ImportNoun: String, CaseIterable, Hashable, Sendable, Codable {
    case student
    case representative
    case representativeLink
    case staffMember
    case roleGrant
    case schoolClass
    case subject
    case group
    case groupMember
    case assignment
    case timetableEntry
    case contact
}
