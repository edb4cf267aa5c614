import GRDB
import JournalModel

/// A row of journal data. Writing one is possible only through ``AuditedWriter``, which
/// records the change in the audit log of the same transaction.
public protocol AuditedRecord: FetchableRecord, MutablePersistableRecord, Encodable, Sendable {
    /// The row's integer id, nil before insertion.
    var rowID: Int64? { get }
}

/// A record edited concurrently by people: a stale edit is refused rather than overwriting.
public protocol VersionedRecord: AuditedRecord {
    var version: Int { get set }
}

extension Identifier {
    init(row: Row, _ column: String) { self.init(rawValue: row[column]) }
}
