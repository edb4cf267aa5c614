import Foundation
import JournalAccess
public import JournalImport
import JournalModel
import JournalStore
import Spreadsheet

/// The kinds of person an administrator adds one at a time.
public enum NewPersonKind: String, CaseIterable, Sendable, Codable {
    case student, staff, parent

    /// The import file whose single row describes such a person.
    public var importKind: ImportKind {
        switch self {
        case .student: .students
        case .staff: .staff
        case .parent: .representatives
        }
    }

    /// The fields of the form: the import file's columns.
    public var fields: [String] { importKind.columns.map(\.name) }
}

/// A person refused: what is wrong with which field (an import column), for the form.
public struct NewPersonRefusal: Error, Sendable, CustomStringConvertible {
    public var problems: [(field: String?, message: String)]

    public var description: String {
        problems.map { problem in problem.field.map { "\($0): \(problem.message)" } ?? problem.message }
            .joined(separator: "; ")
    }
}

extension JournalService {
    /// Adds one person from the users page — a student, a staff member or a legal
    /// representative — checked exactly as one row of the import file of that kind, and gives
    /// them an account at once (R11, R20): the person, the account and its roles are written in
    /// one transaction, or nothing is. `fields` are the import file's columns.
    public func addPerson(_ kind: NewPersonKind, fields: [String: String], caller: Caller) async throws
        -> GeneratedAccount
    {
        try await authorize(caller, .usersManage, .school)
        try await authorize(caller, kind.importKind.capability, .school)
        // A staff member's account comes with roles (named, or suggested by the position):
        // only those who grant roles may add one (R22).
        if kind == .staff { try await authorize(caller, .rolesGrant, .school) }
        let columns = kind.fields
        let row = columns.map { CSVField.escape(fields[$0]?.trimmingWhitespace() ?? "") }
        let csv = columns.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n"
        var random = SystemRandomNumberGenerator()
        let password = PasswordGenerator().makePassword(using: &random)
        let hash = try await hashPassword(password)
        let now = now()
        do {
            return try await planAndWrite(
                kind: kind.importKind, file: "form", bytes: Array(csv.utf8), actor: caller.actor,
                reason: "\(kind.rawValue) added with an account"
            ) { plan, writer in
                try Self.addPerson(plan, password: password, hash: hash, now: now, writer)
            }
        } catch let failure as ImportFailure {
            throw NewPersonRefusal(problems: failure.issues.map { ($0.column, $0.message.text) })
        }
    }

    private static func addPerson(
        _ plan: ImportPlan, password: String, hash: String, now: Date, _ writer: AuditedWriter
    ) throws -> GeneratedAccount {
        guard let owner = try apply(plan, writer).first,
            let person = try peopleWithoutAccounts(kind: nil, className: nil, writer.reader)
                .first(where: { $0.owner == owner })
        else {
            throw NewPersonRefusal(problems: [
                (nil, "this person is already in the journal; find them in the list and reset their password")
            ])
        }
        var logins = LoginGenerator(taken: try writer.reader.logins())
        let login = logins.makeLogin(for: person.name)
        try insertAccount(for: person, login: login, passwordHash: hash, now: now, writer)
        return GeneratedAccount(
            login: login, password: password, displayName: person.name.description, roles: person.roles,
            className: person.className, children: person.children)
    }
}
