import Foundation
public import JournalModel
public import LuaRuntime

/// How the school informs families (R12–R14, R18, R19), from `notifications.lua`: the classes
/// of messages with their default channel and frequency, which of them are mandatory, their
/// texts, the hour of the daily digest, the day of the weekly one, and on which days the
/// forecast of a period goes out — a Lua function of the period.
public struct Notifications: Sendable {
    /// The fields each message class offers its templates. The core fills them; a template
    /// naming any other field is refused when the rules are checked.
    public static let fields: [String: [String]] = [
        "marks": ["child", "subject", "mark", "work", "weight", "date", "teacher", "change"],
        "absences": ["child", "subject", "date", "lesson", "code", "code_title"],
        "homework": ["child", "subject", "date", "text"],
        "timetable": ["child", "date", "text"],
        "forecast": ["child", "subject", "period", "forecast", "average", "count", "how"],
        "final_results": ["child", "subject", "period", "mark"],
        "exam_results": ["child", "subject", "exam", "score", "mark"],
        "surveys": ["child", "survey", "closes"],
        "plugins": ["child", "plugin", "text"],
    ]

    /// The classes the regulation makes mandatory: R13 (forecast), R14 (final and exam results).
    public static let mandatoryClasses: Set<String> = ["forecast", "final_results", "exam_results"]

    public struct MessageClass: Sendable, Hashable, Identifiable {
        public var id: String
        public var title: String
        /// Never switched off: the family chooses email or paper, not the diary alone.
        public var isMandatory: Bool
        public var channel: DeliveryChannel
        public var frequency: DeliveryFrequency
        public var subject: Template
        public var text: Template
    }

    /// A text with `{field}` placeholders.
    public struct Template: Sendable, Hashable {
        public var source: String

        /// The names between braces, in order.
        public var fields: [String] {
            var names: [String] = []
            var rest = source[...]
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                names.append(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            return names
        }

        /// The text with each placeholder replaced, in one pass: a value that itself holds
        /// braces (a work titled «{teacher}») is not read again.
        public func render(_ values: [String: String]) -> String {
            var text = ""
            var rest = source[...]
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                text += rest[..<open]
                text += values[String(rest[rest.index(after: open)..<close])] ?? ""
                rest = rest[rest.index(after: close)...]
            }
            return text + rest
        }
    }

    /// Message classes by id, in the order of their ids.
    public let classes: [MessageClass]
    /// The hour (school time) daily digests go out.
    public let digestHour: Int
    /// The weekday (1 Monday … 7 Sunday) of weekly digests and the paper sheet.
    public let weeklyDay: Int
    let script: LuaScript?

    public var file: String { script?.name ?? "notifications.lua" }

    public func messageClass(_ id: String) -> MessageClass? { classes.first { $0.id == id } }

    /// Without the file: every class in the diary only, the mandatory ones by email, no forecast dates.
    public static let none = Notifications(
        classes: fields.keys.sorted().map { id in
            let mandatory = mandatoryClasses.contains(id)
            return MessageClass(
                id: id, title: id, isMandatory: mandatory, channel: mandatory ? .email : .diary,
                frequency: mandatory ? .immediate : .daily,
                subject: Template(source: fields[id]!.contains("subject") ? "{child}: {subject}" : "{child}"),
                text: Template(source: fields[id]!.map { "{\($0)}" }.joined(separator: ", ")))
        }, digestHour: 19, weeklyDay: 5, script: nil)

    static func parse(_ value: LuaValue, file: RuleFile, script: LuaScript) throws -> Notifications {
        let root = try RuleTable(value, file: file)
        let known = ["kind", "classes", "digest_hour", "weekly_day", "forecast_dates", "tests"]
        for key in root.fields.keys where !known.contains(key) {
            throw root.error(
                key, .init("rules.notifications.1", ["v1": key, "v2": known.dropFirst().joined(separator: ", ")]))
        }
        let hour = try root.optionalNumber("digest_hour") ?? 19
        guard (0...23).contains(hour), hour.rounded() == hour else {
            throw root.error("digest_hour", .init("rules.notifications.2", ["v1": "digest_hour"]))
        }
        let weekday = try root.optionalNumber("weekly_day") ?? 5
        guard (1...7).contains(weekday), weekday.rounded() == weekday else {
            throw root.error("weekly_day", .init("rules.notifications.3", ["v1": "weekly_day"]))
        }
        guard root.isFunction("forecast_dates") else {
            throw root.error("forecast_dates", .init("rules.notifications.4", ["v1": "forecast_dates"]))
        }
        let table = try root.table("classes")
        var classes: [MessageClass] = []
        for id in table.fields.keys.sorted() {
            guard let fields = Self.fields[id] else {
                throw table.error(
                    id,
                    .init("rules.notifications.5", ["v1": id, "v2": Self.fields.keys.sorted().joined(separator: ", ")]))
            }
            let entry = try RuleTable(table.fields[id]!, file: file, path: "classes.\(id)")
            let mandatory = try entry.bool("mandatory", default: false)
            if Self.mandatoryClasses.contains(id), !mandatory {
                throw entry.error("mandatory", .init("rules.notifications.6", ["v1": id]))
            }
            let channel = try enumeration(entry, "channel", DeliveryChannel.self)
            if mandatory, channel == .diary {
                throw entry.error("channel", .init("rules.notifications.7", ["v1": entry.name("channel")]))
            }
            let frequency = try enumeration(entry, "frequency", DeliveryFrequency.self)
            var templates: [Template] = []
            for key in ["subject", "text"] {
                let template = Template(source: try entry.string(key))
                for name in template.fields where !fields.contains(name) {
                    throw entry.error(
                        key,
                        .init(
                            "rules.notifications.8",
                            ["v1": entry.name(key), "v2": name, "v3": fields.joined(separator: ", ")]))
                }
                templates.append(template)
            }
            classes.append(
                MessageClass(
                    id: id, title: try entry.string("title"), isMandatory: mandatory, channel: channel,
                    frequency: frequency, subject: templates[0], text: templates[1]))
        }
        for id in mandatoryClasses.sorted() where !classes.contains(where: { $0.id == id }) {
            throw table.error("classes", .init("rules.notifications.9", ["v1": id]))
        }
        return Notifications(classes: classes, digestHour: Int(hour), weeklyDay: Int(weekday), script: script)
    }

