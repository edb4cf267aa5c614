import Foundation
import JournalModel
public import JournalPlugins
import JournalRules
import JournalStore
import Localization
import LuaRuntime
import Synchronization
import Workers

/// What one run of the plugins did.
public struct PluginsRunReport: Sendable, Hashable, Codable {
    /// Events handed to handlers, and how many of those calls succeeded.
    public var handled = 0
    public var effects = 0
    public var failures = 0
    /// Plugins the journal disabled in this run, after repeated failures.
    public var disabled: [String] = []
    /// Where the run's time went, in seconds: reading the log, the handlers (with the reads
    /// they make), writing the effects.
    public var readSeconds = 0.0
    public var handlerSeconds = 0.0
    public var applySeconds = 0.0

    public init() {}
}

extension JournalService {
    /// How many failed calls in a row disable a plugin.
    public static let pluginFailureLimit = 3
    /// Events read from the log per transaction of effects.
    static let pluginBatch = 500
    /// Runs kept per plugin in its run log.
    static let pluginRunsKept = 1000

    static func pluginConsumer(_ id: String) -> String { "plugin:\(id)" }
    static func pluginTicksConsumer(_ id: String) -> String { "plugin-ticks:\(id)" }

    /// The actor a plugin's effects are audited under: its id and version.
    static func pluginActor(_ plugin: LoadedPlugin) -> Actor {
        Actor(
            accountID: nil, displayName: "plugin:\(plugin.id)@\(plugin.manifest.version)",
            via: "plugin \(plugin.id) \(plugin.manifest.version)")
    }

    /// The installed plugins (`plugins/` as the server read it at start).
    public var plugins: PluginCatalog { pluginCatalog.withLock { $0 } }

    /// Installs the plugins the server runs, and keeps each version of their files seen (like
    /// the rules' versions). A plugin enabled at an earlier version moves to the locked one.
    public func installPlugins(_ catalog: PluginCatalog) async throws {
        pluginCatalog.withLock { $0 = catalog }
        let now = now()
        try await database.write(actor: .system("plugins")) { writer in
            for plugin in catalog.plugins {
                let files = PluginConfig.encodeJSON(plugin.package.files)
                try writer.record(
                    PluginVersion(
                        pluginID: plugin.id, version: plugin.manifest.version.description, hash: plugin.hash,
                        files: files, firstSeenAt: now))
                if var setting = try writer.reader.pluginSetting(plugin.id), setting.hash != plugin.hash {
                    setting.version = plugin.manifest.version.description
                    setting.hash = plugin.hash
                    setting.changedAt = now
                    // A version that asks for rights the administrator did not grant waits
                    // for them to enable it again.
                    let asked = Set(plugin.manifest.capabilities.map(\.rawValue))
                    let more = asked.subtracting(setting.grantedCapabilities)
                    if setting.enabled && !more.isEmpty {
                        setting.enabled = false
                        setting.disabledReason = Strings.text(
                            "plugin.disabled.more_rights", .ru,
                            ["version": setting.version, "capabilities": more.sorted().joined(separator: ", ")])
                    }
                    try writer.update(setting)
                }
            }
        }
    }

    // MARK: Running

    /// Hands each enabled plugin, in order, the events after its position in the log and the
    /// ticks of the school's clock; applies what each returns with its new position in one
    /// transaction. A failure leaves the event for the next run; repeated failures disable
    /// the plugin. The server runs it every few seconds; `journal plugins run` once.
    ///
    /// With a `budget`, each plugin stops taking new batches of the log once it has used it,
    /// and goes on at the next run: a backlog (an import of a term's marks) never keeps
    /// delivery, which the server runs after the plugins, waiting long.
    public func runPlugins(budget: Duration? = nil) async throws -> PluginsRunReport {
        var report = PluginsRunReport()
        let catalog = plugins
        guard !catalog.plugins.isEmpty else { return report }
        let settings = try await database.read { try $0.pluginSettings() }
        for plugin in catalog.plugins {
            guard let setting = settings.first(where: { $0.pluginID == plugin.id }), setting.enabled else { continue }
            try Task.checkCancellation()
            // Whatever goes wrong with one plugin is recorded against it; the next one runs.
            do {
                try await run(
                    plugin, setting: setting, until: budget.map { ContinuousClock.now + $0 }, into: &report)
            } catch let failure as PluginFailure {
                try await recordFailure(plugin, event: nil, failure, into: &report)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try await recordFailure(plugin, event: nil, PluginFailure(message: "\(error)"), into: &report)
            }
        }
        return report
    }

