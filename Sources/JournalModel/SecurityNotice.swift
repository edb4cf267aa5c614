public import Foundation

/// An act over an account that holds data its actor may not read — resetting a psychologist's
/// password, giving someone the medical role — shown to the holders of the roles concerned.
/// The administrator runs the system but is denied health and psychology data; without these
/// notices that denial would be a convention, since they could take over such an account.
public struct SecurityNotice: Codable, Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// The account's password was reset: whoever resets it can sign in as its holder.
        case passwordReset = "password_reset"
        /// The account was given a role holding such data.
        case roleGranted = "role_granted"
        /// The actor opened an emergency access to a student's special-category data outside
        /// their rights; the role told is the domain's specialists' and the administrator's.
        case emergencyAccess = "emergency_access"
    }

    public var id: Int64?
    public var at: Timestamp
    public var kind: Kind
    /// Who acted, as the audit log names them.
    public var actorAccountID: AccountID?
    public var actorName: String
    /// The account acted on.
    public var accountID: AccountID
    public var accountLogin: String
    /// The role whose holders are told: the role granted, or a role the account holds.
    public var role: Role

    public init(
        id: Int64? = nil, at: Timestamp, kind: Kind, actorAccountID: AccountID?, actorName: String,
        accountID: AccountID, accountLogin: String, role: Role
    ) {
        self.id = id
        self.at = at
        self.kind = kind
        self.actorAccountID = actorAccountID
        self.actorName = actorName
        self.accountID = accountID
        self.accountLogin = accountLogin
        self.role = role
    }
}
