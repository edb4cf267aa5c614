/// Who does something: a signed-in person, or the system itself (the command line run by
/// the school's administrator, the demo generator, a scheduled job). Every audit record
/// names one.
public struct Actor: Hashable, Sendable, Codable, CustomStringConvertible {
    public var accountID: AccountID?
    public var staffID: StaffID?
    /// How the audit log and messages show the actor.
    public var displayName: String
    /// Through which page or call the change came: `PATCH /api/v1/marks/17`, `journal import`.
    public var via: String?

    public init(accountID: AccountID?, staffID: StaffID? = nil, displayName: String, via: String? = nil) {
        self.accountID = accountID
        self.staffID = staffID
        self.displayName = displayName
        self.via = via
    }

    /// The command line or a background job acting for the school.
    public static func system(_ name: String = "system") -> Actor { Actor(accountID: nil, displayName: name) }

    public var description: String { displayName }
}
