import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalStore

extension JournalService {
    /// How long a notice shows on its readers' home pages.
    static let securityNoticeDays = 30

    /// The roles that hold data the caller's own rights deny them — for the administrator,
    /// whom `roles.lua` denies health and psychology, the medical worker and the psychologist.
    /// Resetting the password of such an account, or giving someone such a role, lets the
    /// caller reach that data; those acts are told to the role's holders.
    func rolesHoldingDataDenied(to caller: Caller) async throws -> Set<Role> {
        guard let subject = caller.subject else { return [] }
        let policy = try await accessPolicy()
        let denied = Set(
            Capability.allCases.filter { capability in
                let decision = policy.decide(subject, capability, .school)
                return !decision.allowed && decision.decidedBy != nil
            })
        guard !denied.isEmpty else { return [] }
        let rules = try await rules()
        return Set(
            rules.roles.grants.compactMap { grant -> Role? in
                guard grant.effect == .allow, denied.contains(grant.capability), case .role(let role) = grant.source
                else { return nil }
                return role
            })
    }

    /// The notices a person sees: about the roles they hold and about their own account.
    func securityNotices(for subject: AccessSubject) async throws -> [SecurityNotice] {
        let since = now().addingTimeInterval(-Double(Self.securityNoticeDays) * 86_400)
        return try await database.read { reader in
            try reader.securityNotices(roles: subject.roles, account: subject.accountID, since: since)
        }
    }
}

extension AuditedWriter {
    /// Records that `kind` was done to `account` for the holders of each of `roles`.
    func notify(_ kind: SecurityNotice.Kind, account: Account, roles: Set<Role>) throws {
        for role in roles.sorted(by: { $0.rawValue < $1.rawValue }) {
            try insert(
                SecurityNotice(
                    at: now, kind: kind, actorAccountID: actor.accountID, actorName: actor.displayName,
                    accountID: account.id!, accountLogin: account.login, role: role))
        }
    }
}
