import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization

/// Rights extensions of roles and of single people (R24), and the explanation of any access
/// decision: which grant or denial decided, and where it comes from.
struct RightsPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// What the person typed in the form that adds an extension.
    struct ExtensionForm: Decodable {
        var role = ""
        var login = ""
        var capability = ""
        var scope = Scope.school.rawValue
        var effect = Grant.Effect.allow.rawValue
        var condition = ""
        var comment = ""
        /// The line of the condition that failed to load.
        var conditionLine: Int?

        init() {}

        init(from decoder: any Decoder) throws {
            let form = try decoder.container(keyedBy: CodingKeys.self)
            role = try form.decodeIfPresent(String.self, forKey: .role) ?? ""
            login = try form.decodeIfPresent(String.self, forKey: .login).trimmedText ?? ""
            capability = try form.decodeIfPresent(String.self, forKey: .capability) ?? ""
            scope = try form.decodeIfPresent(String.self, forKey: .scope) ?? ""
            effect = try form.decodeIfPresent(String.self, forKey: .effect) ?? ""
            condition = SourceListing.normalized(try form.decodeIfPresent(String.self, forKey: .condition) ?? "")
            comment = try form.decodeIfPresent(String.self, forKey: .comment).trimmedText ?? ""
        }

        enum CodingKeys: String, CodingKey {
            case role, login, capability, scope, effect, condition, comment
        }
    }

    /// What the withdraw button posts: the page to go back to.
    struct WithdrawForm: Decodable {
        var back: String?
    }

    /// A refusal to show beside the form, in the person's language.
    struct FormError: Error {
        var message: String
    }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/admin/rights", use: rightsPage)
            .post("/admin/rights", use: addExtension)
            .post("/admin/users/:id/rights", use: addPersonalExtension)
            .post("/admin/rights/:id/withdraw", use: withdrawExtension)
            .get("/admin/explain", use: explainPage)
    }

    /// The extensions in force and the form that adds one.
    @Sendable func rightsPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        var page = try await rightsPage(request, session, form: ExtensionForm())
        if request.query("added") != nil { page.flash = Strings.text("rights.added", page.language) }
        if request.query("withdrawn") != nil { page.flash = Strings.text("rights.withdrawn", page.language) }
        return web.render("admin_rights", page)
    }

    /// Adds an extension for a role or a login.
    @Sendable func addExtension(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        var input = try await request.decodeForm(ExtensionForm.self)
        do {
            try await add(&input, session, language: web.language(request))
            return WebResponse.redirect("/admin/rights?added=1")
        } catch let error as FormError {
            let page = try await rightsPage(request, session, form: input, error: error.message)
            return web.render("admin_rights", page, status: .unprocessableContent)
        }
    }

    /// Adds an extension for one person, from their page.
    @Sendable func addPersonalExtension(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = AccountID(try context.parameters.id("id"))
        var input = try await request.decodeForm(ExtensionForm.self)
        do {
            try await add(&input, session, account: id, language: web.language(request))
            return WebResponse.redirect("/admin/users/\(id)?added=1")
        } catch let error as FormError {
            let page = try await AdminPages(web: web).userPage(
                request, session, id, rights: input, error: error.message)
            return web.render("admin_user", page, status: .unprocessableContent)
        }
    }

    /// Withdraws an extension and goes back to the page it was withdrawn from.
    @Sendable func withdrawExtension(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(WithdrawForm.self)
        try await service.removeRightsExtension(try context.parameters.id("id"), caller: session.caller)
        let back = WebSupport.safeNext(form.back)
        return WebResponse.redirect(back + (back.contains("?") ? "&" : "?") + "withdrawn=1")
    }

    /// Explains an access decision.
    @Sendable func explainPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        return try await explainPage(request, session)
    }

    /// Adds the extension the form describes, for a role or a login, or for `account`.
    func add(
        _ input: inout ExtensionForm, _ session: AuthenticatedSession, account: AccountID? = nil, language: Language
    )
        async throws
    {
        var accountID = account
        if account == nil, let login = input.login.nonEmpty {
            accountID = try await self.account(login: login, session, language).accountID
        }
        let role = Role(rawValue: input.role)
        guard (role == nil) != (accountID == nil) else {
            throw FormError(
                message: Strings.text(role == nil ? "rights.choose_target" : "rights.both_targets", language))
        }
        do {
            _ = try await service.addRightsExtension(
                RightsExtensionInput(
                    role: role, accountID: accountID, capability: input.capability, scope: input.scope,
                    effect: input.effect, condition: input.condition.nonEmpty, comment: input.comment.nonEmpty),
                caller: session.caller)
        } catch JournalError.invalid(let field, let message) {
            if field == "condition" {
                let error = message.values["error"] ?? message.text(language)
                input.conditionLine = SourceListing.line(in: error, file: "condition.lua")
                throw FormError(message: Strings.text("rights.condition_error", language, ["error": error]))
            }
            throw FormError(message: Strings.text("web.refused", language, ["reason": message.text(language)]))
        } catch let error as JournalError {
            throw FormError(message: Strings.text("web.refused", language, ["reason": error.text(language)]))
        } catch let error as ServiceError {
            throw FormError(message: Strings.text("web.refused", language, ["reason": error.message.text(language)]))
        }
    }

    /// The account with exactly this login, or a refusal that says there is none.
    func account(login: String, _ session: AuthenticatedSession, _ language: Language) async throws -> UserSummary {
        let found = try await service.users(query: login, caller: session.caller)
        guard let user = found.first(where: { $0.login.lowercased() == login.lowercased() }) else {
            throw FormError(message: Strings.text("rights.unknown_login", language, ["login": login]))
        }
        return user
    }

    func rightsPage(_ request: Request, _ session: AuthenticatedSession, form: ExtensionForm, error: String? = nil)
        async throws -> WebPage
    {
        let language = web.language(request)
        let extensions = try await service.rightsExtensions(caller: session.caller)
        var page = WebPage(title: Strings.text("rights.title", language), language: language, session: session)
        page.active = "/admin/rights"
        page.error = error
        let byRole = Dictionary(grouping: extensions.filter { $0.role != nil }, by: { $0.role! })
        let byAccount = Dictionary(grouping: extensions.filter { $0.accountID != nil }, by: { $0.accountID! })
        var people: [[String: Any]] = []
        for (id, list) in byAccount.sorted(by: { $0.key < $1.key }) {
            let user = try? await service.user(id, caller: session.caller)
            people.append([
                "id": id.rawValue, "login": user?.login ?? id.description, "name": user?.name ?? "",
                "extensions": list.map { extensionValues($0, back: "/admin/rights", language) },
            ])
        }
        let withdrawn = try await service.withdrawnRightsExtensions(caller: session.caller)
        let time = TimeText(timeZone: try await service.school().timeZone)
        page.values = [
            "withdrawn": withdrawn.map { entry -> [String: Any] in
                var values = extensionValues(entry.extension, back: "/admin/rights", language)
                values["target"] =
                    entry.extension.role.map { Strings.text("role.\($0.rawValue)", language) }
                    ?? entry.extension.accountID.map { "#\($0)" } ?? ""
                values["withdrawnAt"] = entry.withdrawnAt.map(time.callAsFunction) ?? "—"
                values["withdrawnBy"] = entry.withdrawnBy ?? "—"
                return values
            },
            "hasWithdrawn": !withdrawn.isEmpty,
            "roles": Role.allCases.filter { byRole[$0] != nil }.map { role in
                [
                    "title": Strings.text("role.\(role.rawValue)", language),
                    "extensions": byRole[role]!.map { extensionValues($0, back: "/admin/rights", language) },
                ]
            },
            "people": people, "hasPeople": !people.isEmpty, "hasRoles": !byRole.isEmpty, "none": extensions.isEmpty,
            "form": formValues(form, language, forUser: false), "action": "/admin/rights",
        ]
        return page
    }

    func extensionValues(_ ext: RightsExtension, back: String, _ language: Language) -> [String: Any] {
        [
            "id": ext.id ?? 0, "capability": ext.capability,
            "capabilityTitle": Strings.text("capability.\(ext.capability)", language),
            "scope": Strings.text("scope.\(ext.scope)", language), "allow": ext.effect == Grant.Effect.allow.rawValue,
            "condition": ext.condition.nonEmpty as Any, "comment": ext.comment.nonEmpty as Any, "author": ext.author,
            "back": back,
        ]
    }

    /// The add form's choices, with what was typed selected and kept.
    func formValues(_ form: ExtensionForm, _ language: Language, forUser: Bool) -> [String: Any] {
        [
            "forUser": forUser, "login": form.login, "condition": form.condition, "comment": form.comment,
            "noRole": form.role.isEmpty,
            "roles": Role.allCases.map {
                [
                    "value": $0.rawValue, "title": Strings.text("role.\($0.rawValue)", language),
                    "selected": $0.rawValue == form.role,
                ]
            },
            "capabilities": Capability.served.map {
                [
                    "value": $0.rawValue, "title": Strings.text("capability.\($0.rawValue)", language),
                    "selected": $0.rawValue == form.capability,
                ]
            },
            "scopes": Scope.allCases.map {
                [
                    "value": $0.rawValue, "title": Strings.text("scope.\($0.rawValue)", language),
                    "selected": $0.rawValue == form.scope,
                ]
            },
            "deny": form.effect == Grant.Effect.deny.rawValue,
            "hasConditionLines": form.conditionLine != nil,
            "conditionLines": form.conditionLine.map {
                SourceListing.numbered(form.condition, marked: [$0])
            } as Any,
        ]
    }
}
