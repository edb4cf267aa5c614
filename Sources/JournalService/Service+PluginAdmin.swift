public import Foundation
import JournalAccess
public import JournalModel
public import JournalPlugins
import JournalStore
import Localization
import LuaRuntime
import Spreadsheet
import Synchronization

/// An installed plugin as the administrator sees it.
public struct PluginStatus: Sendable {
    public enum State: String, Sendable, Codable {
        /// Loaded and pinned by the lock; enabled or not.
        case ready
        /// The files did not load, or differ from the lock, or sit in an ordering cycle.
        case refused
    }

    public var id: String
    public var title: PluginText?
    public var description: PluginText?
    public var version: String?
    public var hash: String?
    public var state: State
    /// Why the plugin cannot run (refused), in Russian.
    public var refusal: String?
    public var enabled: Bool
    /// Why the journal disabled it (repeated failures).
    public var disabledReason: String?
    public var events: [PluginEventKind]
    public var capabilities: [PluginCapability]
    public var config: [(field: PluginConfigField, value: PluginConfigValue)]
    /// Its place in the running order, from 1.
    public var order: Int?
    public var runs: Int
    public var failedRuns: Int
    /// Attempts at the last event that failed since the plugin was enabled; at
    /// ``JournalService/pluginFailureLimit`` the journal disables it.
    public var failuresInARow: Int
    /// The most instructions one call used, of the budget per call.
    public var peakInstructions: Int
    public var instructionBudget: Int
    public var recentRuns: [PluginRun]
    public var lastError: PluginRun?
    /// Events in the log after its position that it has not handled yet (when enabled).
    public var waiting: Int?
}

/// One change of a plugin's setting or one version of its files, newest first.
public struct PluginHistoryEntry: Sendable, Hashable {
    public var at: Date
    public var actor: String
    public var what: String
}

extension JournalService {
    private func requirePluginManager(_ caller: Caller) async throws {
        try await authorize(caller, .pluginsManage, .school)
    }

    /// Every installed plugin, runnable first in their order, then the refused ones.
    public func pluginStatuses(caller: Caller) async throws -> [PluginStatus] {
        try await requirePluginManager(caller)
        let catalog = plugins
        var statuses: [PluginStatus] = []
        for (index, plugin) in catalog.plugins.enumerated() {
            statuses.append(try await status(plugin, order: index + 1, runs: 10))
        }
        for refusal in catalog.refused {
            statuses.append(
                PluginStatus(
                    id: refusal.id, title: refusal.title, description: nil, version: refusal.version, hash: nil,
                    state: .refused, refusal: refusal.reason, enabled: false, disabledReason: nil, events: [],
                    capabilities: [], config: [], order: nil, runs: 0, failedRuns: 0, failuresInARow: 0,
                    peakInstructions: 0, instructionBudget: LoadedPlugin.handlerLimits.instructions, recentRuns: [],
                    lastError: nil, waiting: nil))
        }
        return statuses
    }

    /// One plugin with its last runs.
    public func pluginStatus(_ id: String, caller: Caller) async throws -> PluginStatus {
        try await requirePluginManager(caller)
        let catalog = plugins
        if let index = catalog.plugins.firstIndex(where: { $0.id == id }) {
            return try await status(catalog.plugins[index], order: index + 1, runs: 50)
        }
        guard let status = try await pluginStatuses(caller: caller).first(where: { $0.id == id }) else {
            throw JournalError.notFound(entity: "plugin", id: id)
        }
        return status
    }

