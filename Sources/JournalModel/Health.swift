public import Foundation

// The medical worker's records of a student (issue 16, R21): special-category data (152-ФЗ
// art. 10), read and written only by the medical worker, every read leaving a trace. Teachers
// see only the derived flags (`HealthFlag`), never these.

/// A health group (I–V) set for a student on a date, on the basis of a document. The latest
/// one by date is the student's current group; earlier ones stay as history.
public struct HealthGroupRecord: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    /// 1…5, shown as I…V.
    public var group: Int
    public var setOn: LocalDate
    /// The document it was set on: «справка ф. 086/у от 01.09.2026».
    public var basis: String

    public static let groups = 1...5

    public init(id: Int64? = nil, studentID: StudentID, group: Int, setOn: LocalDate, basis: String) {
        self.id = id
        self.studentID = studentID
        self.group = group
        self.setOn = setOn
        self.basis = basis
    }

    /// The group as a Roman numeral: "II".
    public var roman: String { Self.roman(group) }

    public static func roman(_ group: Int) -> String {
        ["I", "II", "III", "IV", "V"][min(max(group, 1), 5) - 1]
    }
}

/// The physical-education groups of the school's regulation.
public enum PEGroup: String, Codable, Hashable, Sendable, CaseIterable {
    case main
    case preparatory
    case specialA = "special_a"
    case specialB = "special_b"
    case exempt

    /// The localisation key of the group's name.
    public var titleKey: String { "health.pe.\(rawValue)" }
}

/// A PE group of a student for a period (from… to, or open-ended), on the basis of a document.
/// Periods of one student never overlap.
public struct PEGroupPeriod: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    public var group: PEGroup
    public var from: LocalDate
    /// The last day it is valid; nil: until changed.
    public var to: LocalDate?
    public var basis: String

    public init(
        id: Int64? = nil, studentID: StudentID, group: PEGroup, from: LocalDate, to: LocalDate?, basis: String
    ) {
        self.id = id
        self.studentID = studentID
        self.group = group
        self.from = from
        self.to = to
        self.basis = basis
    }

    /// Whether the two periods share a day (an open end reaches every later day).
    public func overlaps(_ other: PEGroupPeriod) -> Bool {
        (other.to.map { from <= $0 } ?? true) && (to.map { other.from <= $0 } ?? true)
    }

    public func contains(_ day: LocalDate) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }
}

/// An allergy or a contraindication of a student.
public struct HealthAlert: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case allergy, contraindication
    }

    public var id: Int64?
    public var studentID: StudentID
    public var kind: Kind
    public var text: String
    public var note: String?

    public init(id: Int64? = nil, studentID: StudentID, kind: Kind, text: String, note: String? = nil) {
        self.id = id
        self.studentID = studentID
        self.kind = kind
        self.text = text
        self.note = note
    }
}

/// A vaccination given, or refused by the representative, with its document.
public struct Vaccination: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    public var vaccine: String
    public var date: LocalDate
    public var refused: Bool
    public var document: String?

    public init(
        id: Int64? = nil, studentID: StudentID, vaccine: String, date: LocalDate, refused: Bool,
        document: String? = nil
    ) {
        self.id = id
        self.studentID = studentID
        self.vaccine = vaccine
        self.date = date
        self.refused = refused
        self.document = document
    }
}

/// A sick note (справка о болезни) covering days a student missed.
public struct SickNote: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    public var from: LocalDate
    public var to: LocalDate
    public var number: String
    public var issuedBy: String
    /// How many lesson attendance records it turned into the illness code when entered.
    public var lessonsMarked: Int

    public init(
        id: Int64? = nil, studentID: StudentID, from: LocalDate, to: LocalDate, number: String, issuedBy: String,
        lessonsMarked: Int = 0
    ) {
        self.id = id
        self.studentID = studentID
        self.from = from
        self.to = to
        self.number = number
        self.issuedBy = issuedBy
        self.lessonsMarked = lessonsMarked
    }
}

/// A flag derived from a student's medical records by `health_flags.lua` ("ФК: специальная
/// группа до 31.12"), shown to the student's teachers. General category: it says what a teacher
/// must know, never the diagnosis; computed when the records or the script change.
public struct HealthFlag: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    public var text: String
    /// The last day it is shown; nil: until the records change.
    public var until: LocalDate?

    public init(id: Int64? = nil, studentID: StudentID, text: String, until: LocalDate?) {
        self.id = id
        self.studentID = studentID
        self.text = text
        self.until = until
    }
}

/// A student's medical records, each kind ordered as the card shows it.
public struct HealthRecords: Sendable, Hashable, Codable {
    public var healthGroups: [HealthGroupRecord] = []
    public var peGroups: [PEGroupPeriod] = []
    public var alerts: [HealthAlert] = []
    public var vaccinations: [Vaccination] = []
    public var sickNotes: [SickNote] = []

    public init() {}

    /// The current health group: the latest set.
    public var currentHealthGroup: HealthGroupRecord? { healthGroups.first }

    /// The PE group valid on `day`.
    public func peGroup(on day: LocalDate) -> PEGroupPeriod? { peGroups.first { $0.contains(day) } }
}
