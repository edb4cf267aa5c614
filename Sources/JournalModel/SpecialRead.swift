public import Foundation

/// One read of special-category data (152-ФЗ art. 10): who read what about whom, when and why.
/// Written before the data is returned; a read whose trace cannot be written fails. The log is
/// readable by the administrator and by no one it names.
public struct SpecialRead: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var at: Timestamp
    public var accountID: AccountID?
    public var actorName: String
    public var domain: DataDomain
    /// What was read, as a key the log's pages name (`health.card`, `psychology.sessions`, …).
    public var what: String
    /// The student the data is about, or the staff member (personnel files).
    public var studentID: StudentID?
    public var staffID: StaffID?
    /// Why: the page or API operation it was read through, or an emergency access's reason.
    public var purpose: String
    /// The emergency access the read was made under, when it was outside the reader's rights.
    public var emergencyAccessID: Int64?

    public init(
        id: Int64? = nil, at: Timestamp, accountID: AccountID?, actorName: String, domain: DataDomain,
        what: String, studentID: StudentID? = nil, staffID: StaffID? = nil, purpose: String,
        emergencyAccessID: Int64? = nil
    ) {
        self.id = id
        self.at = at
        self.accountID = accountID
        self.actorName = actorName
        self.domain = domain
        self.what = what
        self.studentID = studentID
        self.staffID = staffID
        self.purpose = purpose
        self.emergencyAccessID = emergencyAccessID
    }
}

/// Access to a student's special-category data outside one's rights, opened by a person for an
/// emergency with a mandatory reason. It lasts a short time, every read under it is logged
/// with it, and its opening is reported to the administrator and the domain's specialists.
/// The holders of an explicit denial (the administrator, for health and psychology) cannot
/// open one.
public struct EmergencyAccess: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var accountID: AccountID
    public var actorName: String
    public var studentID: StudentID
    public var domain: DataDomain
    public var reason: String
    public var openedAt: Timestamp
    public var until: Timestamp

    public init(
        id: Int64? = nil, accountID: AccountID, actorName: String, studentID: StudentID, domain: DataDomain,
        reason: String, openedAt: Timestamp, until: Timestamp
    ) {
        self.id = id
        self.accountID = accountID
        self.actorName = actorName
        self.studentID = studentID
        self.domain = domain
        self.reason = reason
        self.openedAt = openedAt
        self.until = until
    }

    /// How long an emergency access lasts.
    public static let duration: TimeInterval = 60 * 60
    /// The shortest reason accepted: a word or two does not say why.
    public static let minimumReason = 10
}

/// Which special reads to list.
public struct SpecialReadFilter: Sendable, Hashable {
    public var student: StudentID?
    public var staff: StaffID?
    public var account: AccountID?
    public var domain: DataDomain?
    public var emergencyOnly = false
    public var limit = 500

    public init(
        student: StudentID? = nil, staff: StaffID? = nil, account: AccountID? = nil, domain: DataDomain? = nil,
        emergencyOnly: Bool = false, limit: Int = 500
    ) {
        self.student = student
        self.staff = staff
        self.account = account
        self.domain = domain
        self.emergencyOnly = emergencyOnly
        self.limit = limit
    }
}