    private func status(_ plugin: LoadedPlugin, order: Int, runs: Int) async throws -> PluginStatus {
        let (setting, totals, recent, lastError, inARow, waiting) = try await database.read { reader in
            let setting = try reader.pluginSetting(plugin.id)
            let recent = try reader.pluginRuns(plugin.id, limit: runs)
            let lastError = try reader.pluginRuns(plugin.id, limit: 200).first { $0.outcome != .ok }
            var waiting: Int?
            if setting?.enabled == true, let position = try reader.consumerPosition(Self.pluginConsumer(plugin.id)) {
                let entities = PluginEventTranslator.entities(for: plugin.manifest.events)
                waiting = try reader.events(after: position, entities: entities, limit: 10_000).count
            }
            // Attempts at the last event that failed since the plugin was enabled: what the
            // journal counts to disable it (a failed event blocks its consumer, so they are in a row).
            let inARow =
                try lastError.map { run in
                    try reader.pluginFailures(
                        plugin.id, event: run.eventID, kind: run.eventKind, since: setting?.changedAt ?? .distantPast)
                } ?? 0
            return (setting, try reader.pluginRunTotals(plugin.id), recent, lastError, inARow, waiting)
        }
        let values = PluginConfig.decode(json: setting?.config ?? "{}")
        let config = plugin.manifest.config.map { field in (field, values[field.name] ?? field.defaultValue) }
        return PluginStatus(
            id: plugin.id, title: plugin.manifest.title, description: plugin.manifest.description,
            version: plugin.manifest.version.description, hash: plugin.hash, state: .ready, refusal: nil,
            enabled: setting?.enabled ?? false, disabledReason: setting?.disabledReason,
            events: plugin.manifest.events, capabilities: plugin.manifest.capabilities, config: config, order: order,
            runs: totals.runs, failedRuns: totals.failed, failuresInARow: inARow,
            peakInstructions: totals.maxInstructions,
            instructionBudget: LoadedPlugin.handlerLimits.instructions, recentRuns: recent, lastError: lastError,
            waiting: waiting)
    }

    /// Enables or disables a plugin for the school. A plugin enabled for the first time, or
    /// again after the administrator disabled it, starts at the end of the log: it is not
    /// handed what happened while it was off. One the journal disabled after failures resumes
    /// at the event it failed on: its events waited for it.
    public func setPluginEnabled(_ id: String, _ enabled: Bool, caller: Caller) async throws {
        try await requirePluginManager(caller)
        guard enabled else {
            // Any plugin the school has a setting for can be disabled, even one whose files
            // are refused now: nothing of it runs until it is enabled again. One never
            // enabled is disabled already.
            let installed = plugins.plugin(id) != nil || plugins.refused.contains { $0.id == id }
            try await database.write(actor: caller.actor) { writer in
                guard var setting = try writer.reader.pluginSetting(id) else {
                    if installed { return }
                    throw JournalError.notFound(entity: "plugin", id: id)
                }
                guard setting.enabled || setting.disabledReason != nil else { return }
                setting.enabled = false
                setting.disabledReason = nil
                setting.changedAt = writer.now
                try writer.update(setting)
            }
            return
        }
        guard let plugin = plugins.plugin(id) else {
            if plugins.refused.contains(where: { $0.id == id }) {
                throw JournalError.refused(.init("plugin.enable.refused", ["plugin": id]))
            }
            throw JournalError.notFound(entity: "plugin", id: id)
        }
        if let never = plugin.manifest.capabilities.first(where: \.isNeverGranted) {
            throw JournalError.refused(.init("plugin.enable.never_granted", ["capability": never.rawValue]))
        }
        let today = try await today()
        let stored = try await database.read { try $0.pluginSetting(id) }
        let config: PluginConfig
        do {
            config = try await plugin.configuration(
                plugin.knownSettings(PluginConfig.decode(json: stored?.config ?? "{}")))
        } catch let problem as PluginConfigProblem {
            throw JournalError.invalid(
                field: problem.field.isEmpty ? "config" : problem.field, message: problem.message)
        }
        let granted = plugin.manifest.capabilities.map(\.rawValue).joined(separator: ",")
        try await database.write(actor: caller.actor) { writer in
            let now = writer.now
            let existing = try writer.reader.pluginSetting(id)
            // Disabled by the journal after failures, it resumes where it failed; enabled
            // after the administrator disabled it (or for the first time), it starts now.
            let resumes =
                existing?.disabledReason != nil
                && existing?.grantedCapabilities
                    == Set(
                        plugin.manifest.capabilities.map(\.rawValue))
            let position = try writer.reader.consumerPosition(Self.pluginConsumer(id))
            let ticks = try writer.reader.consumerPosition(Self.pluginTicksConsumer(id))
            if !resumes || position == nil {
                try writer.moveConsumer(Self.pluginConsumer(id), to: try writer.reader.latestChange())
            }
            if !resumes || ticks == nil {
                try writer.moveConsumer(Self.pluginTicksConsumer(id), to: Int64(today.dayNumber - 1))
            }
            if var setting = existing {
                guard !setting.enabled || setting.disabledReason != nil || setting.capabilities != granted else {
                    return
                }
                setting.enabled = true
                setting.disabledReason = nil
                setting.config = config.json
                setting.capabilities = granted
                setting.version = plugin.manifest.version.description
                setting.hash = plugin.hash
                setting.changedAt = now
                try writer.update(setting)
            } else {
                try writer.insert(
                    PluginSetting(
                        pluginID: id, enabled: true, config: config.json,
                        version: plugin.manifest.version.description, hash: plugin.hash, capabilities: granted,
                        changedAt: now))
            }
        }
    }

