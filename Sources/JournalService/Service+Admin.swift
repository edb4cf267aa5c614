public import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore

/// An account as the administrator's list shows it.
public struct UserSummary: Codable, Sendable, Hashable {
    public var accountID: AccountID
    public var login: String
    public var name: String
    public var kind: AccountKind
    public var roles: [Role]
    public var className: String?
    public var mustChangePassword: Bool
    public var isLocked: Bool
    public var isDisabled: Bool
    /// The roles this account can hold (R22): a student's only the student's, and so on.
    public var suitableRoles: [Role]
}

/// A rights extension as the API shows and takes it (R24).
public struct RightsExtensionInput: Codable, Sendable {
    public var role: Role?
    public var accountID: AccountID?
    public var capability: String
    public var scope: String
    /// `allow` or `deny`.
    public var effect: String
    /// Lua: `return function(user, object) return … end`.
    public var condition: String?
    public var comment: String?

    public init(
        role: Role?, accountID: AccountID?, capability: String, scope: String, effect: String, condition: String? = nil,
        comment: String? = nil
    ) {
        self.role = role
        self.accountID = accountID
        self.capability = capability
        self.scope = scope
        self.effect = effect
        self.condition = condition
        self.comment = comment
    }
}

extension JournalService {
    /// Accounts matching a search by login or name (every account when empty), at most 200.
    public func users(query: String?, caller: Caller) async throws -> [UserSummary] {
        try await authorize(caller, .usersView, .school)
        let now = now()
        let wanted = query?.trimmingWhitespace().lowercased() ?? ""
        return try await database.read { reader in
            let roles = Dictionary(grouping: try reader.accountRoles(), by: \.accountID).mapValues { $0.map(\.role) }
            var result: [UserSummary] = []
            for account in try reader.accounts() {
                let summary = try Self.userSummary(account, roles: roles[account.id!] ?? [], now: now, reader)
                if wanted.isEmpty || summary.login.lowercased().contains(wanted)
                    || summary.name.lowercased().contains(wanted)
                    || summary.className?.lowercased() == wanted
                {
                    result.append(summary)
                    if result.count == Limits.usersListed { break }
                }
            }
            return result
        }
    }

    public func user(_ id: AccountID, caller: Caller) async throws -> UserSummary {
        try await authorize(caller, .usersView, .school)
        let now = now()
        return try await database.read { reader in
            guard let account = try reader.account(id) else {
                throw ServiceError.unknown(entity: "account", id: id.description)
            }
            return try Self.userSummary(account, roles: try reader.roles(account: id), now: now, reader)
        }
    }

    static func userSummary(_ account: Account, roles: [Role], now: Date, _ reader: StoreReader) throws -> UserSummary {
        var name = account.login
        var kind = AccountKind.staff
        var className: String?
        switch account.owner {
        case .student(let id):
            kind = .student
            if let student = try reader.student(id) {
                name = student.name.description
                className = try reader.schoolClass(student.classID)?.name
            }
        case .representative(let id):
            kind = .parent
            name = try reader.representative(id)?.name.description ?? name
        case .staff(let id):
            name = try reader.staff(id)?.name.description ?? name
        case nil:
            break
        }
        return UserSummary(
            accountID: account.id!, login: account.login, name: name, kind: kind,
            roles: roles.sorted { $0.rawValue < $1.rawValue }, className: className,
            mustChangePassword: account.mustChangePassword, isLocked: (account.lockedUntil ?? .distantPast) > now,
            isDisabled: account.isDisabled, suitableRoles: Role.suiting(account.owner))
    }

    /// Gives an account exactly these roles (R22): only holders of roles.grant may.
    public func setRoles(account id: AccountID, roles: [Role], caller: Caller) async throws -> UserSummary {
        let object = try await accountObject(id, for: .rolesGrant, caller: caller)
        try await authorize(caller, .rolesGrant, object)
        let wanted = Set(roles)
        let sensitive = try await rolesHoldingDataDenied(to: caller)
        try await database.write(actor: caller.actor, reason: "roles changed") { writer in
            guard let account = try writer.reader.account(id) else {
                throw ServiceError.unknown(entity: "account", id: id.description)
            }
            let unsuited = wanted.filter { !$0.suits(account.owner) }.map(\.rawValue).sorted()
            guard unsuited.isEmpty else {
                throw JournalError.invalid(
                    field: "roles",
                    message: .init(
                        "error.roles_unsuited",
                        [
                            "roles": unsuited.joined(separator: ", "),
                            "suited": Role.suiting(account.owner).map(\.rawValue).joined(separator: ", "),
                        ]))
            }
            if !wanted.contains(.administrator),
                try writer.reader.roles(account: id).contains(.administrator),
                try writer.reader.accountRoleRows(role: .administrator).count == 1
            {
                throw JournalError.refused(.init("error.last_administrator"))
            }
            let current = try writer.reader.accountRoleRows(account: id)
            for row in current where !wanted.contains(row.role) { try writer.delete(row) }
            let added = wanted.subtracting(current.map(\.role))
            for role in added.sorted(by: { $0.rawValue < $1.rawValue }) {
                try writer.insert(AccountRole(accountID: id, role: role))
            }
            try writer.notify(.roleGranted, account: account, roles: added.intersection(sensitive))
        }
        return try await user(id, caller: .system("roles"))
    }

