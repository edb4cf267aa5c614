import Foundation
public import JournalModel
public import JournalRules

/// A student as the diary and the journal show them.
public struct StudentSummary: Codable, Sendable, Hashable {
    public var id: StudentID
    public var name: String
    public var className: String
}

/// A week of a student's diary (R1, R4–R7): every day with its lessons, their topics and
/// homework, the student's marks and absences, and the changes to the timetable.
public struct DiaryWeek: Codable, Sendable {
    public var student: StudentSummary
    public var weekStart: LocalDate
    public var days: [DiaryDay]
}

public struct DiaryDay: Codable, Sendable {
    public var date: LocalDate
    /// ISO weekday, Monday 1.
    public var weekday: Int
    /// The holiday's name when the day has no lessons for that reason.
    public var holiday: String?
    public var lessons: [DiaryLesson]
}

public struct DiaryLesson: Codable, Sendable {
    public var lessonID: LessonID
    public var number: Int
    public var startsAt: LocalTime?
    public var endsAt: LocalTime?
    public var subject: String
    /// Who teaches it: the substitute when there is one.
    public var teacher: String?
    public var room: String?
    public var status: Lesson.Status
    public var topic: String?
    public var material: String?
    /// Homework for the whole group.
    public var homework: String?
    /// Homework for this student only.
    public var individualHomework: [String]
    public var marks: [DiaryMark]
    public var attendance: DiaryAttendance?
    public var changes: [DiaryChange]
}

public struct DiaryMark: Codable, Sendable {
    public var markID: MarkID
    public var workID: WorkID
    public var value: String?
    public var workType: String
    public var workTypeTitle: String
    public var weight: Double
    public var title: String?
    public var comment: String?
    public var isDebt: Bool
    public var debtDueOn: LocalDate?
}

public struct DiaryAttendance: Codable, Sendable {
    public var code: String
    public var title: String
}

/// A change to the timetable as the diary shows it (R6). The interface words it in the
/// reader's language from these facts.
public struct DiaryChange: Codable, Sendable {
    public var kind: TimetableChange.Kind
    /// The teacher giving a substituted lesson.
    public var substitute: String?
    /// Where a moved lesson was, or the room before a room change.
    public var previousDate: LocalDate?
    public var previousNumber: Int?
    public var previousRoom: String?
    public var reason: String?
    /// The group whose lesson a merged lesson joins.
    public var joins: String?
}

/// A student's marks by subject for a period (R1, R13): the marks, the weighted average, the
/// recommended period mark and the forecast, each explained.
public struct StudentPeriodMarks: Codable, Sendable {
    public var student: StudentSummary
    public var period: SchoolCalendar.Period
    public var subjects: [SubjectStanding]
}

/// Period, annual and final marks and exam results (R2, R3, R14).
public struct StudentAttestation: Codable, Sendable {
    public var student: StudentSummary
    /// The marks of the current year.
    public var marks: [AttestationEntry]
    public var exams: [ExamEntry]
    /// The annual marks of the years before the current one, the latest year first; only the
    /// years with a mark.
    public var earlierYears: [EarlierYearMarks]
}

/// A student's annual marks of one earlier academic year.
public struct EarlierYearMarks: Codable, Sendable {
    /// `2025/2026`.
    public var title: String
    /// By subject, in the order of the subjects' names.
    public var marks: [EarlierAnnualMark]
}

public struct EarlierAnnualMark: Codable, Sendable {
    public var subject: String
    /// The mark set.
    public var value: String?
    /// The mark the rules recommended.
    public var recommended: String?
    /// Why the mark differs from the recommendation, where it does and the reason was kept.
    public var reason: String?
}

public struct AttestationEntry: Codable, Sendable {
    public var subject: String
    public var kind: AttestationMark.Kind
    public var period: String
    public var periodTitle: String
    public var value: String?
    public var recommended: String?
}

public struct ExamEntry: Codable, Sendable {
    public var subject: String
    public var examKind: String
    public var score: Double?
    public var mark: String?
    public var resultsKnownOn: LocalDate
    /// Whether the score reaches the subject's minimum (ЕГЭ); nil where there is none.
    public var passed: Bool?
    public var protocolNumber: String?
}

/// A student's attendance over a period (R4): counts per code, and every absence.
public struct AttendanceSummary: Codable, Sendable {
    public var student: StudentSummary
    public var period: SchoolCalendar.Period
    public var lessons: Int
    public var counts: [String: Int]
    public var records: [AttendanceRecord]
}

public struct AttendanceRecord: Codable, Sendable {
    public var date: LocalDate
    public var number: Int
    public var subject: String
    public var code: String
    public var title: String
}

/// A student's weekly timetable (R5) and the changes of a week (R6).
public struct StudentTimetable: Codable, Sendable {
    public var student: StudentSummary
    public var weekStart: LocalDate
    public var entries: [TimetableSlot]
    public var changes: [DatedChange]
    /// Changes of the weekly timetable from a day of this week or the next two: a lesson's new
    /// place with its place before, a new lesson, a lesson that ends.
    public var lineChanges: [TimetableLineNews]
}

/// A weekly line that changes from a day: where the subject was before and where it is after
/// (nil before: a new line; nil after: the line ends).
public struct TimetableLineNews: Codable, Sendable, Hashable {
    public struct Place: Codable, Sendable, Hashable {
        public var weekday: Int
        public var number: Int
        public var room: String?

        public init(weekday: Int, number: Int, room: String?) {
            self.weekday = weekday
            self.number = number
            self.room = room
        }
    }

    public var from: LocalDate
    public var subject: String
    public var before: Place?
    public var after: Place?

    public init(from: LocalDate, subject: String, before: Place?, after: Place?) {
        self.from = from
        self.subject = subject
        self.before = before
        self.after = after
    }
}

public struct TimetableSlot: Codable, Sendable {
    public var weekday: Int
    public var number: Int
    public var startsAt: LocalTime?
    public var endsAt: LocalTime?
    public var subject: String
    public var teacher: String?
    public var room: String?
}

public struct DatedChange: Codable, Sendable {
    public var date: LocalDate
    public var number: Int
    public var subject: String
    public var change: DiaryChange
}
