import Foundation
public import JournalModel
public import JournalRules

/// A teaching assignment as a teacher's menu shows it: `Математика, 5А`.
public struct AssignmentSummary: Codable, Sendable, Hashable {
    public var id: AssignmentID
    public var subject: String
    public var group: String
    public var className: String?
    public var teacher: String
    public var hoursPerWeek: Int
}

/// The journal grid of one assignment for a period: students × lessons and works, marks and
/// absences, and per student the weighted average, the recommendation and the period mark.
public struct JournalGrid: Codable, Sendable {
    public var assignment: AssignmentSummary
    public var period: SchoolCalendar.Period
    public var students: [StudentSummary]
    public var lessons: [GridLesson]
    public var works: [GridWork]
    public var marks: [GridMark]
    public var attendance: [GridAttendance]
    public var standings: [GridStanding]
    /// The work types and their weights, and the attendance codes, for entering marks.
    public var workTypes: [WorkTypes.WorkType]
    public var attendanceCodes: [AttendanceCodes.Code]
    /// The values the scale accepts, best first, then the special ones.
    public var scaleValues: [String]
}

public struct GridLesson: Codable, Sendable {
    public var id: LessonID
    public var date: LocalDate
    public var number: Int
    public var status: Lesson.Status
    public var topic: String?
    public var homework: String?
    public var taughtBy: String?
    public var version: Int
}

public struct GridWork: Codable, Sendable {
    public var id: WorkID
    public var lessonID: LessonID?
    public var date: LocalDate
    public var workType: String
    public var title: String?
    public var weight: Double
}

public struct GridMark: Codable, Sendable {
    public var id: MarkID
    public var workID: WorkID
    public var studentID: StudentID
    public var value: String?
    public var comment: String?
    public var isDebt: Bool
    public var version: Int
}

public struct GridAttendance: Codable, Sendable {
    public var lessonID: LessonID
    public var studentID: StudentID
    public var code: String
    public var version: Int
}

public struct GridStanding: Codable, Sendable {
    public var studentID: StudentID
    public var average: Double?
    public var recommended: String?
    public var forecast: String?
    public var rule: String
    /// The period mark set, if any.
    public var periodMark: String?
    public var periodMarkVersion: Int?
    public var overrideReason: String?
    /// The rule's error when it could not compute this student's standing.
    public var failure: String? = nil
}

/// Changes to a lesson's record; nil fields stay as they are, empty strings clear them.
public struct LessonChanges: Codable, Sendable {
    public var version: Int
    public var topic: String?
    public var material: String?
    public var homework: String?

    public init(version: Int, topic: String? = nil, material: String? = nil, homework: String? = nil) {
        self.version = version
        self.topic = topic
        self.material = material
        self.homework = homework
    }
}

/// A lesson of a teacher's day, for their home page.
public struct TeacherLesson: Codable, Sendable {
    public var lessonID: LessonID
    public var assignmentID: AssignmentID
    public var number: Int
    public var startsAt: LocalTime?
    public var endsAt: LocalTime?
    public var subject: String
    public var group: String
    public var room: String?
    public var status: Lesson.Status
    public var topic: String?
    public var homework: String?
    /// The lesson belongs to another teacher; this one substitutes.
    public var isSubstitution: Bool
}
