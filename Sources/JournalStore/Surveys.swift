public import Foundation
public import GRDB
public import JournalModel

/// A survey's definition and state are journal data: every change is audited.
extension Survey: AuditedRecord, VersionedRecord {
    public static let databaseTableName = "survey"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = SurveyID(inserted.rowID) }
}

/// The tables of a survey's audience and ballots. They are written without audit entries on
/// purpose: an audit entry names its actor, and a ballot linked to its author would break the
/// anonymity the survey promises. What is audited is the survey itself (made, launched,
/// closed); who has answered lives in `surveyParticipation`, apart from what was answered.
extension Migrations {
    static func surveys(_ db: Database) throws {
        try db.create(table: "survey") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("title", .text).notNull()
            t.column("source", .text).notNull()
            t.column("template", .text)
            t.column("status", .text).notNull()
            t.column("privacy", .text).notNull()
            t.column("ballotUnit", .text).notNull()
            t.column("minimumGroup", .integer).notNull()
            t.column("opens", .text).notNull()
            t.column("closes", .text).notNull()
            t.column("retentionDays", .integer).notNull()
            t.column("createdBy", .integer).references("account")
            t.column("createdAt", .datetime).notNull()
            t.column("launchedAt", .datetime)
            t.column("closedAt", .datetime)
            t.column("snapshot", .text)
            t.column("answersDeletedAt", .datetime)
            t.column("reminderDays", .text).notNull()
            t.column("remindersSent", .text).notNull()
            t.column("version", .integer).notNull()
        }
        try db.create(table: "surveyUnit", options: .withoutRowID) { t in
            t.column("surveyID", .integer).notNull().references("survey")
            t.column("key", .text).notNull()
            t.column("classID", .integer).references("schoolClass")
            t.column("className", .text)
            t.column("grade", .integer)
            t.column("label", .text).notNull()
            t.column("isPaper", .boolean).notNull()
            t.primaryKey(["surveyID", "key"])
        }
        try db.create(table: "surveyRespondent", options: .withoutRowID) { t in
            t.column("surveyID", .integer).notNull().references("survey")
            t.column("owner", .text).notNull()
            t.column("unitKey", .text).notNull()
            t.primaryKey(["surveyID", "owner", "unitKey"])
        }
        // A respondent's home page asks for their units in every survey.
        try db.create(index: "surveyRespondent_owner", on: "surveyRespondent", columns: ["owner"])
        // Who has answered, by unit; in anonymous surveys by a keyed hash of the unit.
        try db.create(table: "surveyParticipation", options: .withoutRowID) { t in
            t.column("surveyID", .integer).notNull().references("survey")
            t.column("unit", .text).notNull()
            t.column("day", .text).notNull()
            t.column("isPaper", .boolean).notNull()
            t.primaryKey(["surveyID", "unit"])
        }
        // Keyed by a random id, so the order of rows says nothing of who answered when.
        try db.create(table: "surveyBallot", options: .withoutRowID) { t in
            t.primaryKey("id", .text)
            t.column("surveyID", .integer).notNull().references("survey")
            t.column("unitKey", .text)
            t.column("respondent", .text)
            t.column("classID", .integer).references("schoolClass")
            t.column("grade", .integer)
            t.column("day", .text).notNull()
            t.column("isPaper", .boolean).notNull()
            t.column("answers", .text).notNull()
            t.column("receiptHash", .text).unique()
        }
        try db.create(index: "surveyBallot_survey", on: "surveyBallot", columns: ["surveyID"])
        // The key of an anonymous survey's participation hashes, destroyed at the close.
        try db.create(table: "surveyKey") { t in
            t.primaryKey("surveyID", .integer).references("survey")
            t.column("secret", .blob).notNull()
        }
    }
}

extension SurveyUnit: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "surveyUnit"
}

extension SurveyRespondent: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "surveyRespondent"
}

extension SurveyBallot: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "surveyBallot"
}

