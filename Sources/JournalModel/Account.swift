public import Foundation

/// Whose account it is: every account belongs to exactly one person.
public enum AccountOwner: Hashable, Sendable, Codable {
    case student(StudentID)
    case representative(RepresentativeID)
    case staff(StaffID)
}

/// A sign-in account: a login and a slow password hash, never the password.
public struct Account: Codable, Hashable, Sendable, Identifiable {
    public var id: AccountID?
    public var login: String
    public var passwordHash: String
    /// Set for generated and reset passwords: the person must choose their own at first sign-in.
    public var mustChangePassword: Bool
    public var studentID: StudentID?
    public var representativeID: RepresentativeID?
    public var staffID: StaffID?
    public var isDisabled: Bool
    public var failedAttempts: Int
    public var lockedUntil: Timestamp?
    public var createdAt: Timestamp

    public init(
        id: AccountID? = nil, login: String, passwordHash: String, mustChangePassword: Bool = true,
        owner: AccountOwner, isDisabled: Bool = false, failedAttempts: Int = 0, lockedUntil: Timestamp? = nil,
        createdAt: Timestamp
    ) {
        self.id = id
        self.login = login
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
        self.isDisabled = isDisabled
        self.failedAttempts = failedAttempts
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
        switch owner {
        case .student(let id): studentID = id
        case .representative(let id): representativeID = id
        case .staff(let id): staffID = id
        }
    }

    public var owner: AccountOwner? {
        if let studentID { return .student(studentID) }
        if let representativeID { return .representative(representativeID) }
        if let staffID { return .staff(staffID) }
        return nil
    }
}

/// How a session's token travels: in a cookie, for the web pages (whose forms then carry a
/// CSRF token), or as a bearer token, for API clients.
public enum SessionKind: String, Codable, Hashable, Sendable {
    case cookie
    case bearer
}
