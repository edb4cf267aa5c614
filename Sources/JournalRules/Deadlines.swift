public import JournalModel
public import LuaRuntime

/// The journal-keeping duties of a school's regulation and their deadlines (R14–R17), from
/// `deadlines.lua`: for each duty what it applies to, when it is due — a Lua function of the
/// facts of one lesson, work or result — and, optionally, which items owe it at all. A school
/// without the file has no duties.
public struct Deadlines: Sendable {
    /// What a duty is about.
    public enum Subject: String, Sendable, Hashable, CaseIterable, Codable {
        /// A held lesson's record: its topic and absent students, saved together.
        case lessonRecord = "lesson_record"
        case homework
        /// The marks of a work for every student present.
        case workMarks = "work_marks"
        /// Exam results published to the family.
        case examResults = "exam_results"
    }

    public struct Duty: Sendable, Hashable, Identifiable, Codable {
        public var id: String
        public var title: String
        /// Where the regulation sets it: «п. 3.5».
        public var clause: String
        public var appliesTo: Subject
        /// Minutes after the deadline an entry still counts as on time.
        public var graceMinutes: Int
        /// Whether `applies(item)` decides which items owe the duty.
        public var isConditional: Bool
        /// Days after the deadline when the item's entries lock, until a holder of
        /// `journal.unlock` opens them; nil (the default): a late entry is taken and flagged.
        public var lockAfterDays: Int?
        /// How much a miss weighs for the school: `low`, `normal` (the default) or `high`.
        public var severity: Severity
    }

    public enum Severity: String, Sendable, Hashable, CaseIterable, Codable {
        case low, normal, high
    }

    /// Duties by id, in the order of their ids.
    public let duties: [Duty]
    let script: LuaScript?

    public static let none = Deadlines(duties: [], script: nil)

    public var file: String { script?.name ?? "deadlines.lua" }

    public func duties(for subject: Subject) -> [Duty] { duties.filter { $0.appliesTo == subject } }

