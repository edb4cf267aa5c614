public import Foundation

/// The school's choice about one installed plugin: enabled or not, its configuration, and
/// the version and content hash it was enabled at. Audited: its history is the plugin's.
public struct PluginSetting: Codable, Hashable, Sendable {
    public var id: Int64?
    public var pluginID: String
    public var enabled: Bool
    /// The configuration as JSON, every field checked against the schema.
    public var config: String
    public var version: String
    public var hash: String
    /// Why the plugin is disabled, when the journal disabled it (repeated failures).
    public var disabledReason: String?
    public var changedAt: Timestamp

    public init(
        id: Int64? = nil, pluginID: String, enabled: Bool, config: String, version: String, hash: String,
        disabledReason: String? = nil, changedAt: Timestamp
    ) {
        self.id = id
        self.pluginID = pluginID
        self.enabled = enabled
        self.config = config
        self.version = version
        self.hash = hash
        self.disabledReason = disabledReason
        self.changedAt = changedAt
    }
}

/// A plugin's flag on a student, in a subject or in general ("риск неаттестации"): shown to
/// the student's teachers and class teacher in the journal.
public struct StudentFlag: Codable, Hashable, Sendable {
    public var id: Int64?
    public var pluginID: String
    public var pluginVersion: String
    public var studentID: StudentID
    public var subjectID: SubjectID?
    public var text: String
    public var raisedAt: Timestamp

    public init(
        id: Int64? = nil, pluginID: String, pluginVersion: String, studentID: StudentID, subjectID: SubjectID?,
        text: String, raisedAt: Timestamp
    ) {
        self.id = id
        self.pluginID = pluginID
        self.pluginVersion = pluginVersion
        self.studentID = studentID
        self.subjectID = subjectID
        self.text = text
        self.raisedAt = raisedAt
    }
}

/// A message or a task a plugin gives a member of staff; shown on their home page until done.
public struct StaffTask: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case notice, task
    }

    public var id: Int64?
    public var pluginID: String
    public var pluginVersion: String
    public var kind: Kind
    public var staffID: StaffID
    public var studentID: StudentID?
    public var text: String
    public var due: LocalDate?
    public var createdAt: Timestamp
    public var doneAt: Timestamp?

    public init(
        id: Int64? = nil, pluginID: String, pluginVersion: String, kind: Kind, staffID: StaffID,
        studentID: StudentID?, text: String, due: LocalDate?, createdAt: Timestamp, doneAt: Timestamp? = nil
    ) {
        self.id = id
        self.pluginID = pluginID
        self.pluginVersion = pluginVersion
        self.kind = kind
        self.staffID = staffID
        self.studentID = studentID
        self.text = text
        self.due = due
        self.createdAt = createdAt
        self.doneAt = doneAt
    }
}

/// The rows of a report a plugin made for a period ("monthly-attendance", "2026-11").
public struct PluginReport: Codable, Hashable, Sendable {
    public var id: Int64?
    public var pluginID: String
    public var pluginVersion: String
    public var report: String
    public var period: String
    public var title: String
    /// The columns' titles, as a JSON list of strings.
    public var columns: String
    /// The rows, as a JSON list of lists of strings.
    public var rows: String
    public var madeAt: Timestamp

    public init(
        id: Int64? = nil, pluginID: String, pluginVersion: String, report: String, period: String, title: String,
        columns: String, rows: String, madeAt: Timestamp
    ) {
        self.id = id
        self.pluginID = pluginID
        self.pluginVersion = pluginVersion
        self.report = report
        self.period = period
        self.title = title
        self.columns = columns
        self.rows = rows
        self.madeAt = madeAt
    }

    public var columnTitles: [String] {
        (try? JSONDecoder().decode([String].self, from: Data(columns.utf8))) ?? []
    }

    public var cells: [[String]] { (try? JSONDecoder().decode([[String]].self, from: Data(rows.utf8))) ?? [] }
}

/// One call of a plugin's handler, or one failure: the plugin's run log.
public struct PluginRun: Codable, Hashable, Sendable {
    public enum Outcome: String, Codable, Sendable, Hashable {
        case ok, failed, budget
    }

    public var id: Int64?
    public var pluginID: String
    public var version: String
    /// The event handled, or for calls that changed nothing, the last of them.
    public var eventID: Int64
    public var eventKind: String
    /// How many calls the row stands for: one, or the calls of a batch that returned no
    /// effects, kept as one row.
    public var calls: Int
    public var at: Timestamp
    /// Their time, and the most instructions one of them used.
    public var micros: Int
    public var instructions: Int
    public var outcome: Outcome
    public var effects: Int
    public var message: String?

    public init(
        id: Int64? = nil, pluginID: String, version: String, eventID: Int64, eventKind: String, calls: Int = 1,
        at: Timestamp, micros: Int, instructions: Int, outcome: Outcome, effects: Int, message: String? = nil
    ) {
        self.id = id
        self.pluginID = pluginID
        self.version = version
        self.eventID = eventID
        self.eventKind = eventKind
        self.calls = calls
        self.at = at
        self.micros = micros
        self.instructions = instructions
        self.outcome = outcome
        self.effects = effects
        self.message = message
    }
}

/// A version of a plugin's files the school has run: kept like the rules' versions.
public struct PluginVersion: Codable, Hashable, Sendable {
    public var pluginID: String
    public var version: String
    public var hash: String
    /// The files as JSON: path → text.
    public var files: String
    public var firstSeenAt: Timestamp

    public init(pluginID: String, version: String, hash: String, files: String, firstSeenAt: Timestamp) {
        self.pluginID = pluginID
        self.version = version
        self.hash = hash
        self.files = files
        self.firstSeenAt = firstSeenAt
    }
}