    /// Sets a plugin's configuration from a form: every field of the schema from its text
    /// (a missing field keeps its value), checked by the schema and the plugin's own check.
    /// With `checkboxes` (an HTML form, which sends no unticked checkbox) a missing boolean is
    /// false. Throws ``JournalError/invalid(field:message:)`` naming the first field refused.
    public func configurePlugin(_ id: String, form: [String: String], checkboxes: Bool = false, caller: Caller)
        async throws
    {
        try await requirePluginManager(caller)
        guard let plugin = plugins.plugin(id) else { throw JournalError.notFound(entity: "plugin", id: id) }
        for name in form.keys.sorted() where plugin.manifest.field(name) == nil {
            throw JournalError.invalid(
                field: name,
                message: .init(
                    "plugin.config.unknown",
                    ["field": name, "known": plugin.manifest.config.map(\.name).joined(separator: ", ")]))
        }
        let stored = try await database.read { try $0.pluginSetting(id) }
        var values = plugin.knownSettings(PluginConfig.decode(json: stored?.config ?? "{}"))
        for field in plugin.manifest.config {
            if let text = form[field.name] {
                do {
                    values[field.name] = try field.accept(text: text)
                } catch let problem as PluginConfigProblem {
                    throw JournalError.invalid(field: field.name, message: problem.message)
                }
            } else if field.kind == .boolean, checkboxes {
                // An unticked checkbox is not sent.
                values[field.name] = .boolean(false)
            }
        }
        let config: PluginConfig
        do {
            config = try await plugin.configuration(values)
        } catch let problem as PluginConfigProblem {
            throw JournalError.invalid(
                field: problem.field.isEmpty ? "config" : problem.field, message: problem.message)
        }
        try await database.write(actor: caller.actor) { writer in
            let now = writer.now
            if var setting = try writer.reader.pluginSetting(id) {
                guard setting.config != config.json else { return }
                setting.config = config.json
                setting.changedAt = now
                try writer.update(setting)
            } else {
                try writer.insert(
                    PluginSetting(
                        pluginID: id, enabled: false, config: config.json,
                        version: plugin.manifest.version.description, hash: plugin.hash, changedAt: now))
            }
        }
    }