    static func parse(_ value: LuaValue, file: RuleFile, script: LuaScript) throws -> Deadlines {
        let root = try RuleTable(value, file: file)
        for key in root.fields.keys where !["kind", "duties", "tests"].contains(key) {
            throw root.error(key, .init("rules.deadlines.1", ["v1": key]))
        }
        let table = try root.table("duties")
        var duties: [Duty] = []
        for id in table.fields.keys.sorted() {
            let entry = try RuleTable(table.fields[id]!, file: file, path: "duties.\(id)")
            let subjectName = try entry.string("applies_to")
            guard let subject = Subject(rawValue: subjectName) else {
                throw entry.error(
                    "applies_to",
                    .init(
                        "rules.deadlines.2",
                        ["v1": subjectName, "v2": Subject.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            guard entry.isFunction("due") else {
                throw entry.error("due", .init("rules.deadlines.3", ["v1": entry.name("due")]))
            }
            if entry.has("applies"), !entry.isFunction("applies") {
                throw entry.error("applies", .init("rules.deadlines.3", ["v1": entry.name("applies")]))
            }
            let grace = try entry.optionalNumber("grace_minutes") ?? 0
            guard grace >= 0, grace <= 7 * 24 * 60, grace.rounded() == grace else {
                throw entry.error("grace_minutes", .init("rules.deadlines.4", ["v1": entry.name("grace_minutes")]))
            }
            let lock = try entry.optionalNumber("lock_after")
            if let lock, !(1...365).contains(lock) || lock.rounded() != lock {
                throw entry.error("lock_after", .init("rules.deadlines.11", ["v1": entry.name("lock_after")]))
            }
            let severityName = try entry.optionalString("severity") ?? Severity.normal.rawValue
            guard let severity = Severity(rawValue: severityName) else {
                throw entry.error(
                    "severity",
                    .init(
                        "rules.deadlines.12",
                        ["v1": severityName, "v2": Severity.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            duties.append(
                Duty(
                    id: id, title: try entry.string("title"), clause: try entry.string("clause"), appliesTo: subject,
                    graceMinutes: Int(grace), isConditional: entry.isFunction("applies"),
                    lockAfterDays: lock.map(Int.init), severity: severity))
        }
        return Deadlines(duties: duties, script: script)
    }
}

/// A moment in the school's local time: a deadline as the rules give it.
public struct LocalMoment: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var date: LocalDate
    public var time: LocalTime

    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// `2026-11-20 16:05`.
    public init?(_ text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let date = LocalDate(String(parts[0])), let time = LocalTime(String(parts[1])),
            parts[1].count == 5
        else { return nil }
        self.init(date: date, time: time)
    }

    public var description: String { "\(date) \(time)" }

    public static func < (lhs: LocalMoment, rhs: LocalMoment) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let moment = LocalMoment(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not YYYY-MM-DD HH:MM")
        }
        self = moment
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension RuleEvaluator {
    /// Whether an item owes the duty: `applies(item)`, or always when the duty has none.
    public func applies(_ duty: Deadlines.Duty, _ item: [String: LuaValue]) throws -> Bool {
        guard duty.isConditional else { return true }
        let result = try callDuty(duty, "applies", item)
        guard let owed = result.boolValue else {
            throw RulesError(
                file: rules.deadlines.file,
                .init("rules.deadlines.5", ["v1": "duties.\(duty.id).applies", "v2": result.json]))
        }
        return owed
    }

    /// When the duty is due for an item: `due(item)` as `YYYY-MM-DD HH:MM` in the school's time.
    public func due(_ duty: Deadlines.Duty, _ item: [String: LuaValue]) throws -> LocalMoment {
        let result = try callDuty(duty, "due", item)
        guard let text = result.stringValue, let moment = LocalMoment(text) else {
            throw RulesError(
                file: rules.deadlines.file,
                .init("rules.deadlines.6", ["v1": "duties.\(duty.id).due", "v2": result.json]))
        }
        return moment
    }

    private func callDuty(_ duty: Deadlines.Duty, _ function: String, _ item: [String: LuaValue]) throws -> LuaValue {
        guard let script = rules.deadlines.script else {
            throw RulesError(file: rules.deadlines.file, .init("rules.deadlines.7", ["v1": duty.id]))
        }
        try rules.breaker.check(script.name, version: rules.version)
        do {
            return try state.call(
                script, path: ["duties", duty.id, function], [.map(item)], limits: rules.callLimits)
        } catch let error as LuaError {
            if error.isLimit { rules.breaker.recordLimit() }
            throw RulesError(error)
        }
    }

    /// Runs the `tests` of `deadlines.lua`: each gives a duty and an item, and the deadline it
    /// `expect`s or whether it `expect_applies`.
    func runDeadlineTests() throws {
        guard let script = rules.deadlines.script, let (tests, file) = try testsOf(script) else { return }
        var failures: [RulesError] = []
        for (index, test) in tests.enumerated() {
            func failure(_ message: JournalError.Message) -> RulesError {
                var message = message
                message.values["n"] = String(index + 1)
                return RulesError(file: script.name, line: file.line(ofEntry: index, in: "tests"), message)
            }
            guard let id = test["duty"].stringValue, let duty = rules.deadlines.duties.first(where: { $0.id == id })
            else {
                failures.append(failure(.init("rules.deadlines.8", ["v1": test["duty"].json])))
                continue
            }
            let item = test["item"].mapValue ?? [:]
            do {
                let owed = try applies(duty, item)
                if let expected = test["expect_applies"].boolValue {
                    if owed != expected {
                        failures.append(
                            failure(.init("rules.deadlines.9", ["v1": id, "v2": "\(expected)", "v3": "\(owed)"])))
                    }
                    continue
                }
                guard owed else {
                    failures.append(failure(.init("rules.deadlines.9", ["v1": id, "v2": "true", "v3": "false"])))
                    continue
                }
                let moment = try due(duty, item)
                if let expected = test["expect"].stringValue, moment.description != expected {
                    failures.append(
                        failure(.init("rules.deadlines.10", ["v1": id, "v2": expected, "v3": moment.description])))
                }
            } catch let error as RulesError {
                failures.append(
                    RulesError(
                        file: script.name, line: error.line ?? file.line(ofEntry: index, in: "tests"),
                        message: "test \(index + 1): \(error.message)", luaKind: error.luaKind))
                if state.isBroken || state.budget?.isSpent == true { break }
            }
        }
        if !failures.isEmpty { throw RulesFailure(failures) }
    }
}

extension RuleEvaluator {
    /// The `tests` a rule script carries, with the file to find each test's line in; nil
    /// when it carries none.
    func testsOf(_ script: LuaScript) throws -> (tests: [LuaValue], file: RuleFile)? {
        let module: LuaValue
        do {
            module = try state.module(script, limits: rules.limits)
        } catch let error as LuaError {
            throw RulesError(error)
        }
        guard let tests = module["tests"].arrayValue else { return nil }
        return (tests, RuleFile(path: script.name, source: script.source))
    }
}
