public import GRDB
public import JournalModel

/// A row of journal data. Writing one is possible only through ``AuditedWriter``, which
/// records the change in the audit log of the same transaction.
public protocol AuditedRecord: FetchableRecord, MutablePersistableRecord, Encodable, Sendable {
    /// The row's integer id, nil before insertion.
    var rowID: Int64? { get }

    /// The column that holds ``rowID``: `id`, unless the table is keyed otherwise.
    static var rowIDColumn: String { get }

    /// The student and the teaching assignment the row is about, written beside its audit
    /// entries: readers that follow changes (caches, the history) learn what a change touched
    /// without reading the row. Nil when the row is about no one student or assignment.
    func auditScope(_ db: Database) throws -> AuditScope
}

/// What an audited row is about: a student, a teaching assignment, or the school at large.
public struct AuditScope: Sendable, Hashable {
    public var studentID: StudentID?
    public var assignmentID: AssignmentID?

    public init(studentID: StudentID? = nil, assignmentID: AssignmentID? = nil) {
        self.studentID = studentID
        self.assignmentID = assignmentID
    }

    public static let school = AuditScope()
}

extension AuditedRecord {
    public static var rowIDColumn: String { "id" }

    public func auditScope(_ db: Database) throws -> AuditScope { .school }
}

/// A record edited concurrently by people: a stale edit is refused rather than overwriting.
public protocol VersionedRecord: AuditedRecord {
    var version: Int { get set }
}

extension Identifier {
    init(row: Row, _ column: String) { self.init(rawValue: row[column]) }
}
