public import Foundation

/// An instant in UTC. Local days and times of the school use `LocalDate` and `LocalTime`.
public typealias Timestamp = Date

/// One dated lesson of an assignment, generated from the timetable or added by hand.
public struct Lesson: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
        case scheduled
        case held
        case cancelled
    }

    public var id: LessonID?
    public var assignmentID: AssignmentID
    public var date: LocalDate
    public var number: Int
    public var room: String?
    public var status: Status
    public var topic: String?
    /// What was covered, when it differs from the topic or adds to it.
    public var material: String?
    /// Homework for the whole group.
    public var homework: String?
    /// The teacher who actually taught: the assignment's teacher or a substitute.
    public var taughtByID: StaffID?
    /// When the lesson's record (topic, absences) was first entered, for the R15 deadline.
    public var recordedAt: Timestamp?
    public var homeworkSetAt: Timestamp?
    /// Optimistic concurrency: every change increments it.
    public var version: Int

    public init(
        id: LessonID? = nil, assignmentID: AssignmentID, date: LocalDate, number: Int, room: String? = nil,
        status: Status = .scheduled, topic: String? = nil, material: String? = nil, homework: String? = nil,
        taughtByID: StaffID? = nil, recordedAt: Timestamp? = nil, homeworkSetAt: Timestamp? = nil, version: Int = 1
    ) {
        self.id = id
        self.assignmentID = assignmentID
        self.date = date
        self.number = number
        self.room = room
        self.status = status
        self.topic = topic
        self.material = material
        self.homework = homework
        self.taughtByID = taughtByID
        self.recordedAt = recordedAt
        self.homeworkSetAt = homeworkSetAt
        self.version = version
    }
}

/// Homework set for one student in a lesson, beside the group's homework (R7).
public struct IndividualHomework: Codable, Hashable, Sendable {
    public var id: Int64?
    public var lessonID: LessonID
    public var studentID: StudentID
    public var text: String

    public init(id: Int64? = nil, lessonID: LessonID, studentID: StudentID, text: String) {
        self.id = id
        self.lessonID = lessonID
        self.studentID = studentID
        self.text = text
    }
}
