public import Foundation
public import GRDB
public import JournalModel
import Synchronization

/// The one way journal data is written. Each insert, update and delete made through it
/// writes an audit entry in the same transaction; ``AuditGuard`` rolls back any transaction
/// that changed a journal row without one.
public struct AuditedWriter {
    /// The connection, for reads inside the transaction. A write made directly through it
    /// leaves its row unaudited, and the whole transaction is rolled back at commit.
    public let db: Database
    public let actor: Actor
    public let reason: String?
    /// The time of the change, the same for every entry of the transaction.
    public let now: Date
    let auditGuard: AuditGuard

    /// A deadline outcome to record with the next entries (R15–R17): (rule, met).
    public var deadline: (rule: String, met: Bool)?

    @discardableResult
    public func insert<Record: AuditedRecord>(_ record: Record) throws -> Record {
        var record = record
        try record.insert(db)
        try log(.insert, record, before: nil, after: record)
        return record
    }

    /// Overwrites a row that is not edited concurrently.
    @discardableResult
    public func update<Record: AuditedRecord>(_ record: Record) throws -> Record {
        guard let rowID = record.rowID, let current = try StoreReader(db).row(Record.self, id: rowID) else {
            throw JournalError.notFound(entity: Record.databaseTableName, id: record.rowID.map(String.init) ?? "new")
        }
        try record.update(db)
        try log(.update, record, before: current, after: record)
        return record
    }

    /// Updates a versioned row if nobody changed it since `record.version` was read;
    /// otherwise refuses with the current value.
    @discardableResult
    public func update<Record: VersionedRecord>(_ record: Record) throws -> Record {
        let current = try currentVersion(of: record)
        var updated = record
        updated.version = current.version + 1
        try updated.update(db)
        try log(.update, updated, before: current, after: updated)
        return updated
    }

    public func delete<Record: AuditedRecord>(_ record: Record) throws {
        guard let rowID = record.rowID, let current = try StoreReader(db).row(Record.self, id: rowID) else {
            throw JournalError.notFound(entity: Record.databaseTableName, id: record.rowID.map(String.init) ?? "new")
        }
        if let versioned = record as? any VersionedRecord, let stored = current as? any VersionedRecord,
            versioned.version != stored.version
        {
            throw JournalError.conflict(
                entity: Record.databaseTableName, id: String(rowID), current: AuditJSON.text(current) ?? "?")
        }
        _ = try Record.deleteOne(db, key: rowID)
        try log(.delete, current, before: current, after: nil)
    }

    private func currentVersion<Record: VersionedRecord>(of record: Record) throws -> Record {
        guard let rowID = record.rowID, let current = try StoreReader(db).row(Record.self, id: rowID) else {
            throw JournalError.notFound(entity: Record.databaseTableName, id: record.rowID.map(String.init) ?? "new")
        }
        guard current.version == record.version else {
            throw JournalError.conflict(
                entity: Record.databaseTableName, id: String(rowID), current: AuditJSON.text(current) ?? "?")
        }
        return current
    }

    private func log<Record: AuditedRecord>(
        _ action: AuditEntry.Action, _ record: Record, before: Record?, after: Record?
    ) throws {
        guard let rowID = record.rowID else { return }
        auditGuard.markAudited(table: Record.databaseTableName, rowID: rowID)
        let scope = try (after ?? before ?? record).auditScope(db)
        let entry = AuditEntry(
            id: nil, at: now, actorAccountID: actor.accountID, actorName: actor.displayName,
            entity: Record.databaseTableName, entityID: rowID, studentID: scope.studentID,
            assignmentID: scope.assignmentID, action: action,
            before: before.flatMap(AuditJSON.text), after: after.flatMap(AuditJSON.text), reason: reason,
            deadlineMet: deadline?.met, deadline: deadline?.rule, via: actor.via)
        try entry.insert(db)
    }
}

/// JSON of a row for the audit log, with secrets left out.
enum AuditJSON {
    static func text<Record: Encodable>(_ record: Record) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard var data = try? encoder.encode(record) else { return nil }
        if record is Account, var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            object["passwordHash"] = "(hidden)"
            data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? data
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Watches every change to journal tables and refuses to commit a transaction in which a
/// changed row has no audit entry. It lives on the single writer connection, so its state
/// is only touched from that connection's queue.
final class AuditGuard: TransactionObserver, @unchecked Sendable {
    /// The tables whose every change must be audited.
    static let auditedTables = journalTables.union(DataCategories.tables.keys)

    private static let journalTables: Set<String> = [
        School.databaseTableName, AcademicYear.databaseTableName, SchoolClass.databaseTableName,
        Staff.databaseTableName, Student.databaseTableName, Representative.databaseTableName,
        StudentRepresentative.databaseTableName, Subject.databaseTableName, TeachingGroup.databaseTableName,
        GroupMember.databaseTableName, TeachingAssignment.databaseTableName, Bell.databaseTableName,
        TimetableEntry.databaseTableName, Lesson.databaseTableName, TimetableChange.databaseTableName,
        IndividualHomework.databaseTableName, Work.databaseTableName, Mark.databaseTableName,
        Attendance.databaseTableName, AttestationMark.databaseTableName, ExamResult.databaseTableName,
        Account.databaseTableName, AccountRole.databaseTableName, Ruleset.databaseTableName,
        StoredRuleFile.databaseTableName, RightsExtension.databaseTableName, CaseloadEntry.databaseTableName,
        SecurityNotice.databaseTableName, PeriodReopening.databaseTableName, EntryUnlock.databaseTableName,
        Contact.databaseTableName, DeliveryPreference.databaseTableName, PrintedSheet.databaseTableName,
        Survey.databaseTableName, PluginSetting.databaseTableName, StudentFlag.databaseTableName,
        StaffTask.databaseTableName, PluginReport.databaseTableName, EmergencyAccess.databaseTableName,
    ]

    private struct RowKey: Hashable {
        var table: String
        var rowID: Int64
    }

    private var changed: Set<RowKey> = []
    private var audited: Set<RowKey> = []
    /// Counts the transactions of this process that changed journal data: followers of the
    /// change feed learn from it that there is something to read without asking the database.
    let localCommits = Atomic<UInt64>(0)

    func markAudited(table: String, rowID: Int64) {
        audited.insert(RowKey(table: table, rowID: rowID))
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        Self.auditedTables.contains(eventKind.tableName)
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed.insert(RowKey(table: event.tableName, rowID: event.rowID))
    }

    func databaseWillCommit() throws {
        let unaudited = changed.subtracting(audited)
        guard unaudited.isEmpty else {
            let tables = Set(unaudited.map(\.table)).sorted().joined(separator: ", ")
            throw StoreError.unauditedWrite(tables: tables)
        }
    }

    func databaseDidCommit(_ db: Database) {
        if !changed.isEmpty { localCommits.add(1, ordering: .releasing) }
        reset()
    }
    func databaseDidRollback(_ db: Database) { reset() }

    private func reset() {
        changed.removeAll(keepingCapacity: true)
        audited.removeAll(keepingCapacity: true)
    }
}

public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// A transaction changed journal rows outside the audited path; it was rolled back.
    case unauditedWrite(tables: String)

    public var description: String {
        switch self {
        case .unauditedWrite(let tables):
            "refused: rows of \(tables) were changed without an audit record; the change was rolled back"
        }
    }
}
