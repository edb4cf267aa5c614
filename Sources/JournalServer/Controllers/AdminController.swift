import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalService

/// Administration (R20–R24): accounts, roles, rights extensions, explanations of access,
/// account generation, caseloads.
struct AdminController {
    let service: JournalService

    struct RolesChange: Decodable {
        var roles: [Role]
    }

    struct PasswordReset: Encodable {
        var login: String
        var password: String
        var mustChangePassword: Bool
    }

    struct GenerateRequest: Decodable {
        var kind: AccountKind?
        var className: String?
    }

    struct CaseloadChange: Decodable {
        var students: [StudentID]
    }

    /// The change history's filters from the query string, each checked; `fromForm` for the
    /// page's form, whose empty fields are no filter.
    static func historyQuery(_ request: Request, fromForm: Bool = false) throws -> HistoryQuery {
        let filters = QueryFilters(request, fromForm: fromForm)
        var query = HistoryQuery(
            kind: filters.text("kind"), id: try filters.positiveNumber("id"), actor: filters.text("actor"))
        query.student = try filters.positiveNumber("studentID").map { StudentID($0) }
        query.className = filters.text("className")
        query.assignment = try filters.positiveNumber("assignmentID").map { AssignmentID($0) }
        query.lesson = try filters.positiveNumber("lessonID").map { LessonID($0) }
        query.work = try filters.positiveNumber("workID").map { WorkID($0) }
        query.from = try filters.date("from")
        query.to = try filters.date("to")
        query.before = try filters.positiveNumber("before")
        query.limit = Int(try filters.positiveNumber("limit") ?? 100)
        return query
    }

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/audit", use: history)
        routes.on(.get, "/api/v1/users", use: users)
        routes.on(.get, "/api/v1/users/{accountID}", use: user)
        routes.on(.put, "/api/v1/users/{accountID}/roles", use: setRoles)
        routes.on(.post, "/api/v1/users/{accountID}/password-reset", use: resetPassword)
        routes.on(.get, "/api/v1/rights", use: rightsExtensions)
        routes.on(.post, "/api/v1/rights", use: addRightsExtension)
        routes.on(.delete, "/api/v1/rights/{extensionID}", use: removeRightsExtension)
        routes.on(.get, "/api/v1/access/explain", use: explainAccess)
        routes.on(.post, "/api/v1/accounts/generate", use: generateAccounts)
        routes.on(.put, "/api/v1/staff/{staffID}/caseload", use: setCaseload)
    }

    /// The change history, newest first.
    @Sendable func history(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.history(try Self.historyQuery(request), caller: try context.caller()))
    }

    /// The accounts, found by name or login.
    @Sendable func users(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.users(query: request.query("q"), caller: try context.caller()))
    }

    /// One account.
    @Sendable func user(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = AccountID(try context.parameters.id("accountID"))
        return try JSON.response(try await service.user(id, caller: try context.caller()))
    }

    /// Sets an account's roles.
    @Sendable func setRoles(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = AccountID(try context.parameters.id("accountID"))
        let body = try await JSON.body(RolesChange.self, request, context: context)
        return try JSON.response(
            try await service.setRoles(account: id, roles: body.roles, caller: try context.caller()))
    }

    /// Resets an account's password and returns the new one once.
    @Sendable func resetPassword(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = AccountID(try context.parameters.id("accountID"))
        let password = try await service.resetPassword(account: id, caller: try context.caller())
        let user = try await service.user(id, caller: .system("password reset"))
        return try JSON.response(PasswordReset(login: user.login, password: password, mustChangePassword: true))
    }

    /// The rights extensions in force.
    @Sendable func rightsExtensions(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.rightsExtensions(caller: try context.caller()))
    }

    /// Adds a rights extension.
    @Sendable func addRightsExtension(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(RightsExtensionInput.self, request, context: context)
        return try JSON.response(
            try await service.addRightsExtension(body, caller: try context.caller()), status: .created)
    }

    /// Withdraws a rights extension.
    @Sendable func removeRightsExtension(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await service.removeRightsExtension(
            try context.parameters.id("extensionID"), caller: try context.caller())
        return Response(status: .noContent)
    }

    /// Explains an access decision: which grant or denial decided.
    @Sendable func explainAccess(_ request: Request, context: JournalRequestContext) async throws -> Response {
        guard let accountText = request.query("account"), let account = Int64(accountText) else {
            throw Problem.badRequest("problem.account_query", field: "account")
        }
        guard let capability = request.query("capability").flatMap(Capability.init(rawValue:)) else {
            throw Problem.badRequest(
                "problem.capability_query",
                ["accepted": Capability.allCases.map(\.rawValue).joined(separator: ", ")], field: "capability")
        }
        guard let object = AccessObjectReference(request.query("object") ?? "school") else {
            throw Problem.badRequest(
                "problem.object_query",
                ["kinds": AccessObject.Kind.allCases.map(\.rawValue).joined(separator: ", ")], field: "object")
        }
        let decision = try await service.explainAccess(
            account: AccountID(account), capability: capability, object: object, caller: try context.caller())
        return try JSON.response(decision)
    }

    /// Generates the accounts a class or a kind of person lacks.
    @Sendable func generateAccounts(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(GenerateRequest.self, request, context: context)
        let accounts = try await service.generateAccounts(
            kind: body.kind, className: body.className, caller: try context.caller())
        return try JSON.response(accounts, status: .created)
    }

    /// Sets a staff member's caseload.
    @Sendable func setCaseload(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = StaffID(try context.parameters.id("staffID"))
        let body = try await JSON.body(CaseloadChange.self, request, context: context)
        try await service.setCaseload(staff: id, students: body.students, caller: try context.caller())
        return Response(status: .noContent)
    }
}
