public import JournalModel

/// Where a grant or denial comes from, for explanations.
public enum GrantSource: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The role's definition in the rules (`rules/roles.lua`).
    case role(Role)
    /// An administrator's extension of a role (R24).
    case roleExtension(Role, id: Int64)
    /// An administrator's extension for one person (R24).
    case userExtension(AccountID, id: Int64)

    public var description: String {
        switch self {
        case .role(let role): "role \(role.rawValue)"
        case .roleExtension(let role, let id): "extension #\(id) of role \(role.rawValue)"
        case .userExtension(let account, let id): "extension #\(id) for account \(account)"
        }
    }
}

/// A right given or taken: a capability in a scope, perhaps only when a condition holds.
public struct Grant: Sendable {
    public enum Effect: String, Sendable, Hashable, Codable {
        case allow
        case deny
    }

    public var capability: Capability
    public var scope: Scope
    public var effect: Effect
    public var source: GrantSource
    /// A condition written in the rules (Lua) or by an administrator; nil means always.
    public var condition: Condition?

    public init(capability: Capability, scope: Scope, effect: Effect, source: GrantSource, condition: Condition? = nil)
    {
        self.capability = capability
        self.scope = scope
        self.effect = effect
        self.source = source
        self.condition = condition
    }

    /// `role teacher grants marks.edit in own_groups`.
    public var description: String {
        let verb = effect == .allow ? "grants" : "denies"
        let when = condition.map { " when \($0.label)" } ?? ""
        return "\(source) \(verb) \(capability.rawValue) in \(scope.rawValue)\(when)"
    }
}

/// A condition on a grant, evaluated for the subject and object at decision time. Access
/// never runs Lua itself: the rules build these closures from scripts.
public struct Condition: Sendable {
    /// How explanations show it: `roles.lua:41`.
    public var label: String
    public var evaluate: @Sendable (AccessSubject, AccessObject) throws -> Bool

    public init(label: String, evaluate: @escaping @Sendable (AccessSubject, AccessObject) throws -> Bool) {
        self.label = label
        self.evaluate = evaluate
    }
}

/// A decision with its reason. `explain` shows it to administrators; tests assert on it.
public struct Decision: Sendable, Hashable, Codable, CustomStringConvertible {
    public var allowed: Bool
    public var capability: Capability
    public var object: String
    /// The grant or denial that decided, when one did.
    public var decidedBy: String?
    /// Why, in a sentence.
    public var reason: String

    public var description: String { (allowed ? "allowed: " : "denied: ") + reason }
}

/// Every grant and denial of the school: from the roles' definitions and the administrator's
/// extensions. Deny by default; an explicit denial wins over any grant.
public struct AccessPolicy: Sendable {
    /// Per role, per capability: the role's own grants and denials and its extensions.
    private var byRole: [Role: [Capability: [Grant]]] = [:]
    private var byAccount: [AccountID: [Capability: [Grant]]] = [:]
    public private(set) var titles: [Role: String]
    /// How many days after a lesson its substitute keeps their rights over it.
    public let substituteDays: Int

    public init(
        roleGrants: [Grant], userGrants: [AccountID: [Grant]] = [:], titles: [Role: String] = [:],
        substituteDays: Int = 7
    ) {
        for grant in roleGrants {
            switch grant.source {
            case .role(let role), .roleExtension(let role, _):
                byRole[role, default: [:]][grant.capability, default: []].append(grant)
            case .userExtension(let account, _):
                byAccount[account, default: [:]][grant.capability, default: []].append(grant)
            }
        }
        for (account, grants) in userGrants {
            for grant in grants { byAccount[account, default: [:]][grant.capability, default: []].append(grant) }
        }
        self.titles = titles
        self.substituteDays = substituteDays
    }

    /// The grants and denials that could apply to `subject` for `capability`, role by role
    /// (sorted for a stable explanation), then the person's own.
    func candidates(_ subject: AccessSubject, _ capability: Capability) -> [Grant] {
        var grants: [Grant] = []
        for role in subject.roles.sorted(by: { $0.rawValue < $1.rawValue }) {
            if let forRole = byRole[role]?[capability] { grants += forRole }
        }
        if let own = byAccount[subject.accountID]?[capability] { grants += own }
        return grants
    }

    /// Decides whether `subject` may exercise `capability` on `object`.
    public func decide(_ subject: AccessSubject, _ capability: Capability, _ object: AccessObject) -> Decision {
        var allowedBy: Grant?
        var failedConditions: [String] = []
        for grant in candidates(subject, capability)
        where subject.covers(object, in: grant.scope, substituteDays: substituteDays) {
            if let condition = grant.condition {
                let holds: Bool
                do {
                    holds = try condition.evaluate(subject, object)
                } catch {
                    // A denial whose condition cannot be decided denies: failing closed is the
                    // only safe reading of "deny when …". A grant that cannot be decided grants nothing.
                    if grant.effect == .deny {
                        return Decision(
                            allowed: false, capability: capability, object: object.description,
                            decidedBy: grant.description,
                            reason: "\(grant.description), and its condition failed (\(error)), so it denies")
                    }
                    failedConditions.append("\(condition.label) failed: \(error)")
                    continue
                }
                if !holds {
                    failedConditions.append("\(grant.description) — the condition does not hold")
                    continue
                }
            }
            if grant.effect == .deny {
                return Decision(
                    allowed: false, capability: capability, object: object.description, decidedBy: grant.description,
                    reason: "\(grant.description), and a denial wins over grants")
            }
            if allowedBy == nil { allowedBy = grant }
        }
        if let grant = allowedBy {
            return Decision(
                allowed: true, capability: capability, object: object.description, decidedBy: grant.description,
                reason: grant.description)
        }
        let roles = subject.roles.map(\.rawValue).sorted().joined(separator: ", ")
        var reason =
            "no grant of \(capability.rawValue) covers \(object.description) for roles \(roles.isEmpty ? "(none)" : roles)"
        if !failedConditions.isEmpty { reason += "; " + failedConditions.joined(separator: "; ") }
        return Decision(
            allowed: false, capability: capability, object: object.description, decidedBy: nil, reason: reason)
    }

    /// Every capability `subject` holds in some scope, for menus and `/me`.
    public func capabilities(of subject: AccessSubject) -> [Capability: Set<Scope>] {
        var result: [Capability: Set<Scope>] = [:]
        for capability in Capability.allCases {
            let grants = candidates(subject, capability).filter { $0.effect == .allow }
            if !grants.isEmpty { result[capability] = Set(grants.map(\.scope)) }
        }
        return result
    }
}