/// Whether (and how) a unit has answered.
public struct SurveyParticipation: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "surveyParticipation"
    public var surveyID: SurveyID
    /// The unit's key, or in anonymous surveys its keyed hash.
    public var unit: String
    public var day: LocalDate
    public var isPaper: Bool

    public init(surveyID: SurveyID, unit: String, day: LocalDate, isPaper: Bool) {
        self.surveyID = surveyID
        self.unit = unit
        self.day = day
        self.isPaper = isPaper
    }
}

/// What casting a ballot found, for the service to explain a refusal.
public enum BallotOutcome: Sendable, Equatable {
    case cast
    case replaced
    case alreadyAnswered
    case unknownReceipt
    case closed
}

extension StoreReader {
    public func surveys() throws -> [Survey] { try Survey.order(Column("id").desc).fetchAll(db) }

    public func survey(_ id: SurveyID) throws -> Survey? { try row(Survey.self, id: id.rawValue) }

    /// Launched surveys whose last day was before `today`: due to close.
    public func surveysToClose(today: LocalDate) throws -> [Survey] {
        try Survey.filter(Column("status") == SurveyStatus.launched.rawValue && Column("closes") < today).fetchAll(db)
    }

    /// Closed surveys that still keep their raw answers and whose retention has run out by
    /// `now`: due to delete them. Read without their scripts and results.
    public func surveysToPurge(now: Date) throws -> [SurveyID] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, closedAt, retentionDays FROM survey
                WHERE status = ? AND answersDeletedAt IS NULL AND closedAt IS NOT NULL
                """, arguments: [SurveyStatus.closed.rawValue])
        return rows.compactMap { row in
            guard let closedAt = row["closedAt"] as Date?, let days = row["retentionDays"] as Int?,
                now.timeIntervalSince(closedAt) > Double(days) * 86_400
            else { return nil }
            return SurveyID(row["id"] as Int64)
        }
    }

    public func surveyUnits(_ survey: SurveyID) throws -> [SurveyUnit] {
        try SurveyUnit.filter(Column("surveyID") == survey).order(Column("key")).fetchAll(db)
    }

    public func surveyUnit(_ survey: SurveyID, key: String) throws -> SurveyUnit? {
        try SurveyUnit.filter(Column("surveyID") == survey && Column("key") == key).fetchOne(db)
    }

    /// The units `owner` (`representative:9`) answers for in each launched survey, by survey.
    public func surveyUnits(owner: String) throws -> [SurveyID: [SurveyUnit]] {
        let units = try SurveyUnit.fetchAll(
            db,
            sql: """
                SELECT u.* FROM surveyUnit u JOIN surveyRespondent r ON r.surveyID = u.surveyID AND r.unitKey = u.key
                WHERE r.owner = ? ORDER BY u.surveyID, u.key
                """, arguments: [owner])
        return Dictionary(grouping: units, by: \.surveyID)
    }

    public func surveyRespondents(_ survey: SurveyID) throws -> [SurveyRespondent] {
        try SurveyRespondent.filter(Column("surveyID") == survey).fetchAll(db)
    }

    public func surveyParticipation(_ survey: SurveyID) throws -> [SurveyParticipation] {
        try SurveyParticipation.filter(Column("surveyID") == survey).fetchAll(db)
    }

    public func hasParticipated(_ survey: SurveyID, unit: String) throws -> Bool {
        try SurveyParticipation.filter(Column("surveyID") == survey && Column("unit") == unit).fetchCount(db) > 0
    }

    /// The survey's ballots in the order of their random ids.
    public func surveyBallots(_ survey: SurveyID) throws -> [SurveyBallot] {
        try SurveyBallot.filter(Column("surveyID") == survey).order(Column("id")).fetchAll(db)
    }

    public func surveyBallot(_ survey: SurveyID, unitKey: String) throws -> SurveyBallot? {
        try SurveyBallot.filter(Column("surveyID") == survey && Column("unitKey") == unitKey).fetchOne(db)
    }

    public func surveyBallot(_ survey: SurveyID, receiptHash: String) throws -> SurveyBallot? {
        try SurveyBallot.filter(Column("surveyID") == survey && Column("receiptHash") == receiptHash).fetchOne(db)
    }

    public func surveyBallotCount(_ survey: SurveyID) throws -> Int {
        try SurveyBallot.filter(Column("surveyID") == survey).fetchCount(db)
    }

    /// The key of an anonymous survey's participation hashes; nil once it is destroyed.
    public func surveySecret(_ survey: SurveyID) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT secret FROM surveyKey WHERE surveyID = ?", arguments: [survey])
    }
}

extension StoreReader {
    /// Every row of every table as text, column by column: for the tests that prove what the
    /// database does not hold (an anonymous ballot linked to its author).
    public func everyRow() throws -> [(table: String, row: [String: String])] {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        var rows: [(String, [String: String])] = []
        for table in tables {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)") {
                var values: [String: String] = [:]
                for (column, value) in row {
                    switch value.storage {
                    case .null: continue
                    case .int64(let number): values[column] = String(number)
                    case .double(let number): values[column] = String(number)
                    case .string(let text): values[column] = text
                    case .blob(let data): values[column] = data.base64EncodedString()
                    }
                }
                rows.append((table, values))
            }
        }
        return rows
    }
}

extension AuditedWriter {
    /// Freezes a launched survey's audience: its units, who answers for each and, for an
    /// anonymous survey, the key of its participation hashes.
    public func freezeAudience(
        _ survey: SurveyID, units: [SurveyUnit], respondents: [SurveyRespondent], secret: Data?
    ) throws {
        for unit in units { try unit.insert(db) }
        for respondent in respondents { try respondent.insert(db) }
        if let secret {
            try db.execute(sql: "INSERT INTO surveyKey (surveyID, secret) VALUES (?, ?)", arguments: [survey, secret])
        }
    }

    /// Destroys an anonymous survey's participation key: after the close nobody can test
    /// whether a given person answered.
    public func destroySurveySecret(_ survey: SurveyID) throws {
        try db.execute(sql: "DELETE FROM surveyKey WHERE surveyID = ?", arguments: [survey])
    }

    /// Deletes a survey's raw answers (retention); who answered goes with them.
    public func deleteSurveyAnswers(_ survey: SurveyID) throws {
        try db.execute(sql: "DELETE FROM surveyBallot WHERE surveyID = ?", arguments: [survey])
        try db.execute(sql: "DELETE FROM surveyParticipation WHERE surveyID = ?", arguments: [survey])
    }
}

extension JournalDatabase {
    /// Casts a ballot: records that `unit` has answered and stores the ballot, both or
    /// neither. `replacing` names the ballot a respondent changes (a named ballot by its
    /// unit, a confidential one by its receipt's hash); without it, a unit that has answered
    /// is refused.
    public func castBallot(
        _ ballot: SurveyBallot, participation: SurveyParticipation, replacing: SurveyBallotReference?
    ) async throws -> BallotOutcome {
        try await sessionWriter.write { db in
            let reader = StoreReader(db)
            // The survey may have closed since the caller looked: its results are counted.
            guard let survey = try reader.survey(ballot.surveyID), survey.status == .launched,
                ballot.day <= survey.closes
            else { return .closed }
            let answered = try reader.hasParticipated(participation.surveyID, unit: participation.unit)
            guard let replacing else {
                if answered { return .alreadyAnswered }
                try participation.insert(db)
                try ballot.insert(db)
                return .cast
            }
            let old: SurveyBallot?
            switch replacing {
            case .unit(let key): old = try reader.surveyBallot(ballot.surveyID, unitKey: key)
            case .receipt(let hash): old = try reader.surveyBallot(ballot.surveyID, receiptHash: hash)
            }
            guard answered, let old else { return .unknownReceipt }
            var replaced = ballot
            replaced.id = old.id
            try replaced.update(db)
            return .replaced
        }
    }
}

/// Which stored ballot a respondent changes.
public enum SurveyBallotReference: Sendable, Hashable {
    case unit(String)
    case receipt(String)
}