    private func run(
        _ plugin: LoadedPlugin, setting: PluginSetting, until deadline: ContinuousClock.Instant?,
        into report: inout PluginsRunReport
    ) async throws {
        let config: PluginConfig
        do {
            config = try await plugin.configuration(plugin.knownSettings(PluginConfig.decode(json: setting.config)))
        } catch let problem as PluginConfigProblem {
            throw PluginFailure(message: "config \(problem.field): \(problem.message.text(.ru))")
        }
        let rules = try await rules()
        let school = try await school()
        let consumer = Self.pluginConsumer(plugin.id)
        let entities = PluginEventTranslator.entities(for: plugin.manifest.events)
        // The log.
        while !entities.isEmpty {
            let reading = ContinuousClock.now
            let (position, events, last) = try await database.read { reader in
                let position = try reader.consumerPosition(consumer) ?? reader.latestChange()
                let entries = try reader.events(after: position, entities: entities, limit: Self.pluginBatch)
                let translator = PluginEventTranslator(
                    reader: reader, timeZone: school.timeZone, codes: rules.attendanceCodes)
                try translator.prefetch(entries)
                let events = try entries.map { entry in
                    (entry.id!, try translator.events(entry).filter { plugin.manifest.events.contains($0.kind) })
                }
                return (position, events, entries.last?.id)
            }
            report.readSeconds += (ContinuousClock.now - reading).seconds
            guard last != nil else { return try await runTicks(plugin, config: config, rules: rules, into: &report) }
            let done = try await deliver(
                events, to: plugin, config: config, rules: rules, consumer: consumer, from: position, into: &report)
            guard done else { return }
            if events.count < Self.pluginBatch { break }
            if let deadline, ContinuousClock.now > deadline { return }
        }
        try await runTicks(plugin, config: config, rules: rules, into: &report)
    }

