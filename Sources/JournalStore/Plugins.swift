public import Foundation
public import GRDB
public import JournalModel

/// A plugin's setting and its effects on the school (flags, tasks, reports) are journal data,
/// written through the audited path with the plugin and its version as the actor. Its run
/// log and the versions of its files are the journal's own bookkeeping.
extension PluginSetting: AuditedRecord {
    public static let databaseTableName = "pluginSetting"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StudentFlag: AuditedRecord {
    public static let databaseTableName = "studentFlag"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension StaffTask: AuditedRecord {
    public static let databaseTableName = "staffTask"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension PluginReport: AuditedRecord {
    public static let databaseTableName = "pluginReport"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PluginRun: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "pluginRun"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PluginVersion: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "pluginVersion"
}

extension Migrations {
    static func plugins(_ db: Database) throws {
        try db.create(table: "pluginSetting") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("pluginID", .text).notNull().unique()
            t.column("enabled", .boolean).notNull()
            t.column("config", .text).notNull()
            t.column("version", .text).notNull()
            t.column("hash", .text).notNull()
            t.column("disabledReason", .text)
            t.column("capabilities", .text).notNull()
            t.column("changedAt", .datetime).notNull()
        }
        try db.create(table: "studentFlag") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("pluginID", .text).notNull()
            t.column("pluginVersion", .text).notNull()
            t.column("studentID", .integer).notNull().indexed().references("student")
            t.column("subjectID", .integer).references("subject")
            t.column("text", .text).notNull()
            t.column("raisedAt", .datetime).notNull()
        }
        // One flag per plugin, student and subject (or none).
        try db.execute(
            sql: "CREATE UNIQUE INDEX studentFlag_unique ON studentFlag(pluginID, studentID, ifnull(subjectID, 0))")
        try db.create(table: "staffTask") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("pluginID", .text).notNull()
            t.column("pluginVersion", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("staffID", .integer).notNull().indexed().references("staff")
            t.column("studentID", .integer).references("student")
            t.column("text", .text).notNull()
            t.column("due", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("doneAt", .datetime)
        }
        try db.create(table: "pluginReport") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("pluginID", .text).notNull()
            t.column("pluginVersion", .text).notNull()
            t.column("report", .text).notNull()
            t.column("period", .text).notNull()
            t.column("title", .text).notNull()
            t.column("columns", .text).notNull()
            t.column("rows", .text).notNull()
            t.column("madeAt", .datetime).notNull()
            t.uniqueKey(["pluginID", "report", "period"])
        }
        try db.create(table: "pluginRun") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("pluginID", .text).notNull()
            t.column("version", .text).notNull()
            t.column("eventID", .integer).notNull()
            t.column("eventKind", .text).notNull()
            t.column("calls", .integer).notNull()
            t.column("at", .datetime).notNull()
            t.column("micros", .integer).notNull()
            t.column("instructions", .integer).notNull()
            t.column("outcome", .text).notNull()
            t.column("effects", .integer).notNull()
            t.column("message", .text)
        }
        try db.create(index: "pluginRun_plugin", on: "pluginRun", columns: ["pluginID", "id"])
        try db.create(table: "pluginVersion", options: .withoutRowID) { t in
            t.column("pluginID", .text).notNull()
            t.column("version", .text).notNull()
            t.column("hash", .text).notNull()
            t.column("files", .text).notNull()
            t.column("firstSeenAt", .datetime).notNull()
            t.primaryKey(["pluginID", "hash"])
        }
    }
}

extension StoreReader {
    public func pluginSettings() throws -> [PluginSetting] {
        try PluginSetting.order(Column("pluginID")).fetchAll(db)
    }

    public func pluginSetting(_ pluginID: String) throws -> PluginSetting? {
        try PluginSetting.filter(Column("pluginID") == pluginID).fetchOne(db)
    }

