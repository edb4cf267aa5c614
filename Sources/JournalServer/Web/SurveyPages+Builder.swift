import Foundation
import Hummingbird
import JournalModel
import JournalRules
import JournalService
import Localization

/// The form builder: the common cases on one page, written out as Lua (``SurveyBuilder``)
/// and kept as a draft that opens in the editor.
extension SurveyPages {
    /// Blank question slots a page without scripts offers; the "add a question" button adds more.
    static let blankQuestions = 5
    /// The kinds a builder's question may be, in the order of its list.
    static let builderKinds: [SurveyQuestionKind] = [
        .single, .multiple, .scale, .matrix, .ranking, .yesNo, .number, .date, .text, .longText, .consent, .info,
    ]
    static let audiences = ["parents_grades", "parents_class", "students_grades", "teachers", "paper"]

    @Sendable func builderPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        _ = try await service.surveyTemplates(caller: session.caller)
        let today = try await service.today()
        let fields: [String: [String]] = [
            "opens": [today.description], "closes": [today.adding(days: 14).description], "k": ["5"],
            "gradeFrom": ["1"], "gradeTo": ["11"], "privacy": ["anonymous"], "unit": ["student"],
            "audience": ["parents_grades"],
        ]
        return builderForm(request, session, fields: fields, errors: [])
    }

    @Sendable func build(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let language = web.language(request)
        var request = request
        let data = try await FormData.read(&request)
        let builder: SurveyBuilder
        do {
            builder = try Self.builder(data, language)
        } catch let error as BuilderInputError {
            return builderForm(request, session, fields: data.fields, errors: [error.message])
        }
        do {
            let survey = try await service.createSurvey(source: builder.lua, template: nil, caller: session.caller)
            return WebResponse.redirect("/surveys/\(survey.id!.rawValue)?created=1")
        } catch let problem as SurveyScriptProblem {
            return builderForm(request, session, fields: data.fields, errors: problem.errors.map { $0.text(language) })
        } catch let error as JournalError {
            return builderForm(request, session, fields: data.fields, errors: [error.text(language)])
        }
    }

    /// A field of the builder that cannot be read, said in the reader's language.
    struct BuilderInputError: Error {
        var message: String
    }

    /// The builder's survey from its form.
    static func builder(_ data: FormData, _ language: Language) throws -> SurveyBuilder {
        func fail(_ key: String, _ values: [String: String] = [:]) -> BuilderInputError {
            BuilderInputError(message: Strings.text(key, language, values))
        }
        func text(_ name: String) -> String { (data[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func number(_ name: String, _ range: ClosedRange<Int>) throws -> Int {
            guard let value = Int(text(name)), range.contains(value) else {
                throw fail(
                    "survey.pages.builder.number",
                    [
                        "field": Strings.text("survey.pages.builder.\(name)", language),
                        "min": String(range.lowerBound), "max": String(range.upperBound),
                    ])
            }
            return value
        }
        let title = text("title")
        guard !title.isEmpty else { throw fail("survey.pages.builder.no_title") }
        let audience: SurveyBuilder.Audience
        switch text("audience") {
        case "parents_class":
            let name = text("className")
            guard !name.isEmpty else { throw fail("survey.pages.builder.no_class") }
            audience = .parentsOfClass(name)
        case "students_grades":
            audience = .studentsOfGrades(from: try number("gradeFrom", 1...11), to: try number("gradeTo", 1...11))
        case "teachers": audience = .teachers
        case "paper": audience = .paperFamilies
        default:
            audience = .parentsOfGrades(from: try number("gradeFrom", 1...11), to: try number("gradeTo", 1...11))
        }
        guard let opens = LocalDate(text("opens")), let closes = LocalDate(text("closes")) else {
            throw fail("survey.pages.builder.dates")
        }
        var reminders: [Int] = []
        for part in text("reminders").split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
            guard let days = Int(part), (0...60).contains(days) else {
                throw fail("survey.pages.builder.bad_reminders")
            }
            reminders.append(days)
        }
        var questions: [SurveyBuilder.Question] = []
        let slots = data.fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix("q"), key.hasSuffix(".text") else { return nil }
            return Int(key.dropFirst().dropLast(".text".count))
        }
        for slot in Set(slots).sorted() {
            let questionText = text("q\(slot).text")
            guard !questionText.isEmpty else { continue }
            let kind = SurveyQuestionKind(rawValue: text("q\(slot).kind")) ?? .single
            var options = (data["q\(slot).options"] ?? "").split(
                omittingEmptySubsequences: false, whereSeparator: \.isNewline
            ).map { $0.trimmingCharacters(in: .whitespaces) }
            // A scale's labels go by position: a blank line leaves its point unlabelled.
            if kind == .scale {
                while options.last?.isEmpty == true { options.removeLast() }
            } else {
                options.removeAll { $0.isEmpty }
            }
            questions.append(
                .init(kind: kind, text: questionText, options: options, isRequired: data["q\(slot).required"] == "yes"))
        }
        guard !questions.isEmpty else { throw fail("survey.pages.builder.no_questions") }
        return SurveyBuilder(
            title: title, description: text("description"), audience: audience,
            ballotUnit: BallotUnit(rawValue: text("unit")) ?? .person,
            privacy: SurveyPrivacy(rawValue: text("privacy")) ?? .anonymous, minimumGroup: try number("k", 1...100),
            opens: opens, closes: closes, reminderDays: reminders, questions: questions)
    }

    /// The builder's page with what was typed, and what was wrong with it.
    func builderForm(_ request: Request, _ session: AuthenticatedSession, fields: [String: [String]], errors: [String])
        -> Response
    {
        var page = startPage(request, session, "survey.pages.builder.title")
        let language = page.language
        func value(_ name: String) -> String { fields[name]?.first ?? "" }
        func choices(_ name: String, _ all: [String], _ key: String) -> [[String: Any]] {
            all.map { ["value": $0, "label": Strings.text("\(key).\($0)", language), "selected": value(name) == $0] }
        }
        let slots = fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix("q"), key.hasSuffix(".text") else { return nil }
            return Int(key.dropFirst().dropLast(".text".count))
        }
        let count = max(Self.blankQuestions, (slots.max() ?? 0) + 1)
        page.values = [
            "errors": errors, "hasErrors": !errors.isEmpty,
            "surveyTitle": value("title"), "description": value("description"), "className": value("className"),
            "gradeFrom": value("gradeFrom"), "gradeTo": value("gradeTo"), "k": value("k"), "opens": value("opens"),
            "closes": value("closes"), "reminders": value("reminders"),
            "audiences": choices("audience", Self.audiences, "survey.pages.audience"),
            "units": choices("unit", BallotUnit.allCases.map(\.rawValue), "survey.pages.unit"),
            "privacies": SurveyPrivacy.allCases.map { privacy -> [String: Any] in
                [
                    "value": privacy.rawValue, "checked": value("privacy") == privacy.rawValue,
                    "label": Strings.text("survey.pages.privacy.\(privacy.rawValue)", language),
                    "hint": Strings.text("survey.pages.privacy_hint.\(privacy.rawValue)", language),
                ]
            },
            "questions": (0..<count).map { slot -> [String: Any] in
                [
                    "slot": slot, "number": slot + 1, "text": value("q\(slot).text"),
                    "options": value("q\(slot).options"), "required": value("q\(slot).required") == "yes",
                    "kinds": Self.builderKinds.map { kind -> [String: Any] in
                        [
                            "value": kind.rawValue,
                            "label": Strings.text("survey.pages.kind.\(kind.rawValue)", language),
                            "selected": value("q\(slot).kind") == kind.rawValue,
                        ]
                    },
                ]
            },
        ]
        return web.render("survey_new", page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
