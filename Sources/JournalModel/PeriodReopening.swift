public import Foundation

/// A closed period opened again for corrections (its marks, attendance, lesson records and
/// period marks), for one class or the whole school, until a day, with the reason written
/// down by whoever holds `period.reopen`.
public struct PeriodReopening: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var yearID: AcademicYearID
    /// The period's key from the calendar (`q1`, `h1`, `year`).
    public var period: String
    /// The class it is reopened for; nil for every class.
    public var classID: ClassID?
    /// The last day corrections are accepted.
    public var until: LocalDate
    public var reason: String
    public var openedByID: StaffID?
    public var openedBy: String
    public var openedAt: Date

    public init(
        id: Int64? = nil, yearID: AcademicYearID, period: String, classID: ClassID?, until: LocalDate, reason: String,
        openedByID: StaffID?, openedBy: String, openedAt: Date
    ) {
        self.id = id
        self.yearID = yearID
        self.period = period
        self.classID = classID
        self.until = until
        self.reason = reason
        self.openedByID = openedByID
        self.openedBy = openedBy
        self.openedAt = openedAt
    }

    /// Whether it lets a class's entries be corrected on `day`.
    public func opens(_ classIDs: Set<ClassID>, on day: LocalDate) -> Bool {
        day <= until && (classID.map { classIDs.contains($0) } ?? true)
    }
}
