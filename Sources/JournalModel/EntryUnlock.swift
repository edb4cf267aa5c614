public import Foundation

/// A lesson's or a work's entries opened again after `deadlines.lua` locked them
/// (`lock_after`), until a day, with the reason written down by a holder of `journal.unlock`.
public struct EntryUnlock: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var lessonID: LessonID?
    public var workID: WorkID?
    /// The last day entries are accepted.
    public var until: LocalDate
    public var reason: String
    public var openedByID: StaffID?
    public var openedBy: String
    public var openedAt: Date

    public init(
        id: Int64? = nil, lessonID: LessonID?, workID: WorkID?, until: LocalDate, reason: String, openedByID: StaffID?,
        openedBy: String, openedAt: Date
    ) {
        self.id = id
        self.lessonID = lessonID
        self.workID = workID
        self.until = until
        self.reason = reason
        self.openedByID = openedByID
        self.openedBy = openedBy
        self.openedAt = openedAt
    }
}