    /// Rights that stay with the roles that hold them in `roles.lua` (R22).
    static let undelegable: Set<String> = [Capability.rolesGrant.rawValue]

    /// A withdrawn extension, with who withdrew it and when, for the history.
    public struct WithdrawnExtension: Codable, Sendable, Hashable {
        public var `extension`: RightsExtension
        public var withdrawnAt: Date?
        public var withdrawnBy: String?
    }

    /// Every withdrawn extension, newest first: they stay in the history (R24).
    public func withdrawnRightsExtensions(caller: Caller) async throws -> [WithdrawnExtension] {
        try await authorize(caller, .rightsExtend, .school)
        return try await database.read { reader in
            try reader.rightsExtensions(activeOnly: false).filter { !$0.isActive }.map { ext in
                let withdrawal = try reader.auditEntries(entity: RightsExtension.databaseTableName, entityID: ext.id)
                    .last { $0.action == .update }
                return WithdrawnExtension(
                    extension: ext, withdrawnAt: withdrawal?.at, withdrawnBy: withdrawal?.actorName)
            }.sorted { ($0.withdrawnAt ?? .distantPast) > ($1.withdrawnAt ?? .distantPast) }
        }
    }

    /// Every active extension of rights.
    public func rightsExtensions(caller: Caller) async throws -> [RightsExtension] {
        try await authorize(caller, .rightsExtend, .school)
        return try await database.read { try $0.rightsExtensions() }
    }

    /// Extends or restricts the rights of a role or of one person (R24), after checking the
    /// capability, the scope and the condition's Lua.
    public func addRightsExtension(_ input: RightsExtensionInput, caller: Caller) async throws -> RightsExtension {
        try await authorize(caller, .rightsExtend, .school)
        guard (input.role == nil) != (input.accountID == nil) else {
            throw JournalError.invalid(
                field: "role", message: .init("error.role_or_account"))
        }
        guard Capability(rawValue: input.capability) != nil else {
            throw JournalError.invalid(
                field: "capability",
                message: .init(
                    "error.not_a_capability",
                    [
                        "value": input.capability,
                        "accepted": Capability.allCases.map(\.rawValue).joined(separator: ", "),
                    ]))
        }
        guard Scope(rawValue: input.scope) != nil else {
            throw JournalError.invalid(
                field: "scope",
                message: .init(
                    "error.not_a_scope",
                    ["value": input.scope, "accepted": Scope.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        guard Grant.Effect(rawValue: input.effect) != nil else {
            throw JournalError.invalid(field: "effect", message: .init("error.not_an_effect", ["value": input.effect]))
        }
        // R22: only the Administrator gives roles; the right cannot be handed on by an extension.
        if input.effect == Grant.Effect.allow.rawValue, Self.undelegable.contains(input.capability) {
            throw JournalError.invalid(
                field: "capability",
                message: .init("error.undelegable", ["capability": input.capability]))
        }
        if let source = input.condition {
            guard source.utf8.count <= Limits.conditionBytes else {
                throw JournalError.invalid(
                    field: "condition",
                    message: .init("error.condition_too_long", ["limit": String(Limits.conditionBytes / 1024)]))
            }
            do {
                _ = try access.conditions.condition(source: source, name: "condition.lua")
            } catch let error as RulesError {
                throw JournalError.invalid(
                    field: "condition", message: .init("error.condition", ["error": error.description]))
            }
        }
        if let accountID = input.accountID, try await database.read({ try $0.account(accountID) }) == nil {
            throw ServiceError.unknown(entity: "account", id: accountID.description)
        }
        return try await database.write(actor: caller.actor, reason: input.comment ?? "rights extended") { writer in
            try writer.insert(
                RightsExtension(
                    role: input.role, accountID: input.accountID, capability: input.capability, scope: input.scope,
                    effect: input.effect, condition: input.condition, comment: input.comment,
                    author: writer.actor.displayName, createdAt: writer.now))
        }
    }

    /// Withdraws an extension; it stays in the history, inactive.
    public func removeRightsExtension(_ id: Int64, caller: Caller) async throws {
        try await authorize(caller, .rightsExtend, .school)
        try await database.write(actor: caller.actor, reason: "rights extension withdrawn") { writer in
            guard var ext = try writer.reader.rightsExtension(id), ext.isActive else {
                throw ServiceError.unknown(entity: "active rights extension", id: String(id))
            }
            ext.isActive = false
            try writer.update(ext)
        }
    }

    /// Sets the students assigned to a psychologist or social pedagogue.
    public func setCaseload(staff id: StaffID, students: [StudentID], caller: Caller) async throws {
        try await authorize(caller, .usersManage, AccessObject(kind: .staff, id: id.rawValue, staffID: id))
        try await database.write(actor: caller.actor, reason: "caseload changed") { writer in
            guard try writer.reader.staff(id) != nil else {
                throw ServiceError.unknown(entity: "staff member", id: id.description)
            }
            let wanted = Set(students)
            for student in wanted where try writer.reader.student(student) == nil {
                throw ServiceError.unknown(entity: "student", id: student.description)
            }
            let current = try writer.reader.caseloadEntries(staff: id)
            for entry in current where !wanted.contains(entry.studentID) { try writer.delete(entry) }
            for student in wanted.subtracting(current.map(\.studentID)).sorted() {
                try writer.insert(CaseloadEntry(staffID: id, studentID: student))
            }
        }
    }
}
