import Foundation
import JournalModel
import JournalPlugins
import JournalService

/// An installed plugin in the list: its state and its run counts.
struct PluginSummaryJSON: Encodable {
    var id: String
    var title: PluginText?
    var version: String?
    var state: PluginStatus.State
    var refusal: String?
    var enabled: Bool
    var disabledReason: String?
    var order: Int?
    var runs: Int
    var failedRuns: Int
    var failuresInARow: Int
    var peakInstructions: Int
    var instructionBudget: Int
    var waiting: Int?

    init(_ status: PluginStatus) {
        id = status.id
        title = status.title
        version = status.version
        state = status.state
        refusal = status.refusal
        enabled = status.enabled
        disabledReason = status.disabledReason
        order = status.order
        runs = status.runs
        failedRuns = status.failedRuns
        failuresInARow = status.failuresInARow
        peakInstructions = status.peakInstructions
        instructionBudget = status.instructionBudget
        waiting = status.waiting
    }
}

struct PluginsJSON: Encodable {
    var plugins: [PluginSummaryJSON]
}

/// One setting of a plugin: its schema and its value.
struct PluginConfigFieldJSON: Encodable {
    var name: String
    var kind: String
    var title: PluginText
    var minimum: Double?
    var maximum: Double?
    var values: [String]?
    var maxLength: Int?
    var defaultValue: PluginConfigValue
    var value: PluginConfigValue

    enum CodingKeys: String, CodingKey {
        case name, kind, title, minimum, maximum, values, maxLength
        case defaultValue = "default"
        case value
    }

    init(_ field: PluginConfigField, value: PluginConfigValue) {
        name = field.name
        kind = field.kind.rawValue
        title = field.title
        minimum = field.minimum
        maximum = field.maximum
        values = field.kind == .enum ? field.values : nil
        maxLength = field.kind == .string ? field.maximumLength : nil
        defaultValue = field.defaultValue
        self.value = value
    }
}

/// One call of a plugin's handler.
struct PluginRunJSON: Encodable {
    var at: Date
    var version: String
    var eventID: Int64
    var event: String
    var outcome: PluginRun.Outcome
    var micros: Int
    var instructions: Int
    var effects: Int
    var message: String?

    init(_ run: PluginRun) {
        at = run.at
        version = run.version
        eventID = run.eventID
        event = run.eventKind
        outcome = run.outcome
        micros = run.micros
        instructions = run.instructions
        effects = run.effects
        message = run.message
    }
}

/// A plugin with its description, rights, settings and last runs.
struct PluginJSON: Encodable {
    var plugin: PluginSummaryJSON
    var description: PluginText?
    var hash: String?
    var events: [PluginEventKind]
    var capabilities: [PluginCapability]
    var config: [PluginConfigFieldJSON]
    var recentRuns: [PluginRunJSON]
    var lastError: PluginRunJSON?

    init(_ status: PluginStatus) {
        plugin = PluginSummaryJSON(status)
        description = status.description
        hash = status.hash
        events = status.events
        capabilities = status.capabilities
        config = status.config.map { PluginConfigFieldJSON($0.field, value: $0.value) }
        recentRuns = status.recentRuns.map(PluginRunJSON.init)
        lastError = status.lastError.map(PluginRunJSON.init)
    }
}

struct PluginHistoryJSON: Encodable {
    struct Entry: Encodable {
        var at: Date
        var actor: String
        var what: String
    }

    var entries: [Entry]
}

/// A report a plugin made; with its table when asked for one report.
struct ReportJSON: Encodable {
    var id: Int64
    var pluginID: String
    var pluginVersion: String
    var report: String
    var period: String
    var title: String
    var madeAt: Date
    var columns: [String]?
    var rows: [[String]]?

    init(_ report: PluginReport, table: Bool) {
        id = report.id ?? 0
        pluginID = report.pluginID
        pluginVersion = report.pluginVersion
        self.report = report.report
        period = report.period
        title = report.title
        madeAt = report.madeAt
        if table {
            columns = report.columnTitles
            rows = report.cells
        }
    }
}

struct ReportsJSON: Encodable {
    var reports: [ReportJSON]
}

/// A task or notice from a plugin to the caller.
struct TaskJSON: Encodable {
    var id: Int64
    var kind: StaffTask.Kind
    var text: String
    var studentID: Int64?
    var studentName: String?
    var due: LocalDate?
    var pluginID: String
    var pluginTitle: PluginText?
    var createdAt: Date

    init(_ item: StaffTaskItem) {
        id = item.task.id ?? 0
        kind = item.task.kind
        text = item.task.text
        studentID = item.task.studentID?.rawValue
        studentName = item.studentName
        due = item.task.due
        pluginID = item.task.pluginID
        pluginTitle = item.pluginTitle
        createdAt = item.task.createdAt
    }
}

struct TasksJSON: Encodable {
    var tasks: [TaskJSON]
}
