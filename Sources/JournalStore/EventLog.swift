public import Foundation
public import GRDB
public import JournalModel

// The journal's event log is its audit log: every committed change, with the row before and
// after, is written there in the change's own transaction (DESIGN.md, "Events and effects").
// A consumer — delivery today, plugins later — reads the entries after its position and
// moves the position forward in the same transaction as whatever it made of them, so a crash
// loses nothing and nothing is made twice.

extension StoreReader {
    /// The audit entries after `position`, oldest first, at most `limit`, of the `entities` asked for.
    public func events(after position: Int64, entities: Set<String>, limit: Int) throws -> [AuditEntry] {
        let marks = entities.map { _ in "?" }.joined(separator: ",")
        var arguments: [any DatabaseValueConvertible] = [position]
        arguments += entities.sorted()
        arguments.append(limit)
        return try AuditEntry.fetchAll(
            db, sql: "SELECT * FROM audit WHERE id > ? AND entity IN (\(marks)) ORDER BY id LIMIT ?",
            arguments: StatementArguments(arguments))
    }

    /// Where `consumer` has read the log up to; nil before its first run.
    public func consumerPosition(_ consumer: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT position FROM consumerPosition WHERE consumer = ?", arguments: [consumer])
    }
}

extension JournalDatabase {
    /// Queues `messages` and moves `consumer` to `position`, in one transaction. A message
    /// whose representative, class and source were queued before is left out: a consumer that
    /// reads the same entries again after a crash queues nothing twice. Returns how many were new.
    @discardableResult
    public func enqueue(_ messages: [OutboxMessage], consumer: String, position: Int64?) async throws -> Int {
        let now = self.now()
        return try await writer.write { db in
            var added = 0
            for message in messages {
                var message = message
                try message.insert(db, onConflict: .ignore)
                if db.changesCount > 0 { added += 1 }
            }
            if let position { try db.moveConsumer(consumer, to: position, at: now) }
            return added
        }
    }

    /// Claims messages about to be sent until `until`, provided nobody changed or claimed them
    /// since they were read: false when another process has them. A claim that ends without
    /// an outcome (a crash) returns them to the queue.
    public func claim(_ messages: [OutboxMessage], until: Date) async throws -> Bool {
        do {
            try await writer.write { db in
                for message in messages {
                    try db.execute(
                        sql: """
                            UPDATE outboxMessage SET dueAt = ?
                            WHERE id = ? AND dueAt = ? AND status IN ('queued', 'failed')
                            """, arguments: [until, message.id, message.dueAt])
                    guard db.changesCount == 1 else { throw ClaimLost() }
                }
            }
            return true
        } catch is ClaimLost {
            return false
        }
    }

    /// Records the outcome of sending messages: each row as given (status, attempts, reply, time).
    public func recordDelivery(_ messages: [OutboxMessage]) async throws {
        try await writer.write { db in
            for message in messages { try message.update(db) }
        }
    }
}

extension StoreReader {
    /// Email messages whose moment has come: queued, or failed and due for another attempt.
    public func dueMessages(at now: Date, limit: Int) throws -> [OutboxMessage] {
        try OutboxMessage.fetchAll(
            db,
            sql: """
                SELECT * FROM outboxMessage WHERE status IN ('queued', 'failed') AND channel = 'email' AND dueAt <= ?
                ORDER BY representativeID, id LIMIT ?
                """, arguments: [now, limit])
    }

    /// The messages of some representatives, newest first: their delivery log.
    public func outbox(representatives ids: [RepresentativeID], limit: Int, onlyProblems: Bool = false) throws
        -> [OutboxMessage]
    {
        guard !ids.isEmpty else { return [] }
        var request = OutboxMessage.filter(ids.map(\.rawValue).contains(Column("representativeID")))
        if onlyProblems { request = request.filter(["failed", "given_up"].contains(Column("status"))) }
        return try request.order(Column("id").desc).limit(limit).fetchAll(db)
    }

    /// The diary's notices of a representative's children: what was delivered to the diary.
    public func outbox(students ids: [StudentID], classes: Set<String>, limit: Int) throws -> [OutboxMessage] {
        guard !ids.isEmpty else { return [] }
        return try OutboxMessage.filter(ids.map(\.rawValue).contains(Column("studentID")))
            .filter(classes.contains(Column("messageClass")))
            .order(Column("id").desc).limit(limit).fetchAll(db)
    }

    public func contacts(representatives ids: [RepresentativeID]) throws -> [Contact] {
        guard !ids.isEmpty else { return [] }
        return try Contact.filter(ids.map(\.rawValue).contains(Column("representativeID")))
            .order(Column("representativeID"), Column("kind"), Column("validFrom"), Column("id")).fetchAll(db)
    }

    public func contact(_ id: Int64) throws -> Contact? { try row(Contact.self, id: id) }

    public func deliveryPreferences(representatives ids: [RepresentativeID]) throws -> [DeliveryPreference] {
        guard !ids.isEmpty else { return [] }
        return try DeliveryPreference.filter(ids.map(\.rawValue).contains(Column("representativeID")))
            .order(Column("representativeID"), Column("messageClass")).fetchAll(db)
    }

    public func allContacts() throws -> [Contact] { try Contact.order(Column("id")).fetchAll(db) }

    public func allDeliveryPreferences() throws -> [DeliveryPreference] {
        try DeliveryPreference.order(Column("id")).fetchAll(db)
    }
}

extension Contact: AuditedRecord {
    public static let databaseTableName = "contact"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension DeliveryPreference: AuditedRecord {
    public static let databaseTableName = "deliveryPreference"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Outbox rows are not journal data: their changes are the delivery log itself, not audited.
extension OutboxMessage: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outboxMessage"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StoreReader {
    /// The accounts of a representative (normally one).
    public func accounts(representative id: RepresentativeID) throws -> [Account] {
        try Account.filter(Column("representativeID") == id.rawValue).order(Column("id")).fetchAll(db)
    }
}

extension StoreReader {
    /// One student's marks of the five-point scale in works of the days, for the bench.
    public func weekMarks(student id: StudentID, range: DateRange) throws -> [Mark] {
        try Mark.fetchAll(
            db,
            sql: """
                SELECT mark.* FROM mark JOIN work ON work.id = mark.workID
                WHERE mark.studentID = ? AND work.date BETWEEN ? AND ? AND mark.value IN ('2', '3', '4', '5') ORDER BY mark.id
                """, arguments: [id, range.start, range.end])
    }
}

/// Another process claimed a message first; the whole claim is rolled back.
struct ClaimLost: Error {}
