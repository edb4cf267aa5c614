import GRDB
import JournalModel

extension AuditedWriter {
    /// Inserts a versioned row for an object whose earlier row may have been deleted (an
    /// attendance code set again after it was cleared), with a version no earlier row of it
    /// can have had: a change read from that earlier row is then still refused as stale, where
    /// restarting at version 1 would let it through.
    ///
    /// Why the version is above every earlier one: each insert and update of a versioned row
    /// writes an audit entry in its transaction (``AuditGuard`` holds it), and an update adds
    /// one to the version, so a row's version never exceeds the id of its latest audit entry;
    /// the new version is one above the highest id so far.
    @discardableResult
    public func insertFreshVersion<Record: VersionedRecord>(_ record: Record) throws -> Record {
        var record = record
        record.version = (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM audit") ?? 0) + 1
        return try insert(record)
    }
}