    private static func enumeration<Value: RawRepresentable & CaseIterable>(
        _ entry: RuleTable, _ key: String, _ type: Value.Type
    ) throws -> Value where Value.RawValue == String {
        let name = try entry.string(key)
        guard let value = Value(rawValue: name) else {
            throw entry.error(
                key,
                .init(
                    "rules.notifications.10",
                    ["v1": entry.name(key), "v2": name, "v3": Value.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        return value
    }
}

extension RuleEvaluator {
    /// The days the forecast of a period goes out: `forecast_dates(period)`, sorted, within the period.
    public func forecastDates(starts: LocalDate, ends: LocalDate, title: String) throws -> [LocalDate] {
        guard let script = rules.notifications.script else { return [] }
        try rules.breaker.check(script.name, version: rules.version)
        let period: LuaValue = .map([
            "starts": .string(starts.description), "ends": .string(ends.description), "title": .string(title),
        ])
        let result: LuaValue
        do {
            result = try state.call(script, path: ["forecast_dates"], [period], limits: rules.callLimits)
        } catch let error as LuaError {
            if error.isLimit { rules.breaker.recordLimit() }
            throw RulesError(error)
        }
        guard let values = result.arrayValue else {
            throw RulesError(file: script.name, .init("rules.notifications.11", ["v1": result.json]))
        }
        var days: [LocalDate] = []
        for value in values {
            guard let text = value.stringValue, let day = LocalDate(text) else {
                throw RulesError(file: script.name, .init("rules.notifications.11", ["v1": result.json]))
            }
            days.append(day)
        }
        return Array(Set(days)).sorted()
    }

    /// Runs the `tests` of `notifications.lua`: a period and the forecast days it `expect`s, or
    /// a class's template, the fields and the subject or text it must give.
    func runNotificationTests() throws {
        guard let script = rules.notifications.script, let (tests, file) = try testsOf(script) else { return }
        var failures: [RulesError] = []
        for (index, test) in tests.enumerated() {
            let line = file.line(ofEntry: index, in: "tests")
            func fail(_ expected: String, _ got: String) {
                failures.append(
                    RulesError(
                        file: script.name, line: line,
                        .init("rules.notifications.12", ["n": String(index + 1), "v1": expected, "v2": got])))
            }
            if let period = test["forecast_dates"].mapValue {
                guard let starts = period["starts"]?.stringValue.flatMap(LocalDate.init),
                    let ends = period["ends"]?.stringValue.flatMap(LocalDate.init)
                else {
                    fail("forecast_dates = { starts = \"YYYY-MM-DD\", ends = \"YYYY-MM-DD\" }", test.json)
                    continue
                }
                do {
                    let days = try forecastDates(
                        starts: starts, ends: ends, title: period["title"]?.stringValue ?? "")
                    let expected = (test["expect"].arrayValue ?? []).compactMap(\.stringValue)
                    if days.map(\.description) != expected {
                        fail(expected.joined(separator: ", "), days.map(\.description).joined(separator: ", "))
                    }
                } catch let error as RulesError {
                    failures.append(
                        RulesError(
                            file: script.name, line: error.line ?? line,
                            message: "test \(index + 1): \(error.message)", luaKind: error.luaKind))
                }
            } else if let id = test["template"].stringValue {
                guard let messageClass = rules.notifications.messageClass(id) else {
                    fail(rules.notifications.classes.map(\.id).joined(separator: ", "), id)
                    continue
                }
                let values = (test["fields"].mapValue ?? [:]).compactMapValues { $0.stringValue }
                if let expected = test["expect_subject"].stringValue {
                    let got = messageClass.subject.render(values)
                    if got != expected { fail(expected, got) }
                }
                if let expected = test["expect_text"].stringValue {
                    let got = messageClass.text.render(values)
                    if got != expected { fail(expected, got) }
                }
            } else {
                fail("forecast_dates = { … } / template = \"…\"", test.json)
            }
        }
        if !failures.isEmpty { throw RulesFailure(failures) }
    }
}
