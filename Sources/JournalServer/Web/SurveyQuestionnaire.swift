import Foundation
import JournalModel
import Localization

/// A questionnaire as a form (R8): every kind of question as its inputs, filled with what the
/// respondent sent or had answered, each error beside its question. Fields are named for the
/// question: `a.q1` holds the answer, `a.q1.2` the point of a matrix's third statement or the
/// rank of a ranking's third option.
struct SurveyQuestionnaire {
    var questions: [SurveyQuestion]
    /// The form's fields as sent, or a stored ballot's answers as fields.
    var fields: [String: [String]]
    /// Messages by question id.
    var errors: [String: String]
    /// A preview: nothing can be answered.
    var disabled = false

    static func name(_ question: SurveyQuestion) -> String { "a.\(question.id)" }
    static func name(_ question: SurveyQuestion, _ index: Int) -> String { "a.\(question.id).\(index)" }

    // MARK: - Values for the template

    func values(_ language: Language) -> [[String: Any]] {
        var number = 0
        return questions.map { question in
            if question.kind.isAnswered { number += 1 }
            return values(question, number: number, language)
        }
    }

    private func values(_ question: SurveyQuestion, number: Int, _ language: Language) -> [String: Any] {
        let name = Self.name(question)
        let given = fields[name] ?? []
        var values: [String: Any] = [
            "id": question.id, "name": name, "number": number, "text": question.text, "hint": question.hint as Any,
            "required": question.isRequired && question.kind.isAnswered, "conditional": question.isConditional,
            "problem": errors[question.id] as Any, "disabled": disabled, "value": given.first ?? "",
            "is_\(question.kind.rawValue)": true,
        ]
        switch question.kind {
        case .single, .multiple:
            values["options"] = question.options.enumerated().map { index, option in
                ["value": option, "index": index, "checked": given.contains(option)] as [String: Any]
            }
            if question.kind == .multiple, let hint = choicesHint(question, language) { values["choices"] = hint }
        case .scale:
            values["points"] = question.points.map { point in
                [
                    "value": point, "label": question.labels[String(point)] ?? "",
                    "checked": given.first == String(point),
                ] as [String: Any]
            }
        case .matrix:
            values["points"] = question.points.map { point in
                ["value": point, "label": question.labels[String(point)] ?? String(point)] as [String: Any]
            }
            values["statements"] = question.statements.enumerated().map { index, statement in
                let chosen = fields[Self.name(question, index)]?.first
                return [
                    "text": statement, "name": Self.name(question, index), "index": index,
                    "points": question.points.map { point in
                        ["value": point, "checked": chosen == String(point)] as [String: Any]
                    },
                ] as [String: Any]
            }
        case .ranking:
            let count = question.options.count
            values["ranks"] = question.options.enumerated().map { index, option in
                let chosen = fields[Self.name(question, index)]?.first
                return [
                    "label": option, "name": Self.name(question, index), "index": index,
                    "choices": (1...count).map { rank in
                        ["value": rank, "selected": chosen == String(rank)] as [String: Any]
                    },
                ] as [String: Any]
            }
        case .yesNo:
            values["yes"] = given.first == "yes"
            values["no"] = given.first == "no"
        case .consent:
            values["given"] = given.first == "yes"
        case .number:
            if let minimum = question.minimum, let maximum = question.maximum {
                values["range"] = Strings.text(
                    "survey.pages.range", language,
                    ["min": String(format: "%g", minimum), "max": String(format: "%g", maximum)])
            }
        case .date, .text, .longText, .info:
            break
        }
        return values
    }

    private func choicesHint(_ question: SurveyQuestion, _ language: Language) -> String? {
        guard question.minimum != nil || question.maximum != nil else { return nil }
        let least = Int(question.minimum ?? 0)
        let most = Int(question.maximum ?? Double(question.options.count))
        return Strings.text("survey.pages.choose", language, ["min": String(least), "max": String(most)])
    }

    // MARK: - Reading the form

    /// The answers the form holds, and for questions whose inputs cannot be read (a number
    /// that is not one, a ranking with a rank twice) the message to show beside them.
    func answers(_ language: Language) -> (answers: [String: SurveyAnswer], errors: [String: String]) {
        var answers: [String: SurveyAnswer] = [:]
        var errors: [String: String] = [:]
        for question in questions where question.kind.isAnswered {
            let given = (fields[Self.name(question)] ?? []).filter { !$0.isEmpty }
            switch question.kind {
            case .single, .date, .text, .longText:
                if let text = given.first, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    answers[question.id] = .text(text)
                }
            case .multiple:
                if !given.isEmpty { answers[question.id] = .list(given) }
            case .scale, .number:
                guard let text = given.first?.trimmingCharacters(in: .whitespaces) else { continue }
                if let number = Double(text.replacingOccurrences(of: ",", with: ".")), number.isFinite {
                    answers[question.id] = .number(number)
                } else {
                    errors[question.id] = Strings.text("survey.pages.not_a_number", language, ["value": text])
                }
            case .matrix:
                var points: [String: Int] = [:]
                for (index, statement) in question.statements.enumerated() {
                    if let text = fields[Self.name(question, index)]?.first, let point = Int(text) {
                        points[statement] = point
                    }
                }
                if !points.isEmpty { answers[question.id] = .matrix(points) }
            case .ranking:
                var ranks: [(rank: Int, option: String)] = []
                for (index, option) in question.options.enumerated() {
                    if let text = fields[Self.name(question, index)]?.first, let rank = Int(text) {
                        ranks.append((rank, option))
                    }
                }
                guard !ranks.isEmpty else { continue }
                if ranks.count != question.options.count || Set(ranks.map(\.rank)).count != ranks.count {
                    errors[question.id] = Strings.text("survey.pages.ranking", language)
                } else {
                    answers[question.id] = .list(ranks.sorted { $0.rank < $1.rank }.map(\.option))
                }
            case .yesNo:
                if let text = given.first { answers[question.id] = .flag(text == "yes") }
            case .consent:
                if given.first == "yes" { answers[question.id] = .flag(true) }
            case .info:
                break
            }
        }
        return (answers, errors)
    }

    /// A stored ballot's answers as the form's fields, to show them for changing.
    static func fields(_ answers: [String: SurveyAnswer], questions: [SurveyQuestion]) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for question in questions {
            guard let answer = answers[question.id] else { continue }
            switch (question.kind, answer) {
            case (.ranking, .list(let order)):
                for (index, option) in question.options.enumerated() {
                    if let rank = order.firstIndex(of: option) { fields[name(question, index)] = [String(rank + 1)] }
                }
            case (.matrix, .matrix(let points)):
                for (index, statement) in question.statements.enumerated() {
                    if let point = points[statement] { fields[name(question, index)] = [String(point)] }
                }
            case (_, .text(let text)): fields[name(question)] = [text]
            case (_, .list(let list)): fields[name(question)] = list
            case (_, .number(let number)): fields[name(question)] = [String(format: "%g", number)]
            case (_, .flag(let flag)): fields[name(question)] = [flag ? "yes" : "no"]
            case (_, .matrix): break
            }
        }
        return fields
    }
}
