import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// The rules editor (DESIGN, "The rules"): the active scripts by kind, editing one file with
/// its line numbers, checking it and running its tests, the dry-run of what would change,
/// activation with a comment, the history of versions and rolling back to one of them.
struct RulesPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// What the person typed in the editor.
    struct Edit {
        var path: String
        var source: String
        /// The active version the edit began from, to notice someone else's activation.
        var base: Int64?
        var comment = ""
    }

    /// What a check, a preview or an activation found, shown under the editor.
    struct Outcome {
        var errors: [RulesError] = []
        var refusal: String?
        var checked = false
        var marks: [RecommendationChange]?
        /// The periods that have closed: their standings keep the rules they closed with.
        var closedPeriods: [SchoolCalendar.Period] = []
        var rights: [RightsChange]?
        var rightsUnavailable = false
        var conflict = false

        var failed: Bool { !errors.isEmpty || refusal != nil || conflict }
    }

    /// The kinds of rule files, in the order the index lists them.
    static let kinds = ["scales", "subjects", "work_types", "attendance", "calendar", "exams", "roles", "other"]

    /// `scales/five.lua` is a scale, `calendar.lua` the calendar, anything unknown "other".
    static func kind(of path: String) -> String {
        if path.hasPrefix("scales/") { return "scales" }
        let name = path.hasSuffix(".lua") ? String(path.dropLast(4)) : path
        return kinds.contains(name) ? name : "other"
    }

    /// What the editor posts: the file, its new text, the version it was edited from, and
    /// whether to check, preview or activate it.
    struct RuleForm: Decodable {
        var path: String?
        var source: String?
        var base: Int64?
        var comment: String?
        var action: String?
    }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/rules", use: indexPage)
            .get("/rules/edit", use: editPage)
            .post("/rules/edit", use: saveRule)
        addHistoryRoutes(to: group)
    }

    /// The active rule scripts by kind.
    @Sendable func indexPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        return try await indexPage(request, session)
    }

    /// One rule script in the editor.
    @Sendable func editPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let files = try await service.ruleFiles(caller: session.caller)
        guard let path = request.query("path"), let source = files.files[path] else {
            throw Problem.notFound("problem.no_such_rule_file")
        }
        let base = try await activeVersion(session)?.id
        return try await editPage(request, session, Edit(path: path, source: source, base: base), Outcome())
    }

    /// Checks, previews or activates an edited rule script.
    @Sendable func saveRule(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(RuleForm.self)
        var edit = Edit(
            path: form.path ?? "", source: SourceListing.normalized(form.source ?? ""), base: form.base,
            comment: form.comment.trimmedText ?? "")
        let active = try await service.ruleFiles(caller: session.caller)
        guard active.files[edit.path] != nil else { throw Problem.notFound("problem.no_such_rule_file") }
        let language = web.language(request)
        try await web.require(
            session, JournalService.capability(toEdit: edit.path), on: AccessObject(kind: .rules), language)
        var files = active
        files.files[edit.path] = edit.source
        let action = form.action ?? "check"
        var outcome = Outcome()
        if action == "activate", let current = try await activeVersion(session), let base = edit.base,
            base != current.id,
            try await service.ruleFiles(version: base, caller: session.caller).files[edit.path]
                != active.files[edit.path]
        {
            // Someone activated a change of this file meanwhile: show it before overwriting.
            outcome.conflict = true
            edit.base = current.id
            return try await editPage(request, session, edit, outcome, status: .conflict)
        }
        do {
            switch action {
            case "activate":
                let version = try await service.activateRules(
                    files, caller: session.caller, comment: edit.comment.nonEmpty)
                return WebResponse.redirect("/rules/history?activated=\(version.id)")
            case "preview":
                outcome = try await preview(files, changing: [edit.path], session)
            default:
                _ = try await service.checkRules(files)
                outcome.checked = true
            }
        } catch {
            outcome = try Self.failure(error, language)
        }
        return try await editPage(
            request, session, edit, outcome, status: outcome.failed ? .unprocessableContent : .ok)
    }

    /// The active scripts by kind, each with a link to edit or read it.
    func indexPage(_ request: Request, _ session: AuthenticatedSession) async throws -> Response {
        let language = web.language(request)
        let files = try await service.ruleFiles(caller: session.caller)
        let version = try await activeVersion(session)
        let time = try await timeText()
        var page = WebPage(title: Strings.text("rules.title", language), language: language, session: session)
        page.active = "/rules"
        let byKind = Dictionary(grouping: files.files.keys.sorted(), by: Self.kind(of:))
        var kinds: [[String: Any]] = []
        for kind in Self.kinds {
            guard let paths = byKind[kind] else { continue }
            var rows: [[String: Any]] = []
            for path in paths {
                rows.append([
                    "path": path, "lines": SourceListing.lines(files.files[path]!).count,
                    "editable": try await mayEdit(path, session),
                    "capability": JournalService.capability(toEdit: path).rawValue,
                ])
            }
            kinds.append(["title": Strings.text("rules.kind_\(kind)", language), "files": rows])
        }
        page.values = [
            "kinds": kinds,
            "version": version.map { versionValues($0, time: time, language) } as Any,
        ]
        return web.render("rules_index", page)
    }

    /// The editor of one file: the text area with line numbers, the buttons, and what the
    /// last check or preview found.
    func editPage(
        _ request: Request, _ session: AuthenticatedSession, _ edit: Edit, _ outcome: Outcome,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = web.language(request)
        let marked = SourceListing.markedLines(outcome.errors, path: edit.path)
        var page = WebPage(title: edit.path, language: language, session: session)
        page.active = "/rules"
        page.error = outcome.refusal
        if outcome.conflict { page.error = Strings.text("rules.conflict", language) }
        var values: [String: Any] = [
            "path": edit.path, "source": edit.source, "base": edit.base.map(String.init) ?? "",
            "comment": edit.comment, "rows": SourceListing.rows(edit.source),
            "gutter": SourceListing.gutter(edit.source, marked: marked),
            "editable": try await mayEdit(edit.path, session),
            "capability": JournalService.capability(toEdit: edit.path).rawValue,
            "numbered": SourceListing.numbered(edit.source, marked: marked),
            "isRoles": edit.path == "roles.lua",
        ]
        values.merge(outcomeValues(outcome, path: edit.path, source: edit.source, language)) { _, new in new }
        page.values = values
        return web.render("rules_edit", page, status: status)
    }

    /// The dry-run of `files`: the recommendations that would change and, when roles.lua is
    /// among `paths`, the rights.
    func preview(_ files: RuleFiles, changing paths: [String], _ session: AuthenticatedSession) async throws
        -> Outcome
    {
        var outcome = Outcome(checked: true)
        outcome.marks = try await service.diffRules(files, caller: session.caller)
        outcome.closedPeriods = try await service.closedPeriods()
        if paths.contains("roles.lua") {
            do {
                outcome.rights = try await service.diffRights(files, caller: session.caller)
            } catch is AccessDenied {
                outcome.rightsUnavailable = true
            }
        }
        return outcome
    }

    /// Errors of a check or an activation, as the editor shows them; anything else is thrown on.
    static func failure(_ error: any Error, _ language: Language) throws -> Outcome {
        var outcome = Outcome()
        switch error {
        case let failure as RulesFailure: outcome.errors = failure.errors
        case let error as RulesError: outcome.errors = [error]
        case let error as JournalError:
            outcome.refusal = Strings.text("web.refused", language, ["reason": error.text(language)])
        case let denied as AccessDenied:
            outcome.refusal = ErrorPage.denied(denied.decision, language)
        default: throw error
        }
        return outcome
    }

    func mayEdit(_ path: String, _ session: AuthenticatedSession) async throws -> Bool {
        try await web.holds(session, JournalService.capability(toEdit: path), on: AccessObject(kind: .rules))
    }

    func activeVersion(_ session: AuthenticatedSession) async throws -> RulesVersion? {
        try await service.rulesHistory(caller: session.caller).last { $0.isActive }
    }

    func timeText() async throws -> TimeText { TimeText(timeZone: try await service.school().timeZone) }
}

/// An instant as the school's clock shows it: `20.11.2026 14:05`.
struct TimeText {
    private let formatter: DateFormatter

    init(timeZone: String) {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Europe/Moscow")
        formatter.dateFormat = "dd.MM.yyyy HH:mm"
    }

    func callAsFunction(_ date: Date) -> String { formatter.string(from: date) }
}