    /// The daily and weekly ticks, and the periods' closing and closed, for each day since
    /// the plugin's last tick up to today.
    private func runTicks(
        _ plugin: LoadedPlugin, config: PluginConfig, rules: SchoolRules, into report: inout PluginsRunReport
    ) async throws {
        let kinds: Set<PluginEventKind> = [.tickDaily, .tickWeekly, .periodClosing, .periodClosed, .deadlineMissed]
        guard !kinds.isDisjoint(with: plugin.manifest.events) else { return }
        let today = try await today()
        let consumer = Self.pluginTicksConsumer(plugin.id)
        let done = try await database.read { try $0.consumerPosition(consumer) }
        // Days the plugin waited for (disabled by the journal) are all handed to it; a plugin
        // without a tick position starts today.
        var day = done.map { LocalDate(dayNumber: Int($0) + 1) } ?? today
        let periods = Set(rules.calendar.schemes.values.flatMap { $0 })
        let school = try await school()
        while day <= today {
            var events: [PluginEvent] = []
            let at =
                MomentClock(timeZone: school.timeZone).calendar.date(
                    from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 6)) ?? now()
            func tick(_ kind: PluginEventKind, _ fields: [String: LuaValue] = [:]) {
                guard plugin.manifest.events.contains(kind) else { return }
                events.append(PluginEvent(id: Int64(day.dayNumber), kind: kind, at: at, date: day, fields: fields))
            }
            tick(.tickDaily)
            if day.weekday == 1 { tick(.tickWeekly) }
            for period in periods.sorted(by: { ($0.range.end, $0.title) < ($1.range.end, $1.title) }) {
                let fields: [String: LuaValue] = [
                    "period": .string(period.key), "name": .string(period.title),
                    "ends": .string(period.range.end.description),
                ]
                if period.range.end.adding(days: -Self.periodClosingNotice) == day {
                    tick(
                        .periodClosing,
                        fields.merging(["days_left": .integer(Int64(Self.periodClosingNotice))]) { a, _ in a })
                }
                if period.range.end.adding(days: 1) == day { tick(.periodClosed, fields) }
            }
            if plugin.manifest.events.contains(.deadlineMissed) {
                for item in try await missedDeadlines(on: day.adding(days: -1)) {
                    tick(.deadlineMissed, item)
                }
            }
            let tickPosition = Int64(day.dayNumber)
            let done = try await deliver(
                [(tickPosition, events)], to: plugin, config: config, rules: rules, consumer: consumer,
                from: tickPosition - 1, into: &report)
            guard done else { return }
            day = day.adding(days: 1)
        }
    }

    /// The monitor's items whose deadline passed on `day` without an entry (R15–R17), as the
    /// fields of `deadline.missed`: told on the next day's tick.
    private func missedDeadlines(on day: LocalDate) async throws -> [[String: LuaValue]] {
        let report = try await compliance(
            ComplianceQuery(from: day.adding(days: -14), to: day), caller: .system("plugins"))
        return report.items.filter { $0.status == .missing && $0.due?.date == day }.map { item in
            var fields: [String: LuaValue] = [
                "duty": .string(item.duty), "teacher_name": .string(item.teacher),
                "subject_name": .string(item.subject),
                "group": .string(item.group), "item_date": .string(item.date.description),
            ]
            if let teacher = item.teacherID { fields["teacher"] = .integer(teacher.rawValue) }
            if let lesson = item.lessonID { fields["lesson"] = .integer(lesson.rawValue) }
            if let work = item.workID { fields["work"] = .integer(work.rawValue) }
            if let due = item.due { fields["due"] = .string(due.description) }
            return fields
        }
    }

    /// How many days before a period's end `period.closing` comes.
    public static let periodClosingNotice = 7

    /// Hands `batches` (a position and its events) to the plugin's handler in order; writes the
    /// effects and the position of the batches handled in one transaction. Returns false when
    /// a handler failed (the failed position and those after it wait).
    private func deliver(
        _ batches: [(position: Int64, events: [PluginEvent])], to plugin: LoadedPlugin, config: PluginConfig,
        rules: SchoolRules, consumer: String, from start: Int64, into report: inout PluginsRunReport
    ) async throws -> Bool {
        // Each event, with whether it is the last of its position (an entry of the log may
        // make several events; the position moves only when all of them are handled).
        var items: [(position: Int64, event: PluginEvent?, closes: Bool)] = []
        for (position, events) in batches {
            if events.isEmpty { items.append((position, nil, true)) }
            for (index, event) in events.enumerated() { items.append((position, event, index == events.count - 1)) }
        }
        let granted = Set(plugin.manifest.capabilities)
        let known = try await database.read { try $0.allStudentAndSubjectIDs() }
        let view = PluginSchoolView(database: database, rules: rules, day: try await today())
        var handled: [(event: PluginEvent, outcome: PluginOutcome)] = []
        var position = start
        // How many of `handled` belong to the positions done: only whole positions are
        // applied, so the events of a position whose later event failed (an entry or a day)
        // are handled again with it next time.
        var whole = 0
        var failure: (PluginEvent, PluginFailure)?
        var next = 0
        let handling = ContinuousClock.now
        while next < items.count && failure == nil {
            let first = next
            // A chunk of calls holds the plugin's state, and the rules' evaluator when the plugin
            // reads marks, for about 10 ms at most: others waiting for an evaluator (a teacher's
            // page) wait no longer than that and one call.
            let results = try await plugin.withHandler { handler in
                try await self.withEvaluatorIf(granted.contains(.marksRead), rules) { evaluator in
                    view.evaluator = evaluator
                    defer { view.evaluator = nil }
                    // One snapshot for the chunk: its reads see the journal as of one moment. It
                    // is a pooled reader, held on this worker thread, so requests never wait for it.
                    return try database.readOnWorker { reader in
                        view.snapshot = reader
                        defer { view.snapshot = nil }
                        let began = ContinuousClock.now
                        var results: [Result<PluginOutcome, PluginFailure>?] = []
                        for index in first..<items.count {
                            guard let event = items[index].event else {
                                results.append(nil)
                                continue
                            }
                            view.day = event.date
                            do {
                                let outcome = try handler.handle(event, config: config, school: view, granted: granted)
                                try Self.checkTargets(outcome.effects, known: known)
                                results.append(.success(outcome))
                            } catch let problem as PluginFailure {
                                results.append(.failure(problem))
                                break
                            }
                            if ContinuousClock.now - began > .milliseconds(10) { break }
                        }
                        return results
                    }
                }
            }
            for (offset, result) in results.enumerated() {
                let item = items[first + offset]
                switch result {
                case .none: break
                case .success(let outcome): handled.append((item.event!, outcome))
                case .failure(let problem): failure = (item.event!, problem)
                }
                if failure != nil { break }
                if item.closes {
                    position = item.position
                    whole = handled.count
                }
            }
            next = first + results.count
        }
        report.handlerSeconds += (ContinuousClock.now - handling).seconds
        handled.removeLast(handled.count - whole)
        if position > start || !handled.isEmpty {
            let applying = ContinuousClock.now
            defer { report.applySeconds += (ContinuousClock.now - applying).seconds }
            do {
                try await apply(handled, of: plugin, consumer: consumer, from: start, to: position)
            } catch is PluginRunSuperseded {
                return false
            }
            report.handled += handled.count
            report.effects += handled.reduce(0) { $0 + $1.outcome.effects.count }
        }
        if let (event, problem) = failure {
            try await recordFailure(plugin, event: event, problem, into: &report)
            return false
        }
        return true
    }

    static func micros(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1_000_000 + Int(duration.components.attoseconds / 1_000_000_000_000)
    }

    /// Runs `body` with one of the rules' evaluators held when `needed`, else without one.
    private func withEvaluatorIf<Result: Sendable>(
        _ needed: Bool, _ rules: SchoolRules, _ body: (RuleEvaluator?) throws -> Result
    ) async throws -> Result {
        guard needed else { return try await workers.plugins.run { try body(nil) } }
        return try await rules.withEvaluator { evaluator in try body(evaluator) }
    }

    /// Refuses effects about students or subjects that do not exist.
    static func checkTargets(_ effects: [PluginEffect], known: (students: Set<Int64>, subjects: Set<Int64>)) throws {
        for effect in effects {
            if let student = effect.student, !known.students.contains(student) {
                throw PluginFailure(
                    message: Strings.text("plugin.effect.unknown_student", .ru, ["student": String(student)]))
            }
            switch effect {
            case .flag(_, .some(let subject), _), .unflag(_, .some(let subject)):
                if !known.subjects.contains(subject) {
                    throw PluginFailure(
                        message: Strings.text("plugin.effect.unknown_subject", .ru, ["subject": String(subject)]))
                }
            default: break
            }
        }
    }

    /// Writes the effects of handled events, their runs and the plugin's new position in one
    /// audited transaction, under the plugin's name and version.
    private func apply(
        _ handled: [(event: PluginEvent, outcome: PluginOutcome)], of plugin: LoadedPlugin, consumer: String,
        from start: Int64, to position: Int64
    ) async throws {
        let rules = try await rules()
        let school = try await school()
        let version = plugin.manifest.version.description
        let title = plugin.manifest.title.ru
        let pluginID = plugin.id
        let allowed = try await roleRecipients(handled)
        try await database.write(actor: Self.pluginActor(plugin)) { writer in
            let now = writer.now
            var notices: [(student: StudentID, plugin: String, text: String, key: String)] = []
            var quiet = PluginRun(
                pluginID: pluginID, version: version, eventID: 0, eventKind: "", calls: 0, at: now, micros: 0,
                instructions: 0, outcome: .ok, effects: 0)
            guard try writer.reader.pluginSetting(pluginID)?.enabled == true,
                try writer.reader.consumerPosition(consumer) ?? start == start
            else {
                // Disabled meanwhile, or another runner got there first: nothing of this is kept.
                throw PluginRunSuperseded()
            }
            var ordinals: [String: Int] = [:]
            for (event, outcome) in handled {
                let base = "\(event.kind.rawValue):\(event.id)"
                let ordinal = ordinals[base, default: 0]
                ordinals[base] = ordinal + 1
                let eventKey = ordinal == 0 ? base : "\(base):\(ordinal)"
                for (index, effect) in outcome.effects.enumerated() {
                    switch effect {
                    case .notifyFamily(let student, let text):
                        notices.append((StudentID(student), title, text, "plugin:\(pluginID):\(eventKey):\(index)"))
                    case .notifyStaff(let target, let student, let text):
                        for staff in try self.staff(target, student: student, writer.reader, allowed: allowed) {
                            try writer.insert(
                                StaffTask(
                                    pluginID: pluginID, pluginVersion: version, kind: .notice, staffID: staff,
                                    studentID: student.map { StudentID($0) }, text: text, due: nil, createdAt: now))
                        }
                    case .task(let target, let student, let text, let due):
                        for staff in try self.staff(target, student: student, writer.reader, allowed: allowed) {
                            try writer.insert(
                                StaffTask(
                                    pluginID: pluginID, pluginVersion: version, kind: .task, staffID: staff,
                                    studentID: student.map { StudentID($0) }, text: text, due: due, createdAt: now))
                        }
                    case .flag(let student, let subject, let text):
                        if var flag = try writer.reader.studentFlag(
                            plugin: pluginID, student: StudentID(student), subject: subject.map { SubjectID($0) })
                        {
                            guard flag.text != text else { continue }
                            flag.text = text
                            flag.pluginVersion = version
                            try writer.update(flag)
                        } else {
                            try writer.insert(
                                StudentFlag(
                                    pluginID: pluginID, pluginVersion: version, studentID: StudentID(student),
                                    subjectID: subject.map { SubjectID($0) }, text: text, raisedAt: now))
                        }
                    case .unflag(let student, let subject):
                        if let flag = try writer.reader.studentFlag(
                            plugin: pluginID, student: StudentID(student), subject: subject.map { SubjectID($0) })
                        {
                            try writer.delete(flag)
                        }
                    case .report(let name, let reportTitle, let period, let columns, let rows):
                        let columnsJSON = PluginConfig.encodeJSON(columns)
                        let rowsJSON = PluginConfig.encodeJSON(rows)
                        if var existing = try writer.reader.pluginReport(plugin: pluginID, report: name, period: period)
                        {
                            existing.title = reportTitle
                            existing.columns = columnsJSON
                            existing.rows = rowsJSON
                            existing.pluginVersion = version
                            existing.madeAt = now
                            try writer.update(existing)
                        } else {
                            try writer.insert(
                                PluginReport(
                                    pluginID: pluginID, pluginVersion: version, report: name, period: period,
                                    title: reportTitle, columns: columnsJSON, rows: rowsJSON, madeAt: now))
                        }
                    }
                }
                let micros = Self.micros(outcome.duration)
                if outcome.effects.isEmpty {
                    quiet.calls += 1
                    quiet.micros += micros
                    quiet.instructions = max(quiet.instructions, outcome.instructions)
                    quiet.eventID = event.id
                    quiet.eventKind = event.kind.rawValue
                    continue
                }
                try writer.record(
                    PluginRun(
                        pluginID: pluginID, version: version, eventID: event.id, eventKind: event.kind.rawValue,
                        at: now, micros: micros, instructions: outcome.instructions, outcome: .ok,
                        effects: outcome.effects.count))
            }
            // The calls that changed nothing are kept as one row of the run log.
            if quiet.calls > 0 { try writer.record(quiet) }
            if !notices.isEmpty {
                guard rules.notifications.messageClass("plugins") != nil else {
                    throw PluginFailure(message: Strings.text("plugin.effect.no_message_class", .ru))
                }
                let messages = try DeliveryPlanner(reader: writer.reader, rules: rules, school: school, now: now)
                    .pluginMessages(notices)
                try writer.queue(messages)
            }
            try writer.moveConsumer(consumer, to: position)
            try writer.trimRuns(of: pluginID, keeping: Self.pluginRunsKept)
        }
    }

    /// The members of staff an effect goes to: the student's class teacher, the event's
    /// teacher, or every active account holding a role — of those, when the effect is about a
    /// student, only the ones whose rights let them see the student.
    func staff(
        _ target: PluginStaffTarget, student: Int64?, _ reader: StoreReader, allowed: [String: [StaffID]]
    ) throws -> [StaffID] {
        switch target {
        case .classTeacher:
            guard let student, let found = try reader.student(StudentID(student)),
                let teacher = try reader.schoolClass(found.classID)?.classTeacherID
            else { return [] }
            return [teacher]
        case .teacher(let id):
            return try reader.staff(StaffID(id)) == nil ? [] : [StaffID(id)]
        case .role(let role):
            guard let student else { return try reader.staff(holding: role) }
            return allowed["\(role):\(student)"] ?? []
        }
    }

    /// For each role and student the handled effects name together, the holders of the role
    /// whose rights let them see the student: decided before the effects' transaction.
    private func roleRecipients(_ handled: [(event: PluginEvent, outcome: PluginOutcome)]) async throws
        -> [String: [StaffID]]
    {
        var pairs: Set<String> = []
        var asked: [(role: String, student: Int64)] = []
        for effect in handled.flatMap(\.outcome.effects) {
            switch effect {
            case .notifyStaff(.role(let role), .some(let student), _), .task(.role(let role), .some(let student), _, _):
                if pairs.insert("\(role):\(student)").inserted { asked.append((role, student)) }
            default: break
            }
        }
        guard !asked.isEmpty else { return [:] }
        _ = try await accessPolicy()
        var allowed: [String: [StaffID]] = [:]
        for (role, student) in asked {
            let holders = try await database.read { try $0.staffAccounts(holding: role) }
            allowed["\(role):\(student)"] = try holders.filter { holder in
                try canNow(
                    account: holder.account.rawValue, capability: "students.view", reference: "student:\(student)")
            }.map(\.staff)
        }
        return allowed
    }

    /// Records a failed call against the plugin; the event waits. After
    /// ``pluginFailureLimit`` failures in a row the journal disables the plugin with the reason.
    private func recordFailure(
        _ plugin: LoadedPlugin, event: PluginEvent?, _ failure: PluginFailure, into report: inout PluginsRunReport
    ) async throws {
        report.failures += 1
        let now = now()
        let limit = Self.pluginFailureLimit
        let disabled = try await database.write(actor: .system("plugins")) { writer -> Bool in
            try writer.record(
                PluginRun(
                    pluginID: plugin.id, version: plugin.manifest.version.description, eventID: event?.id ?? 0,
                    eventKind: event?.kind.rawValue ?? "", at: now, micros: 0, instructions: failure.instructions,
                    outcome: failure.isBudget ? .budget : .failed, effects: 0,
                    message: String(failure.message.prefix(2000))))
            guard var setting = try writer.reader.pluginSetting(plugin.id), setting.enabled,
                try writer.reader.pluginFailures(
                    plugin.id, event: event?.id ?? 0, kind: event?.kind.rawValue ?? "", since: setting.changedAt)
                    >= limit
            else { return false }
            setting.enabled = false
            setting.disabledReason = Strings.text(
                "plugin.disabled.failures", .ru,
                ["count": String(limit), "message": String(failure.message.prefix(500))])
            setting.changedAt = now
            try writer.update(setting)
            return true
        }
        if disabled { report.disabled.append(plugin.id) }
    }
}

/// The plugin was disabled, or its position moved, while this run worked: its work is dropped.
struct PluginRunSuperseded: Error {}