    /// A plugin's history: each change of its setting (who enabled, configured or disabled
    /// it, and when) and each version of its files the school ran, newest first.
    public func pluginHistory(_ id: String, caller: Caller) async throws -> [PluginHistoryEntry] {
        try await requirePluginManager(caller)
        return try await database.read { reader in
            var entries: [PluginHistoryEntry] = []
            if let setting = try reader.pluginSetting(id) {
                for entry in try reader.auditEntries(entity: PluginSetting.databaseTableName, entityID: setting.id) {
                    let before = PluginEventTranslator.object(entry.before)
                    let after = PluginEventTranslator.object(entry.after)
                    var what: [String] = []
                    if before?["enabled"] as? Bool != after?["enabled"] as? Bool {
                        what.append(
                            Strings.text(
                                (after?["enabled"] as? Bool) == true
                                    ? "plugin.history.enabled" : "plugin.history.disabled", .ru))
                    }
                    if let reason = after?["disabledReason"] as? String, before?["disabledReason"] as? String != reason
                    {
                        what.append(reason)
                    }
                    if before?["config"] as? String != after?["config"] as? String {
                        what.append(
                            Strings.text("plugin.history.config", .ru, ["config": after?["config"] as? String ?? ""]))
                    }
                    if before != nil, before?["version"] as? String != after?["version"] as? String {
                        what.append(
                            Strings.text("plugin.history.version", .ru, ["version": after?["version"] as? String ?? ""])
                        )
                    }
                    entries.append(
                        PluginHistoryEntry(at: entry.at, actor: entry.actorName, what: what.joined(separator: "; ")))
                }
            }
            for version in try reader.pluginVersions(id) {
                entries.append(
                    PluginHistoryEntry(
                        at: version.firstSeenAt, actor: "plugins.lock",
                        what: Strings.text(
                            "plugin.history.installed", .ru,
                            ["version": version.version, "hash": String(version.hash.prefix(12))])))
            }
            return entries.sorted { $0.at > $1.at }
        }
    }

    // MARK: What plugins made

    /// The reports plugins made, newest first, for those who read reports.
    public func pluginReports(caller: Caller) async throws -> [PluginReport] {
        try await authorize(caller, .reportsView, .school)
        return try await database.read { try $0.pluginReports() }
    }

    public func pluginReport(_ id: Int64, caller: Caller) async throws -> PluginReport {
        try await authorize(caller, .reportsView, .school)
        guard let report = try await database.read({ try $0.pluginReport(id) }) else {
            throw JournalError.notFound(entity: "report", id: String(id))
        }
        return report
    }

    /// A report as CSV: the columns, then the rows; cells that a spreadsheet would run as a
    /// formula are kept as text (``CSVField/cell(_:)``).
    public func pluginReportCSV(_ id: Int64, caller: Caller) async throws -> String {
        let report = try await pluginReport(id, caller: caller)
        let lines = [report.columnTitles] + report.cells
        return lines.map { $0.map(CSVField.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The caller's open tasks and notices from plugins, newest first.
    public func myTasks(caller: Caller) async throws -> [StaffTask] {
        guard let staff = caller.subject?.staffID else { return [] }
        return try await database.read { try $0.staffTasks(staff: staff) }
    }

    /// Marks one of the caller's tasks or notices done; nobody else's.
    public func completeTask(_ id: Int64, caller: Caller) async throws {
        guard let staff = caller.subject?.staffID else { throw JournalError.notFound(entity: "task", id: String(id)) }
        try await database.write(actor: caller.actor) { writer in
            guard var task = try writer.reader.staffTask(id), task.staffID == staff else {
                throw JournalError.notFound(entity: "task", id: String(id))
            }
            guard task.doneAt == nil else { return }
            task.doneAt = writer.now
            try writer.update(task)
        }
    }

    /// The flags on students that plugins raised, for a page that already shows those
    /// students: per student, those of `subject` and those of no subject.
    public func studentFlags(_ students: [StudentID], subject: SubjectID?) async throws -> [StudentID: [StudentFlag]] {
        let flags = try await database.read { try $0.studentFlags(students: students) }
        return Dictionary(grouping: flags.filter { $0.subjectID == nil || subject == nil || $0.subjectID == subject }) {
            $0.studentID
        }
    }
}
