import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// The surveys in the browser (R8) for those who launch them: the list with the templates,
/// the form builder, the Lua editor of a draft with its check, its audience and its preview
/// as a respondent sees it, the launch, and a launched survey's response rate.
struct SurveyPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// What the editor of a draft posts.
    struct EditForm: Decodable {
        var source: String?
        var version: Int?
        var action: String?
        var confirm: String?
    }

    /// What a template's button posts.
    struct TemplateForm: Decodable {
        var template: String
    }

    /// What a check, a preview or a save found, shown under the editor.
    struct Outcome {
        var errors: [RulesError] = []
        var refusal: String?
        var audience: [SurveyDetail.Group]?
        var preview: [SurveyQuestion]?
    }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/surveys", use: listPage)
            .post("/surveys/from-template", use: fromTemplate)
            .get("/surveys/new", use: builderPage)
            .post("/surveys/new", use: build)
            .get("/surveys/new/lua", use: newLuaPage)
            .post("/surveys/new/lua", use: createFromLua)
            .get("/surveys/:id", use: surveyPage)
            .post("/surveys/:id", use: editSurvey)
            .get("/surveys/:id/answer", use: answerPage)
            .post("/surveys/:id/answer", use: answer)
            .get("/surveys/:id/paper", use: paperPage)
            .post("/surveys/:id/paper", use: enterPaper)
            .get("/surveys/:id/results", use: resultsPage)
    }

    // MARK: - The list

    @Sendable func listPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        var page = startPage(request, session, "survey.pages.title")
        let caller = session.caller
        // Readers of results see the closed surveys they may read; only launchers make new ones.
        let launcher = try await web.holds(session, .surveysLaunch)
        let templates = launcher ? try await service.surveyTemplates(caller: caller) : []
        let surveys = try await service.surveys(caller: caller)
        let language = page.language
        page.values = [
            "surveys": surveys.map { summary -> [String: Any] in
                [
                    "id": summary.id.rawValue, "title": summary.title,
                    "status": Strings.text("survey.pages.status.\(summary.status.rawValue)", language),
                    "privacy": Strings.text("survey.pages.privacy.\(summary.privacy.rawValue)", language),
                    "dates": "\(DateText.full(summary.opens)) – \(DateText.full(summary.closes))",
                    "audience": summary.status == .draft ? "—" : String(summary.audience),
                    "ballots": summary.status == .draft ? "—" : String(summary.ballots),
                    "closed": summary.status == .closed, "open": summary.isOpen,
                ]
            },
            "none": surveys.isEmpty, "launcher": launcher,
            "templates": templates.map { ["name": $0.name, "title": $0.title] },
        ]
        return web.render("surveys", page)
    }

    @Sendable func fromTemplate(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(TemplateForm.self)
        let templates = try await service.surveyTemplates(caller: session.caller)
        guard let template = templates.first(where: { $0.name == form.template }) else {
            throw Problem.notFound("survey.pages.no_template")
        }
        let survey = try await service.createSurvey(
            source: template.source, template: template.name, caller: session.caller)
        return WebResponse.redirect("/surveys/\(survey.id!.rawValue)?created=1")
    }

    // MARK: - A new survey in Lua

    /// The skeleton a survey written from scratch starts from.
    static let skeleton = """
        -- Опрос: что он выясняет и для кого.
        return survey {
          title = "Новый опрос",
          audience = function(p)
            return p.kind == "parent"
          end,
          ballot = "student",
          privacy = "anonymous",
          k = 5,
          opens = "{today}",
          closes = "{today}",
          questions = {
            { id = "q1", kind = "yes_no", text = "Вопрос?" },
          },
        }

        """

    @Sendable func newLuaPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        _ = try await service.surveyTemplates(caller: session.caller)
        let today = try await service.today()
        let source = Self.skeleton.replacingOccurrences(of: "{today}", with: today.description)
        return try await newLuaPage(request, session, source: source, Outcome())
    }

    @Sendable func createFromLua(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(EditForm.self)
        let source = SourceListing.normalized(form.source ?? "")
        do {
            let survey = try await service.createSurvey(source: source, template: nil, caller: session.caller)
            return WebResponse.redirect("/surveys/\(survey.id!.rawValue)?created=1")
        } catch {
            let outcome = try Self.failure(error, web.language(request))
            return try await newLuaPage(request, session, source: source, outcome, status: .unprocessableContent)
        }
    }

    func newLuaPage(
        _ request: Request, _ session: AuthenticatedSession, source: String, _ outcome: Outcome,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var page = startPage(request, session, "survey.pages.new_lua")
        page.error = outcome.refusal
        page.values = editorValues(source: source, outcome, page.language)
        page.values["action"] = "/surveys/new/lua"
        page.values["isNew"] = true
        page.values["heading"] = page.title
        return web.render("survey_edit", page, status: status)
    }

    // MARK: - A survey

    @Sendable func surveyPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = SurveyID(try context.parameters.id("id"))
        let detail = try await service.surveyDetail(id, caller: session.caller)
        var page = try await surveyStartPage(request, session, detail)
        if request.query("created") != nil { page.flash = Strings.text("survey.pages.created", page.language) }
        if request.query("saved") != nil { page.flash = Strings.text("survey.pages.saved", page.language) }
        if request.query("launched") != nil { page.flash = Strings.text("survey.pages.launched", page.language) }
        return try await render(page, detail, source: detail.survey.source, Outcome())
    }

    @Sendable func editSurvey(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = SurveyID(try context.parameters.id("id"))
        let form = try await request.decodeForm(EditForm.self)
        let caller = session.caller
        let detail = try await service.surveyDetail(id, caller: caller)
        let page = try await surveyStartPage(request, session, detail)
        let source = form.source.map(SourceListing.normalized) ?? detail.survey.source
        let version = form.version ?? detail.survey.version
        var outcome = Outcome()
        do {
            switch form.action ?? "check" {
            case "copy":
                let copy = try await service.copySurvey(id, caller: caller)
                return WebResponse.redirect("/surveys/\(copy.id!.rawValue)?created=1")
            case "save":
                _ = try await service.updateSurvey(id, source: source, version: version, caller: caller)
                return WebResponse.redirect("/surveys/\(id.rawValue)?saved=1")
            case "launch":
                guard form.confirm == "yes" else {
                    outcome.refusal = Strings.text("survey.pages.launch_confirm_needed", page.language)
                    break
                }
                _ = try await service.launchSurvey(id, version: version, caller: caller)
                return WebResponse.redirect("/surveys/\(id.rawValue)?launched=1")
            case "preview":
                outcome.preview = try await service.checkSurvey(source: source, caller: caller).0.questions
            default:
                outcome.audience = try await service.checkSurvey(source: source, caller: caller).1
            }
        } catch {
            outcome = try Self.failure(error, page.language)
        }
        let failed = !outcome.errors.isEmpty || outcome.refusal != nil
        return try await render(page, detail, source: source, outcome, status: failed ? .unprocessableContent : .ok)
    }

    private func surveyStartPage(_ request: Request, _ session: AuthenticatedSession, _ detail: SurveyDetail)
        async throws -> WebPage
    {
        try await web.require(session, .surveysLaunch, on: .school, web.language(request))
        var page = startPage(request, session, "survey.pages.title")
        page.title = detail.survey.title
        return page
    }

    /// A draft in the editor, or a launched survey's frozen text and its response rate.
    private func render(
        _ page: WebPage, _ detail: SurveyDetail, source: String, _ outcome: Outcome, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var page = page
        let language = page.language
        let survey = detail.survey
        page.error = outcome.refusal
        var values = editorValues(source: source, outcome, language)
        values["heading"] = survey.title
        values["id"] = survey.id!.rawValue
        values["version"] = survey.version
        values["status"] = Strings.text("survey.pages.status.\(survey.status.rawValue)", language)
        values["privacy"] = Strings.text("survey.pages.privacy.\(survey.privacy.rawValue)", language)
        values["privacyHint"] = Strings.text("survey.pages.privacy_hint.\(survey.privacy.rawValue)", language)
        values["unit"] = Strings.text("survey.pages.unit.\(survey.ballotUnit.rawValue)", language)
        values["dates"] = "\(DateText.full(survey.opens)) – \(DateText.full(survey.closes))"
        values["k"] = survey.minimumGroup
        if survey.status == .draft {
            values["isDraft"] = true
            values["action"] = "/surveys/\(survey.id!.rawValue)"
        } else {
            values["numbered"] = SourceListing.numbered(survey.source)
            let ballots = try await service.surveys(caller: page.session!.caller).first { $0.id == survey.id }?.ballots
            let units = detail.audience.reduce(0) { $0 + $1.units }
            values["frozen"] = [
                "anonymous": survey.privacy == .anonymous,
                "total": Strings.text(
                    "survey.pages.rate_total", language, ["ballots": String(ballots ?? 0), "units": String(units)]),
                "groups": detail.audience.map { group -> [String: Any] in
                    let answered = group.answered ?? 0
                    return [
                        "title": group.title, "units": group.units, "answered": answered,
                        "percent": group.units == 0 ? 0 : answered * 100 / group.units,
                    ]
                },
                "resultsReady": survey.status == .closed,
                "closed": survey.status == .closed,
            ]
        }
        page.values = values
        return web.render("survey_edit", page, status: status)
    }

    /// The editor's text area, its errors, the audience a check counted and the preview.
    private func editorValues(source: String, _ outcome: Outcome, _ language: Language) -> [String: Any] {
        let path = "survey.lua"
        let marked = SourceListing.markedLines(outcome.errors, path: path)
        var values: [String: Any] = [
            "source": source, "rows": SourceListing.rows(source),
            "gutter": SourceListing.gutter(source, marked: marked),
            "errors": SourceListing.errors(outcome.errors, path: path, source: source, language: language),
            "hasErrors": !outcome.errors.isEmpty,
        ]
        if let audience = outcome.audience {
            let total = audience.reduce(0) { $0 + $1.units }
            values["audience"] = [
                "groups": audience.map { ["title": $0.title, "units": $0.units] },
                "total": Strings.text("survey.pages.audience_total", language, ["units": String(total)]),
                "empty": audience.isEmpty,
            ]
        }
        if let preview = outcome.preview {
            values["preview"] = [
                "questions": SurveyQuestionnaire(questions: preview, fields: [:], errors: [:], disabled: true).values(
                    language)
            ]
        }
        return values
    }

    /// Errors of a check or a save as the editor shows them; anything else is thrown on.
    static func failure(_ error: any Error, _ language: Language) throws -> Outcome {
        var outcome = Outcome()
        switch error {
        case let problem as SurveyScriptProblem: outcome.errors = problem.errors
        case let error as JournalError:
            outcome.refusal = Strings.text("web.refused", language, ["reason": error.text(language)])
        default: throw error
        }
        return outcome
    }

    func startPage(_ request: Request, _ session: AuthenticatedSession, _ title: String) -> WebPage {
        let language = web.language(request)
        var page = WebPage(title: Strings.text(title, language), language: language, session: session)
        page.active = "/surveys"
        return page
    }
}