    /// The latest runs of a plugin, newest first.
    public func pluginRuns(_ pluginID: String, limit: Int) throws -> [PluginRun] {
        try PluginRun.filter(Column("pluginID") == pluginID).order(Column("id").desc).limit(limit).fetchAll(db)
    }

    /// How many times the plugin failed on one event (or, for event 0, outside any event)
    /// since `since` (when it was last enabled): a failed event blocks its consumer, so these
    /// are failures in a row whatever else the plugin did meanwhile.
    public func pluginFailures(_ pluginID: String, event: Int64, kind: String, since: Date) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM pluginRun WHERE pluginID = ? AND outcome != 'ok' AND eventID = ? AND eventKind = ?
                AND at >= ?
                """, arguments: [pluginID, event, kind, since]) ?? 0
    }

    /// Runs, failures and the most instructions one call used, over the plugin's last runs.
    public func pluginRunTotals(_ pluginID: String, last: Int = 1000) throws -> (
        runs: Int, failed: Int, maxInstructions: Int, totalMicros: Int
    ) {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT SUM(calls) AS runs, SUM(outcome != 'ok') AS failed, MAX(instructions) AS peak, SUM(micros) AS micros
                FROM (SELECT * FROM pluginRun WHERE pluginID = ? ORDER BY id DESC LIMIT ?)
                """, arguments: [pluginID, last])
        return (row?["runs"] ?? 0, row?["failed"] ?? 0, row?["peak"] ?? 0, row?["micros"] ?? 0)
    }

    public func pluginVersions(_ pluginID: String) throws -> [PluginVersion] {
        try PluginVersion.filter(Column("pluginID") == pluginID).order(Column("firstSeenAt").desc).fetchAll(db)
    }

    /// The flags on some students, by student.
    public func studentFlags(students ids: [StudentID]) throws -> [StudentFlag] {
        guard !ids.isEmpty else { return [] }
        return try StudentFlag.filter(ids.map(\.rawValue).contains(Column("studentID"))).order(Column("id"))
            .fetchAll(db)
    }

    public func studentFlag(plugin: String, student: StudentID, subject: SubjectID?) throws -> StudentFlag? {
        try StudentFlag.fetchOne(
            try db.cachedStatement(
                sql: "SELECT * FROM studentFlag WHERE pluginID = ? AND studentID = ? AND ifnull(subjectID, 0) = ?"),
            arguments: [plugin, student.rawValue, subject?.rawValue ?? 0])
    }

    /// A member of staff's open tasks and notices, newest first.
    public func staffTasks(staff id: StaffID, includeDone: Bool = false, limit: Int = 100) throws -> [StaffTask] {
        var request = StaffTask.filter(Column("staffID") == id.rawValue)
        if !includeDone { request = request.filter(Column("doneAt") == nil) }
        return try request.order(Column("id").desc).limit(limit).fetchAll(db)
    }

    public func staffTask(_ id: Int64) throws -> StaffTask? { try row(StaffTask.self, id: id) }

    public func pluginReports() throws -> [PluginReport] {
        try PluginReport.order(Column("madeAt").desc, Column("id").desc).fetchAll(db)
    }

    public func pluginReport(_ id: Int64) throws -> PluginReport? { try row(PluginReport.self, id: id) }

    public func pluginReport(plugin: String, report: String, period: String) throws -> PluginReport? {
        try PluginReport.filter(
            Column("pluginID") == plugin && Column("report") == report && Column("period") == period
        )
        .fetchOne(db)
    }
}

extension Database {
    /// Moves a consumer of the event log to `position` (never back), in the caller's transaction.
    public func moveConsumer(_ consumer: String, to position: Int64, at now: Date) throws {
        try execute(
            sql: """
                INSERT INTO consumerPosition (consumer, position, updatedAt) VALUES (?, ?, ?)
                ON CONFLICT(consumer) DO UPDATE
                SET position = max(position, excluded.position), updatedAt = excluded.updatedAt
                """, arguments: [consumer, position, now])
    }
}
