import Foundation
import Hummingbird
import JournalModel
import JournalService
import Localization

/// Answering a survey: the questionnaire of one unit for a respondent, and the class
/// teacher's entry of the ballots that families on paper returned.
extension SurveyPages {
    /// The cookie that keeps a confidential ballot's receipt, per unit, on the survey's path.
    static func receiptCookie(_ unit: String) -> String {
        "sj_receipt_" + String(unit.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    @Sendable func answerPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = SurveyID(try context.parameters.id("id"))
        let form = try await service.surveyForm(id, unit: request.query("unit"), caller: session.caller)
        var fields: [String: [String]] = [:]
        if let stored = form.answers { fields = SurveyQuestionnaire.fields(stored, questions: form.questions) }
        let receipt = request.cookies[Self.receiptCookie(form.unit)]?.value ?? ""
        return renderForm(request, session, form, fields: fields, errors: [:], receipt: receipt, paper: false)
    }

    @Sendable func answer(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await submit(request, context, paper: false)
    }

    @Sendable func enterPaper(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await submit(request, context, paper: true)
    }

    /// The class teacher's paper families not yet entered, or the questionnaire of one.
    @Sendable func paperPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = SurveyID(try context.parameters.id("id"))
        let paper = try await service.paperUnits(id, caller: session.caller)
        if let unit = request.query("unit") {
            let form = try await service.surveyForm(id, unit: unit, paper: true, caller: session.caller)
            return renderForm(request, session, form, fields: [:], errors: [:], receipt: "", paper: true)
        }
        var page = startPage(request, session, "survey.pages.paper_title")
        page.active = "/journal/class"
        if request.query("entered") != nil { page.flash = Strings.text("survey.pages.paper_entered", page.language) }
        page.values = [
            "id": id.rawValue, "surveyTitle": paper.title, "none": paper.units.isEmpty,
            "units": paper.units.map {
                [
                    "label": $0.label, "className": $0.className ?? "",
                    "href": "/surveys/\(id.rawValue)/paper?unit=\(WebSupport.escapeQuery($0.key))",
                ]
            },
        ]
        return web.render("survey_paper", page)
    }

    /// Reads the questionnaire's form, casts the ballot and says it was taken; on a wrong
    /// answer shows the form again with what was given and the message beside its question.
    private func submit(_ request: Request, _ context: JournalRequestContext, paper: Bool) async throws -> Response {
        let session = try context.signedIn
        let id = SurveyID(try context.parameters.id("id"))
        let language = web.language(request)
        var request = request
        let data = try await FormData.read(&request)
        let form = try await service.surveyForm(id, unit: data["unit"], paper: paper, caller: session.caller)
        let questionnaire = SurveyQuestionnaire(questions: form.questions, fields: data.fields, errors: [:])
        var (answers, errors) = questionnaire.answers(language)
        let receipt = data["receipt"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if errors.isEmpty {
            do {
                let input = BallotInput(unit: form.unit, answers: answers, receipt: receipt.isEmpty ? nil : receipt)
                let taken = try await cast(id, input, form: form, paper: paper, session.caller)
                if paper { return WebResponse.redirect("/surveys/\(id.rawValue)/paper?entered=1") }
                return done(request, session, form, taken)
            } catch let error as JournalError {
                if case .invalid(let field, let message) = error, field.hasPrefix("answers.") {
                    errors[String(field.dropFirst("answers.".count))] = message.text(language)
                } else {
                    var response = renderForm(
                        request, session, form, fields: data.fields, errors: errors, receipt: receipt, paper: paper,
                        error: error.text(language))
                    response.status = .unprocessableContent
                    return response
                }
            }
        }
        var response = renderForm(
            request, session, form, fields: data.fields, errors: errors, receipt: receipt, paper: paper)
        response.status = .unprocessableContent
        return response
    }

    /// Casts the ballot. Every question is shown, so a respondent may have answered one that
    /// their other answers skip: such answers are left out, as the questionnaire's note says.
    private func cast(_ id: SurveyID, _ input: BallotInput, form: SurveyForm, paper: Bool, _ caller: Caller)
        async throws -> BallotReceipt
    {
        var input = input
        let conditional = Set(form.questions.filter(\.isConditional).map(\.id))
        while true {
            do {
                return paper
                    ? try await service.enterPaperBallot(id, input, caller: caller)
                    : try await service.submitBallot(id, input, caller: caller)
            } catch JournalError.invalid(let field, let message) where message.key == "survey.answer.hidden" {
                let question = String(field.dropFirst("answers.".count))
                guard conditional.contains(question), input.answers.removeValue(forKey: question) != nil else {
                    throw JournalError.invalid(field: field, message: message)
                }
            }
        }
    }

    private func done(_ request: Request, _ session: AuthenticatedSession, _ form: SurveyForm, _ taken: BallotReceipt)
        -> Response
    {
        var page = startPage(request, session, "survey.pages.accepted")
        page.active = "/"
        page.values = [
            "surveyTitle": form.title, "label": form.label, "changed": taken.changed, "receipt": taken.receipt as Any,
            "id": form.id.rawValue,
        ]
        var response = web.render("survey_done", page)
        if let receipt = taken.receipt,
            let cookie = try? Cookie.validated(
                name: Self.receiptCookie(form.unit), value: receipt, maxAge: 366 * 24 * 3600,
                path: "/surveys/\(form.id.rawValue)", httpOnly: true, sameSite: .strict)
        {
            response.setCookie(cookie)
        }
        return response
    }

    private func renderForm(
        _ request: Request, _ session: AuthenticatedSession, _ form: SurveyForm, fields: [String: [String]],
        errors: [String: String], receipt: String, paper: Bool, error: String? = nil
    ) -> Response {
        let language = web.language(request)
        var page = WebPage(title: form.title, language: language, session: session)
        page.active = paper ? "/journal/class" : "/"
        page.error = error ?? (errors.isEmpty ? nil : Strings.text("survey.pages.fix_errors", language))
        let questionnaire = SurveyQuestionnaire(questions: form.questions, fields: fields, errors: errors)
        // An anonymous ballot, once cast, cannot be found again to change it.
        let closedToChange = form.answered && form.privacy == .anonymous && !paper
        page.values = [
            "id": form.id.rawValue, "title": form.title, "description": form.description, "label": form.label,
            "unit": form.unit, "closes": DateText.full(form.closes),
            "privacy": Strings.text("survey.pages.privacy_hint.\(form.privacy.rawValue)", language),
            "questions": questionnaire.values(language), "paper": paper,
            "action": "/surveys/\(form.id.rawValue)/\(paper ? "paper" : "answer")",
            "answered": form.answered && !paper, "closedToChange": closedToChange,
            "confidential": form.privacy == .confidential && form.answered && !paper, "receipt": receipt,
            "hasConditional": form.questions.contains(where: \.isConditional),
        ]
        return web.render("survey_answer", page)
    }
}
