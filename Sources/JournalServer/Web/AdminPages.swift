import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization
import NIOCore

/// The administrator's pages (R20–R24): accounts with their roles and states, printable
/// slips for new accounts, password resets, and one person's roles and rights. Rights
/// extensions and explanations of access are in `AdminPages+Rights.swift`.
struct AdminPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// What the person typed in the form that creates accounts.
    struct GenerateForm: Decodable {
        var kind = ""
        var className = ""

        init() {}

        /// The class travels as `class`; a field not sent is empty.
        init(from decoder: any Decoder) throws {
            let form = try decoder.container(keyedBy: CodingKeys.self)
            kind = try form.decodeIfPresent(String.self, forKey: .kind) ?? ""
            className = try form.decodeIfPresent(String.self, forKey: .className).trimmedText ?? ""
        }

        enum CodingKeys: String, CodingKey {
            case kind
            case className = "class"
        }
    }

    /// What the form that adds one person posts: the kind of person as `person`, and the
    /// fields of that kind (``NewPersonKind/fields``), which differ from kind to kind.
    struct NewPersonForm: Decodable {
        var person: String?
        var fields: [String: String]

        init(from decoder: any Decoder) throws {
            person = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .person)
            fields = try [String: String](from: decoder)
        }

        enum CodingKeys: String, CodingKey {
            case person
        }
    }

    /// What the roles form posts: a checkbox per role.
    struct RolesForm: Decodable {
        var role: [String]
    }

    /// What the person typed in the form that adds one person, and what was wrong with it.
    struct PersonForm {
        var kind: NewPersonKind
        var fields: [String: String] = [:]
        var errors: [String: String] = [:]
    }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/admin/users", use: usersPage)
            .post("/admin/people", use: addPerson)
            .post("/admin/accounts", use: generateAccounts)
            .get("/admin/users/:id", use: userPage)
            .post("/admin/users/:id/roles", use: setRoles)
            .post("/admin/users/:id/password", use: resetPassword)
    }

    /// The accounts, found by name or login, with the forms that add people and accounts.
    @Sendable func usersPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        return try await usersPage(request, session, query: request.query("q") ?? "", generate: GenerateForm())
    }

    /// Adds a person and prints their sign-in slip.
    @Sendable func addPerson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(NewPersonForm.self)
        let language = web.language(request)
        // The kind of person travels as `person`: `kind` is a column of the representatives'
        // row (how they are related to the child), and two fields of one name lose one.
        guard let kind = NewPersonKind(rawValue: form.person ?? "") else {
            throw Problem.badRequest(
                "problem.person_kind", ["accepted": NewPersonKind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        var typed = PersonForm(kind: kind)
        for field in kind.fields { typed.fields[field] = form.fields[field] ?? "" }
        do {
            let account = try await service.addPerson(kind, fields: typed.fields, caller: session.caller)
            let school = try await service.school()
            return Self.slips(
                AccountSlipsPage.html(
                    [account], school: school.name, address: web.signInAddress(request), language: language))
        } catch let refusal as NewPersonRefusal {
            for problem in refusal.problems {
                let field = problem.field ?? ""
                typed.errors[field] = [typed.errors[field], problem.message].compactMap { $0 }.joined(
                    separator: "; ")
            }
            let general = typed.errors.removeValue(forKey: "")
            return try await usersPage(
                request, session, query: "", generate: GenerateForm(), person: typed,
                error: general.map { refusalText($0, language) } ?? Strings.text("journal.fix_fields", language))
        } catch let error as ServiceError {
            return try await usersPage(
                request, session, query: "", generate: GenerateForm(), person: typed,
                error: refusal(error, language))
        }
    }

    /// Generates the accounts a class or a kind of person lacks and prints their slips.
    @Sendable func generateAccounts(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let input = try await request.decodeForm(GenerateForm.self)
        let language = web.language(request)
        do {
            let accounts = try await service.generateAccounts(
                kind: AccountKind(rawValue: input.kind), className: input.className.nonEmpty,
                caller: session.caller)
            guard !accounts.isEmpty else {
                return try await usersPage(
                    request, session, query: "", generate: input,
                    flash: Strings.text("users.generate_none", language))
            }
            let school = try await service.school()
            return Self.slips(
                AccountSlipsPage.html(
                    accounts, school: school.name, address: web.signInAddress(request), language: language))
        } catch let error as ServiceError {
            return try await usersPage(
                request, session, query: "", generate: input, error: refusal(error, language))
        } catch let error as JournalError {
            return try await usersPage(
                request, session, query: "", generate: input, error: refusal(error, language))
        }
    }

    /// One account: its roles, rights extensions and password reset.
    @Sendable func userPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = AccountID(try context.parameters.id("id"))
        var page = try await userPage(request, session, id, rights: RightsPages.ExtensionForm())
        if request.query("saved") != nil { page.flash = Strings.text("user.roles_saved", page.language) }
        if request.query("added") != nil { page.flash = Strings.text("rights.added", page.language) }
        if request.query("withdrawn") != nil { page.flash = Strings.text("rights.withdrawn", page.language) }
        return web.render("admin_user", page)
    }

    /// Sets an account's roles.
    @Sendable func setRoles(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = AccountID(try context.parameters.id("id"))
        let roles = try await request.decodeForm(RolesForm.self).role.compactMap(Role.init(rawValue:))
        _ = try await service.setRoles(account: id, roles: roles, caller: session.caller)
        return WebResponse.redirect("/admin/users/\(id)?saved=1")
    }

    /// Resets an account's password and shows the new one once.
    @Sendable func resetPassword(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = AccountID(try context.parameters.id("id"))
        // Read before the reset: whoever may reset may see whose password they reset,
        // and a refusal here leaves the old password in place.
        let user = try await service.accountForReset(id, caller: session.caller)
        let password = try await service.resetPassword(account: id, caller: session.caller)
        let language = web.language(request)
        var page = WebPage(
            title: Strings.text("user.password_title", language), language: language, session: session)
        page.active = "/admin/users"
        page.values = ["account": userValues(user, language), "password": password]
        return web.render("admin_password", page)
    }

    /// The list of accounts, searched by login, name or class, with the form that creates
    /// accounts and prints their slips.
    func usersPage(
        _ request: Request, _ session: AuthenticatedSession, query: String, generate: GenerateForm,
        person: PersonForm? = nil, flash: String? = nil, error: String? = nil
    ) async throws -> Response {
        let language = web.language(request)
        let users = try await service.users(query: query, caller: session.caller)
        var page = WebPage(title: Strings.text("users.title", language), language: language, session: session)
        page.active = "/admin/users"
        page.flash = flash
        page.error = error
        page.values = [
            "query": query, "users": users.map { userValues($0, language) }, "none": users.isEmpty,
            "many": users.count >= 200,
            "canGenerate": try await web.holds(session, .usersManage),
            "kinds": AccountKind.allCases.map { kind in
                [
                    "value": kind.rawValue, "title": Strings.text("users.kind_\(kind.rawValue)", language),
                    "selected": kind.rawValue == generate.kind,
                ]
            },
            "allKinds": generate.kind.isEmpty, "generateClass": generate.className,
            "people": NewPersonKind.allCases.map { kind -> [String: Any] in
                let typed = person?.kind == kind ? person : nil
                return [
                    "kind": kind.rawValue, "title": Strings.text("users.add_\(kind.rawValue)", language),
                    "open": typed != nil,
                    "fields": kind.fields.map { field -> [String: Any] in
                        [
                            "name": field, "id": "\(kind.rawValue)-\(field)",
                            "label": Strings.text("person.\(field)", language),
                            "value": typed?.fields[field] ?? "", "fieldError": typed?.errors[field] as Any,
                            "required": ["last_name", "first_name", "class", "position", "student"].contains(field),
                        ]
                    },
                ]
            },
        ]
        return web.render("admin_users", page, status: error == nil ? .ok : .unprocessableContent)
    }

    /// One person: their roles (editable by holders of roles.grant), a password reset, their
    /// own rights extensions and a form to add one.
    func userPage(
        _ request: Request, _ session: AuthenticatedSession, _ id: AccountID, rights form: RightsPages.ExtensionForm,
        error: String? = nil
    ) async throws -> WebPage {
        let language = web.language(request)
        let user = try await service.user(id, caller: session.caller)
        var page = WebPage(title: user.name, language: language, session: session)
        page.active = "/admin/users"
        page.error = error
        let canGrant = try await web.holds(session, .rolesGrant)
        let canExtend = try await web.holds(session, .rightsExtend)
        var values: [String: Any] = [
            "account": userValues(user, language), "canGrant": canGrant,
            "canReset": try await web.holds(session, .passwordsReset),
            "canExplain": try await web.holds(session, .accessExplain),
            "roles": user.suitableRoles.map { role in
                [
                    "value": role.rawValue, "title": Strings.text("role.\(role.rawValue)", language),
                    "checked": user.roles.contains(role),
                ]
            },
        ]
        if canExtend {
            let rights = RightsPages(web: web)
            let extensions = try await service.rightsExtensions(caller: session.caller).filter { $0.accountID == id }
            values["rights"] = [
                "extensions": extensions.map { rights.extensionValues($0, back: "/admin/users/\(id)", language) },
                "none": extensions.isEmpty,
                "form": rights.formValues(form, language, forUser: true),
                "action": "/admin/users/\(id)/rights",
            ]
        }
        page.values = values
        return page
    }

    func userValues(_ user: UserSummary, _ language: Language) -> [String: Any] {
        [
            "id": user.accountID.rawValue, "login": user.login, "name": user.name,
            "kind": Strings.text("users.kind_\(user.kind.rawValue)", language), "className": user.className as Any,
            "roles": user.roles.map { Strings.text("role.\($0.rawValue)", language) }.joined(separator: ", "),
            "locked": user.isLocked, "mustChange": user.mustChangePassword, "disabled": user.isDisabled,
        ]
    }

    func refusal(_ error: any Error, _ language: Language) -> String {
        refusalText("\(error)", language)
    }

    func refusalText(_ reason: String, _ language: Language) -> String {
        Strings.text("web.refused", language, ["reason": reason])
    }

    /// The printable slips, passwords inside: never stored by a cache. The page is the
    /// service's self-contained document, so its one style block is allowed by its hash.
    static func slips(_ html: String) -> Response {
        var response = WebResponse.html(html)
        var styles = "'self'"
        var rest = html[...]
        while let open = rest.range(of: "<style>"), let close = rest[open.upperBound...].range(of: "</style>") {
            let digest = SHA256.hash(data: Data(rest[open.upperBound..<close.lowerBound].utf8))
            styles += " 'sha256-\(Data(digest).base64EncodedString())'"
            rest = rest[close.upperBound...]
        }
        response.headers[.init("Content-Security-Policy")!] =
            "default-src 'none'; style-src \(styles); form-action 'none'; frame-ancestors 'none'"
        return response
    }
}

extension WebSupport {
    /// Whether the signed-in person holds `capability` on `object`: for showing a form or a
    /// link. The service checks again when the form is sent.
    func holds(_ session: AuthenticatedSession, _ capability: Capability, on object: AccessObject = .school)
        async throws -> Bool
    {
        try await service.accessPolicy().decide(session.subject, capability, object).allowed
    }

    /// Refuses the page with a 403 that says why, unless the person holds `capability`.
    func require(
        _ session: AuthenticatedSession, _ capability: Capability, on object: AccessObject = .school,
        _ language: Language
    ) async throws {
        let decision = try await service.accessPolicy().decide(session.subject, capability, object)
        guard decision.allowed else {
            throw WebForbidden(reason: ErrorPage.denied(decision, language))
        }
    }
}
