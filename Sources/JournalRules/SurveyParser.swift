import Foundation
import JournalModel
import LuaRuntime

/// Reads the table a survey script returns into a ``SurveyDefinition``, refusing what is
/// missing or out of range at the field's line.
struct SurveyParser {
    let file: RuleFile
    let value: LuaValue

    static let known: Set<String> = [
        "kind", "title", "description", "audience", "ballot", "privacy", "k", "opens", "closes", "reminders",
        "results", "retention_days", "questions", "derived", "tests", "show_functions",
    ]
    static let questionFields: Set<String> = [
        "id", "kind", "text", "hint", "required", "options", "statements", "min", "max", "labels", "show",
    ]

    func parse() throws -> SurveyDefinition {
        let root = try RuleTable(value, file: file)
        for key in root.fields.keys.sorted() where !Self.known.contains(key) {
            throw root.error(
                key,
                .init(
                    "survey.script.unknown_field",
                    [
                        "field": key,
                        "known": Self.known.subtracting(["kind", "show_functions"]).sorted().joined(separator: ", "),
                    ]
                ))
        }
        let title = try root.string("title").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            throw root.error("title", .init("survey.script.title"))
        }
        guard root.isFunction("audience") else { throw root.error("audience", .init("survey.script.audience")) }
        let ballot = try enumeration(root, "ballot", BallotUnit.self, default: .person)
        let privacy = try enumeration(root, "privacy", SurveyPrivacy.self, default: .anonymous)
        let k = try root.optionalNumber("k") ?? 5
        guard k.rounded() == k, (1...100).contains(k) else { throw root.error("k", .init("survey.script.k")) }
        let opens = try day(root, "opens")
        let closes = try day(root, "closes")
        guard opens <= closes else {
            throw root.error("closes", .init("survey.script.closes_before_opens", ["opens": opens.description]))
        }
        var reminders: [Int] = []
        if root.has("reminders") {
            for (index, entry) in try root.list("reminders").enumerated() {
                guard let days = entry.integerValue, (0...60).contains(days) else {
                    throw root.error("reminders", .init("survey.script.reminders", ["n": String(index + 1)]))
                }
                reminders.append(Int(days))
            }
        }
        var readers: [SurveyResultsReader] = []
        if root.has("results") {
            for name in try root.strings("results") {
                guard let reader = SurveyResultsReader(rawValue: name) else {
                    throw root.error(
                        "results",
                        .init(
                            "survey.script.results",
                            [
                                "value": name,
                                "known": SurveyResultsReader.allCases.map(\.rawValue).joined(separator: ", "),
                            ]
                        ))
                }
                readers.append(reader)
            }
        }
        let retention = try root.optionalNumber("retention_days") ?? 365
        guard retention.rounded() == retention, (1...3650).contains(retention) else {
            throw root.error("retention_days", .init("survey.script.retention"))
        }
        if root.has("derived"), !root.isFunction("derived") {
            throw root.error("derived", .init("survey.script.derived"))
        }
        let questions = try parseQuestions(root)
        return SurveyDefinition(
            title: title, description: try root.optionalString("description") ?? "", questions: questions,
            ballotUnit: ballot, privacy: privacy, minimumGroup: Int(k), opens: opens, closes: closes,
            reminderDays: Array(Set(reminders)).sorted(by: >), resultsReaders: readers, retentionDays: Int(retention),
            hasDerived: root.isFunction("derived"))
    }

    private func parseQuestions(_ root: RuleTable) throws -> [SurveyQuestion] {
        let entries = try root.list("questions")
        guard !entries.isEmpty, entries.count <= SurveyScript.maximumQuestions else {
            throw root.error(
                "questions", .init("survey.script.questions_count", ["max": String(SurveyScript.maximumQuestions)]))
        }
        var questions: [SurveyQuestion] = []
        var ids: Set<String> = []
        for (index, entry) in entries.enumerated() {
            let line = file.line(ofEntry: index, in: "questions")
            func refuse(_ key: String, _ values: [String: String] = [:]) -> RulesError {
                RulesError(
                    file: file.path, line: line, .init(key, values.merging(["n": String(index + 1)]) { $1 }))
            }
            let table = try RuleTable(entry, file: file, path: "questions[\(index + 1)]")
            for key in table.fields.keys.sorted() where !Self.questionFields.contains(key) {
                throw refuse(
                    "survey.script.question_field",
                    ["field": key, "known": Self.questionFields.sorted().joined(separator: ", ")])
            }
            guard let kindName = table.fields["kind"]?.stringValue, let kind = SurveyQuestionKind(rawValue: kindName)
            else {
                throw refuse(
                    "survey.script.question_kind",
                    ["known": SurveyQuestionKind.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            let id = table.fields["id"]?.stringValue ?? (kind == .info ? "info\(index + 1)" : "")
            guard id.range(of: #"^[a-z][a-z0-9_]{0,39}$"#, options: .regularExpression) != nil else {
                throw refuse("survey.script.question_id")
            }
            guard ids.insert(id).inserted else { throw refuse("survey.script.question_duplicate", ["id": id]) }
            guard let text = table.fields["text"]?.stringValue, !text.isEmpty, text.count <= 2000 else {
                throw refuse("survey.script.question_text")
            }
            let options = table.fields["options"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let statements = table.fields["statements"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let minimum = table.fields["min"]?.doubleValue
            let maximum = table.fields["max"]?.doubleValue
            if let minimum, let maximum, minimum > maximum {
                throw refuse("survey.script.question_range")
            }
            switch kind {
            case .single, .multiple, .ranking:
                guard options.count >= 2, Set(options).count == options.count, options.allSatisfy({ !$0.isEmpty })
                else {
                    throw refuse("survey.script.question_options")
                }
                if kind == .multiple, let maximum, Int(maximum) > options.count || maximum < 1 {
                    throw refuse("survey.script.question_range")
                }
            case .scale, .matrix:
                guard let minimum, let maximum, minimum.rounded() == minimum, maximum.rounded() == maximum,
                    (0...1).contains(minimum), (2...10).contains(maximum)
                else { throw refuse("survey.script.question_scale") }
                if kind == .matrix, statements.isEmpty || Set(statements).count != statements.count {
                    throw refuse("survey.script.question_statements")
                }
            case .number, .date, .text, .longText, .yesNo, .consent, .info:
                break
            }
            var labels: [String: String] = [:]
            for (key, label) in table.fields["labels"]?.mapValue ?? [:] {
                labels[key] = label.stringValue
            }
            for (position, label) in (table.fields["labels"]?.arrayValue ?? []).enumerated() {
                labels[String(Int(minimum ?? 1) + position)] = label.stringValue
            }
            let conditional = table.fields["show"] == .function
            if table.has("show"), !conditional { throw refuse("survey.script.question_show") }
            questions.append(
                SurveyQuestion(
                    id: id, kind: kind, text: text, hint: table.fields["hint"]?.stringValue,
                    isRequired: table.fields["required"]?.boolValue ?? false, options: options,
                    statements: statements, minimum: minimum, maximum: maximum, labels: labels,
                    isConditional: conditional))
        }
        return questions
    }

    private func day(_ root: RuleTable, _ key: String) throws -> LocalDate {
        guard let day = LocalDate(try root.string(key)) else {
            throw root.error(key, .init("survey.script.date", ["field": key]))
        }
        return day
    }

    private func enumeration<Value: RawRepresentable & CaseIterable>(
        _ root: RuleTable, _ key: String, _ type: Value.Type, default fallback: Value
    ) throws -> Value where Value.RawValue == String {
        guard let name = try root.optionalString(key) else { return fallback }
        guard let value = Value(rawValue: name) else {
            throw root.error(
                key,
                .init(
                    "survey.script.enumeration",
                    ["field": key, "value": name, "known": Value.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        return value
    }
}

/// Checks one answer against its question: its shape and its range.
struct SurveyAnswerCheck {
    let question: SurveyQuestion

    /// The longest answers to short and long text questions.
    static let shortText = 300
    static let longText = 4000

    func check(_ answer: SurveyAnswer) throws -> SurveyAnswer {
        switch (question.kind, answer) {
        case (.single, .text(let choice)):
            guard question.options.contains(choice) else { throw invalid("survey.answer.option") }
        case (.multiple, .list(let choices)):
            guard choices.allSatisfy(question.options.contains), Set(choices).count == choices.count else {
                throw invalid("survey.answer.option")
            }
            let least = Int(question.minimum ?? (question.isRequired ? 1 : 0))
            let most = Int(question.maximum ?? Double(question.options.count))
            guard (least...max(least, most)).contains(choices.count) else {
                throw invalid("survey.answer.choices", ["min": String(least), "max": String(most)])
            }
        case (.ranking, .list(let order)):
            guard order.count == question.options.count, Set(order) == Set(question.options) else {
                throw invalid("survey.answer.ranking")
            }
        case (.scale, .number(let point)):
            guard point.rounded() == point, question.points.contains(Int(point)) else { throw range() }
        case (.matrix, .matrix(let points)):
            guard Set(points.keys).isSubset(of: question.statements),
                points.values.allSatisfy(question.points.contains)
            else { throw range() }
            if question.isRequired, points.count != question.statements.count {
                throw invalid("survey.answer.matrix")
            }
        case (.number, .number(let number)):
            guard number.isFinite, number >= (question.minimum ?? -1e12), number <= (question.maximum ?? 1e12) else {
                throw range()
            }
        case (.date, .text(let text)):
            guard let day = LocalDate(text) else { throw invalid("survey.answer.date") }
            return .text(day.description)
        case (.text, .text(let text)), (.longText, .text(let text)):
            let limit = question.kind == .text ? Self.shortText : Self.longText
            guard text.count <= limit else { throw invalid("survey.answer.too_long", ["max": String(limit)]) }
            return .text(text.trimmingCharacters(in: .whitespacesAndNewlines))
        case (.yesNo, .flag):
            break
        case (.consent, .flag(let given)):
            if question.isRequired, !given { throw invalid("survey.answer.consent") }
        default:
            throw invalid("survey.answer.shape", ["kind": question.kind.rawValue])
        }
        return answer
    }

    private func range() -> JournalError {
        let low = question.minimum.map { String(format: "%g", $0) } ?? "…"
        let high = question.maximum.map { String(format: "%g", $0) } ?? "…"
        return invalid("survey.answer.range", ["min": low, "max": high])
    }

    private func invalid(_ key: String, _ values: [String: String] = [:]) -> JournalError {
        .invalid(
            field: "answers.\(question.id)",
            message: .init(key, values.merging(["question": question.text]) { $1 }))
    }
}
