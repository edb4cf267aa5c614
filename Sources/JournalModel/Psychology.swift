/// What a representative's consent to psychological help covers (Federal Law 273-ФЗ art. 42:
/// psychological-pedagogical help is given with the written consent of the representative).
public enum PsychologyScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// Psychological diagnostics: tests and observation.
    case diagnostics
    /// Counselling: conversations with the child.
    case counselling
    /// Correctional and developmental work: regular sessions of a programme.
    case correction
}

/// A representative's written consent to psychological work of one scope, from the day it was
/// given until the day it was withdrawn (withdrawal is the representative's right; the day
/// of withdrawal is the first day without consent).
public struct PsychologyConsent: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    public var representativeID: RepresentativeID
    public var scope: PsychologyScope
    public var givenOn: LocalDate
    /// The document: its title or number as the school files it.
    public var document: String
    public var withdrawnOn: LocalDate?
    public var recordedBy: StaffID?

    public init(
        id: Int64? = nil, studentID: StudentID, representativeID: RepresentativeID, scope: PsychologyScope,
        givenOn: LocalDate, document: String, withdrawnOn: LocalDate? = nil, recordedBy: StaffID?
    ) {
        self.id = id
        self.studentID = studentID
        self.representativeID = representativeID
        self.scope = scope
        self.givenOn = givenOn
        self.document = document
        self.withdrawnOn = withdrawnOn
        self.recordedBy = recordedBy
    }

    /// Whether the consent covers work on `date`.
    public func covers(_ date: LocalDate) -> Bool {
        givenOn <= date && (withdrawnOn.map { date < $0 } ?? true)
    }
}

/// A session or a diagnostic of a psychologist with a student. Only its author reads it.
public struct PsychologyRecord: Codable, Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case session
        case diagnostic
    }

    public var id: Int64?
    public var studentID: StudentID
    public var authorID: StaffID
    public var date: LocalDate
    public var kind: Kind
    public var scope: PsychologyScope
    public var notes: String
    public var conclusion: String
    public var createdAt: Timestamp

    public init(
        id: Int64? = nil, studentID: StudentID, authorID: StaffID, date: LocalDate, kind: Kind,
        scope: PsychologyScope, notes: String, conclusion: String, createdAt: Timestamp
    ) {
        self.id = id
        self.studentID = studentID
        self.authorID = authorID
        self.date = date
        self.kind = kind
        self.scope = scope
        self.notes = notes
        self.conclusion = conclusion
        self.createdAt = createdAt
    }
}

/// A conclusion of the school's psychological-pedagogical council (ППк) about a student,
/// written by a psychologist. Its author and the staff it is shared with read it.
public struct CouncilConclusion: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    public var authorID: StaffID
    public var date: LocalDate
    public var conclusion: String
    public var recommendations: String
    public var createdAt: Timestamp

    public init(
        id: Int64? = nil, studentID: StudentID, authorID: StaffID, date: LocalDate, conclusion: String,
        recommendations: String, createdAt: Timestamp
    ) {
        self.id = id
        self.studentID = studentID
        self.authorID = authorID
        self.date = date
        self.conclusion = conclusion
        self.recommendations = recommendations
        self.createdAt = createdAt
    }
}

/// The act of sharing a council conclusion with one named member of staff: who shared it,
/// when, and when it was revoked.
public struct CouncilShare: Codable, Hashable, Sendable {
    public var id: Int64?
    public var conclusionID: Int64
    public var staffID: StaffID
    public var sharedBy: StaffID
    public var sharedAt: Timestamp
    public var revokedAt: Timestamp?

    public init(
        id: Int64? = nil, conclusionID: Int64, staffID: StaffID, sharedBy: StaffID, sharedAt: Timestamp,
        revokedAt: Timestamp? = nil
    ) {
        self.id = id
        self.conclusionID = conclusionID
        self.staffID = staffID
        self.sharedBy = sharedBy
        self.sharedAt = sharedAt
        self.revokedAt = revokedAt
    }
}

/// The categories of a class's social passport, kept by the social pedagogue.
public enum SocialFactKind: String, Sendable, Hashable, Codable, CaseIterable {
    case largeFamily = "large_family"
    case singleParent = "single_parent"
    case guardianship
    case disability
    case specialNeeds = "special_needs"
    case lowIncome = "low_income"
    case atRisk = "at_risk"
    case refugee
}

/// One social fact about a student (a large family, guardianship, a disability …), with the
/// document it rests on. Names and facts are the social pedagogue's; class teachers see only
/// counts for their class.
public struct SocialFact: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    public var kind: SocialFactKind
    public var since: LocalDate?
    public var note: String
    public var recordedBy: StaffID?

    public init(
        id: Int64? = nil, studentID: StudentID, kind: SocialFactKind, since: LocalDate?, note: String,
        recordedBy: StaffID?
    ) {
        self.id = id
        self.studentID = studentID
        self.kind = kind
        self.since = since
        self.note = note
        self.recordedBy = recordedBy
    }
}
