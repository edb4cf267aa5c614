/// A teacher's qualification category after attestation.
public enum QualificationCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    case first
    case highest
}

/// A staff member's personal file as HR keeps it: hire date, qualification category and the
/// date of the attestation that gave it. The position is the staff record's.
public struct StaffFile: Codable, Hashable, Sendable {
    public var id: Int64?
    public var staffID: StaffID
    public var hiredOn: LocalDate?
    public var category: QualificationCategory
    public var attestedOn: LocalDate?

    public init(
        id: Int64? = nil, staffID: StaffID, hiredOn: LocalDate?, category: QualificationCategory,
        attestedOn: LocalDate?
    ) {
        self.id = id
        self.staffID = staffID
        self.hiredOn = hiredOn
        self.category = category
        self.attestedOn = attestedOn
    }
}

/// One education of a staff member: institution, year of graduation, qualification.
public struct StaffEducation: Codable, Hashable, Sendable {
    public var id: Int64?
    public var staffID: StaffID
    public var institution: String
    public var year: Int
    public var qualification: String

    public init(id: Int64? = nil, staffID: StaffID, institution: String, year: Int, qualification: String) {
        self.id = id
        self.staffID = staffID
        self.institution = institution
        self.year = year
        self.qualification = qualification
    }
}

/// A professional development course (курсы повышения квалификации), due at least once every
/// three years.
public struct StaffCourse: Codable, Hashable, Sendable {
    public var id: Int64?
    public var staffID: StaffID
    public var title: String
    public var provider: String
    public var hours: Int
    public var from: LocalDate
    public var to: LocalDate
    public var certificate: String

    public init(
        id: Int64? = nil, staffID: StaffID, title: String, provider: String, hours: Int, from: LocalDate,
        to: LocalDate, certificate: String
    ) {
        self.id = id
        self.staffID = staffID
        self.title = title
        self.provider = provider
        self.hours = hours
        self.from = from
        self.to = to
        self.certificate = certificate
    }
}

/// A mandatory medical check (медосмотр) and how long it is valid.
public struct StaffMedicalCheck: Codable, Hashable, Sendable {
    public var id: Int64?
    public var staffID: StaffID
    public var date: LocalDate
    public var validUntil: LocalDate

    public init(id: Int64? = nil, staffID: StaffID, date: LocalDate, validUntil: LocalDate) {
        self.id = id
        self.staffID = staffID
        self.date = date
        self.validUntil = validUntil
    }
}

/// The certificate of no criminal record (справка о наличии (отсутствии) судимости), required
/// of everyone working with children (ТК РФ art. 351.1). Special-category data: reads are logged.
public struct CriminalRecordCertificate: Codable, Hashable, Sendable {
    public var id: Int64?
    public var staffID: StaffID
    public var number: String
    public var issuedOn: LocalDate
    public var validUntil: LocalDate

    public init(id: Int64? = nil, staffID: StaffID, number: String, issuedOn: LocalDate, validUntil: LocalDate) {
        self.id = id
        self.staffID = staffID
        self.number = number
        self.issuedOn = issuedOn
        self.validUntil = validUntil
    }
}

/// Where a dated obligation stands: what HR is reminded of.
public enum DueStatus: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Missing or past its date.
    case overdue
    /// Due within the warning period (90 days for courses, 30 for checks and certificates).
    case soon
    case ok

    public static func < (lhs: DueStatus, rhs: DueStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
