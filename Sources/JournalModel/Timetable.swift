public import Foundation

/// One lesson slot of the bell schedule: lesson 1 from 08:30 to 09:15.
public struct Bell: Codable, Hashable, Sendable {
    public var number: Int
    public var startsAt: LocalTime
    public var endsAt: LocalTime

    public init(number: Int, startsAt: LocalTime, endsAt: LocalTime) {
        self.number = number
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// A line of the weekly timetable: this assignment, on this weekday, at this lesson number.
public struct TimetableEntry: Codable, Hashable, Sendable, Identifiable {
    public var id: TimetableEntryID?
    public var assignmentID: AssignmentID
    /// ISO weekday, Monday 1 … Saturday 6.
    public var weekday: Int
    public var lessonNumber: Int
    public var room: String?
    public var validFrom: LocalDate
    public var validTo: LocalDate

    public init(
        id: TimetableEntryID? = nil, assignmentID: AssignmentID, weekday: Int, lessonNumber: Int, room: String?,
        validFrom: LocalDate, validTo: LocalDate
    ) {
        self.id = id
        self.assignmentID = assignmentID
        self.weekday = weekday
        self.lessonNumber = lessonNumber
        self.room = room
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// A change to one dated lesson, kept so the diary can show what changed (R6).
public struct TimetableChange: Codable, Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case cancellation
        case move
        case roomChange = "room_change"
        case substitution
        /// The lesson's group joins another group's lesson of the same slot: that lesson's
        /// teacher gives both, in its room.
        case merge
    }

    public var id: TimetableChangeID?
    public var lessonID: LessonID
    public var kind: Kind
    /// Where a moved lesson was before the move.
    public var previousDate: LocalDate?
    public var previousNumber: Int?
    public var previousRoom: String?
    /// The teacher who gives a substituted or merged lesson.
    public var substituteID: StaffID?
    /// The lesson a merged lesson's group joins.
    public var hostLessonID: LessonID?
    public var reason: String?
    public var createdAt: Timestamp
    /// The account that arranged it (management); nil for the system or when unknown.
    public var arrangedByID: AccountID?

    public init(
        id: TimetableChangeID? = nil, lessonID: LessonID, kind: Kind, previousDate: LocalDate? = nil,
        previousNumber: Int? = nil, previousRoom: String? = nil, substituteID: StaffID? = nil, reason: String? = nil,
        createdAt: Timestamp, arrangedByID: AccountID? = nil, hostLessonID: LessonID? = nil
    ) {
        self.id = id
        self.lessonID = lessonID
        self.kind = kind
        self.previousDate = previousDate
        self.previousNumber = previousNumber
        self.previousRoom = previousRoom
        self.substituteID = substituteID
        self.reason = reason
        self.createdAt = createdAt
        self.arrangedByID = arrangedByID
        self.hostLessonID = hostLessonID
    }
}
