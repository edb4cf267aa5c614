import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// The versions of the rules: who activated what and when, each version's files, and rolling
/// back, which activates an older version's files as a new version.
extension RulesPages {
    /// What the roll-back form posts: the comment, the file shown, and whether to preview or
    /// activate.
    struct RollbackForm: Decodable {
        var comment: String?
        var action: String?
        var path: String?
    }

    func addHistoryRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/rules/history", use: historyPage)
            .get("/rules/versions/:id", use: versionPage)
            .post("/rules/versions/:id/rollback", use: rollBack)
    }

    /// The versions of the rules, newest first.
    @Sendable func historyPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let language = web.language(request)
        let versions = try await service.rulesHistory(caller: session.caller)
        let time = try await timeText()
        var page = WebPage(title: Strings.text("history.title", language), language: language, session: session)
        page.active = "/rules"
        if let activated = request.query("activated").flatMap({ Int64($0) }) {
            page.flash = Strings.text("history.activated", language, ["id": "\(activated)"])
        }
        page.values = ["versions": versions.reversed().map { versionValues($0, time: time, language) }]
        return web.render("rules_history", page)
    }

    /// One version of the rules and its files.
    @Sendable func versionPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = try context.parameters.id("id")
        return try await versionPage(request, session, id, path: request.query("path"), comment: "", Outcome())
    }

    /// Previews or activates an older version's files as a new version.
    @Sendable func rollBack(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(RollbackForm.self)
        let language = web.language(request)
        let id = try context.parameters.id("id")
        let comment = form.comment.trimmedText ?? ""
        let files = try await service.ruleFiles(version: id, caller: session.caller)
        var outcome = Outcome()
        do {
            if form.action == "activate" {
                let version = try await service.activateRules(
                    files, caller: session.caller,
                    comment: comment.nonEmpty ?? Strings.text("history.rollback_comment", language, ["id": "\(id)"])
                )
                return WebResponse.redirect("/rules/history?activated=\(version.id)")
            }
            let active = try await service.ruleFiles(caller: session.caller)
            let changed = Set(files.files.keys).union(active.files.keys).filter {
                files.files[$0] != active.files[$0]
            }
            outcome = try await preview(files, changing: changed.sorted(), session)
        } catch {
            outcome = try Self.failure(error, language)
        }
        return try await versionPage(
            request, session, id, path: form.path, comment: comment, outcome,
            status: outcome.failed ? .unprocessableContent : .ok)
    }

    /// One version: its files (those it changed marked), one file shown with line numbers, and
    /// the roll-back form for a version that is not the active one.
    func versionPage(
        _ request: Request, _ session: AuthenticatedSession, _ id: Int64, path: String?, comment: String,
        _ outcome: Outcome, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = web.language(request)
        guard let version = try await service.rulesHistory(caller: session.caller).first(where: { $0.id == id }) else {
            throw Problem.notFound("problem.no_such_rules_version")
        }
        let files = try await service.ruleFiles(version: id, caller: session.caller)
        let shown =
            path.flatMap { files.files[$0] != nil ? $0 : nil } ?? version.changedFiles.first {
                files.files[$0] != nil
            } ?? files.files.keys.sorted().first ?? ""
        var page = WebPage(
            title: Strings.text("history.version", language, ["id": "\(id)"]), language: language, session: session)
        page.active = "/rules"
        page.error = outcome.refusal
        var values: [String: Any] = [
            "version": versionValues(version, time: try await timeText(), language), "rollbackComment": comment,
            "shown": shown, "numbered": SourceListing.numbered(files.files[shown] ?? ""),
            "files": files.files.keys.sorted().map { file in
                [
                    "path": file, "changed": version.changedFiles.contains(file), "current": file == shown,
                    "href": "/rules/versions/\(id)?path=\(WebSupport.escapeQuery(file))",
                ]
            },
        ]
        values.merge(outcomeValues(outcome, path: shown, source: files.files[shown] ?? "", language)) { _, new in new }
        page.values = values
        return web.render("rules_version", page, status: status)
    }

    func versionValues(_ version: RulesVersion, time: TimeText, _ language: Language) -> [String: Any] {
        [
            "id": version.id, "author": version.author, "time": time(version.createdAt),
            "comment": version.comment.nonEmpty as Any, "active": version.isActive,
            "files": version.changedFiles.map { file in
                ["path": file, "href": "/rules/versions/\(version.id)?path=\(WebSupport.escapeQuery(file))"]
            },
        ]
    }

    /// At most this many changes are listed; the rest are counted.
    static let shownChanges = 300

    /// "and 40 more", when a list is cut.
    func more(_ count: Int, _ language: Language) -> String? {
        count > Self.shownChanges
            ? Strings.text("rules.more", language, ["count": "\(count - Self.shownChanges)"]) : nil
    }

    /// What the editor and the version page show of a check or a preview.
    func outcomeValues(_ outcome: Outcome, path: String, source: String, _ language: Language) -> [String: Any] {
        var values: [String: Any] = [
            "checked": outcome.checked && !outcome.failed,
            "errors": SourceListing.errors(outcome.errors, path: path, source: source, language: language),
            "hasErrors": !outcome.errors.isEmpty,
            "rightsUnavailable": outcome.rightsUnavailable,
        ]
        if let marks = outcome.marks {
            var students: [[String: Any]] = []
            var current: (id: StudentID, rows: [[String: Any]], name: String, className: String)?
            for change in marks.prefix(Self.shownChanges) {
                if current?.id != change.studentID {
                    if let done = current {
                        students.append(["name": done.name, "className": done.className, "rows": done.rows])
                    }
                    current = (change.studentID, [], change.studentName, change.className)
                }
                current?.rows.append([
                    "subject": change.subjectName, "period": change.periodTitle,
                    "average": change.average.map(\.formattedNumber) ?? "—",
                    "recommendedBefore": change.recommendedBefore ?? "—",
                    "recommendedAfter": change.recommendedAfter ?? "—",
                    "recommendedChanged": change.recommendedBefore != change.recommendedAfter,
                    "forecastBefore": change.forecastBefore ?? "—", "forecastAfter": change.forecastAfter ?? "—",
                    "forecastChanged": change.forecastBefore != change.forecastAfter,
                    "scaleChanged": change.scaleBefore != change.scaleAfter,
                    "scaleBefore": change.scaleBefore ?? "—", "scaleAfter": change.scaleAfter ?? "—",
                ])
            }
            if let done = current {
                students.append(["name": done.name, "className": done.className, "rows": done.rows])
            }
            values["marks"] = [
                "students": students, "none": marks.isEmpty, "count": marks.count,
                "more": more(marks.count, language) as Any,
                "closed": outcome.closedPeriods.isEmpty
                    ? "" as Any
                    : Strings.text(
                        "rules.preview_closed", language,
                        ["periods": outcome.closedPeriods.map(\.title).joined(separator: ", ")]),
            ]
        }
        if let rights = outcome.rights {
            let rows = rightsRows(rights, language)
            values["rights"] = [
                "rows": Array(rows.prefix(Self.shownChanges)), "none": rights.isEmpty, "count": rights.count,
                "people": Set(rights.map(\.accountID)).count, "more": more(rows.count, language) as Any,
            ]
        }
        return values
    }

    /// The rights changes, one row per person and right: the objects it changes on listed
    /// together, with the reason of the first.
    func rightsRows(_ rights: [RightsChange], _ language: Language) -> [[String: Any]] {
        var rows: [[String: Any]] = []
        var objects: [String] = []
        for (index, change) in rights.enumerated() {
            objects.append(change.object)
            if index + 1 < rights.count, rights[index + 1].accountID == change.accountID,
                rights[index + 1].capability == change.capability,
                rights[index + 1].allowedAfter == change.allowedAfter
            {
                continue
            }
            let first = rights[index + 1 - objects.count]
            rows.append([
                "login": change.login, "name": change.name,
                "roles": change.roles.map { Strings.text("role.\($0.rawValue)", language) }.joined(separator: ", "),
                "capability": change.capability.rawValue, "objects": objects.joined(separator: ", "),
                "allowedAfter": change.allowedAfter, "reasonAfter": first.reasonAfter,
            ])
            objects = []
        }
        return rows
    }
}
