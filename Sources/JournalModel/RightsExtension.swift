public import Foundation

/// An administrator's extension or restriction of the rights of a role or of one person
/// (R24): a capability in a scope, granted or denied, perhaps under a Lua condition. A change
/// deactivates the old row and adds a new one, so the history stays.
public struct RightsExtension: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var role: Role?
    public var accountID: AccountID?
    public var capability: String
    public var scope: String
    /// `allow` or `deny`.
    public var effect: String
    /// Lua source returning function(user, object) → boolean, or nil.
    public var condition: String?
    public var comment: String?
    public var author: String
    public var createdAt: Date
    public var isActive: Bool

    public init(
        id: Int64? = nil, role: Role?, accountID: AccountID?, capability: String, scope: String, effect: String,
        condition: String?, comment: String?, author: String, createdAt: Date, isActive: Bool = true
    ) {
        self.id = id
        self.role = role
        self.accountID = accountID
        self.capability = capability
        self.scope = scope
        self.effect = effect
        self.condition = condition
        self.comment = comment
        self.author = author
        self.createdAt = createdAt
        self.isActive = isActive
    }
}
