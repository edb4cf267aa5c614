import Foundation
import JournalAccess
public import JournalModel
public import JournalRules
import JournalStore

/// A lesson as its page shows it (R7, R15, R16): what was planned, who taught it, what was
/// recorded, and per student the attendance and the individual homework.
public struct LessonRecord: Codable, Sendable {
    public var lesson: Lesson
    public var assignment: AssignmentSummary
    public var subjectID: SubjectID
    /// The assignment's own teacher.
    public var plannedTeacher: String
    /// Who gave the lesson, when recorded: the planned teacher or a substitute.
    public var taughtBy: String?
    /// Another teacher gave (or gives) the lesson.
    public var isSubstitution: Bool
    public var substitutions: [LessonSubstitution]
    /// Empty when the caller may only record a substitution.
    public var students: [LessonStudent]
    public var attendanceCodes: [AttendanceCodes.Code]
    /// What the caller may do here.
    public var mayEdit: Bool
    public var mayEditAttendance: Bool
    /// The caller arranges substitutions (management): the staff they may name as substitute.
    public var substituteChoices: [StaffChoice]
    /// Whether the reader may cancel, move or re-room the lesson (timetable.edit).
    public var mayChangeTimetable: Bool = false
    /// Other groups' lessons of the same slot this lesson's group may join (for those who
    /// keep the timetable and arrange substitutions).
    public var mergeHosts: [LessonChoice] = []
}

/// A lesson to choose from a list: `Английский язык, 5А-2, Иванова А.`
public struct LessonChoice: Codable, Sendable, Hashable {
    public var id: LessonID
    public var title: String
}

/// A member of staff to choose from a list.
public struct StaffChoice: Codable, Sendable, Hashable {
    public var id: StaffID
    public var name: String
}

/// A recorded substitution of a lesson.
public struct LessonSubstitution: Codable, Sendable {
    public var substitute: String
    public var reason: String?
}

/// One student of a lesson: their attendance code (none: present) and individual homework.
public struct LessonStudent: Codable, Sendable {
    public var id: StudentID
    public var name: String
    public var attendance: String?
    /// The version of the attendance record, 0 when none (present): what a change of it sends.
    public var attendanceVersion: Int
    public var homework: String?
}

extension JournalService {
    /// A lesson's record for its page. Whoever arranges substitutions may open any lesson to
    /// arrange one, without seeing its students unless their rights cover them.
    public func lessonRecord(_ id: LessonID, caller: Caller) async throws -> LessonRecord {
        let rules = try await rules()
        let object = try await lessonObject(id, for: .lessonsView, caller: caller)
        let mayView = try await may(caller, .lessonsView, object)
        let mayArrange = try await may(caller, .substitutionsRecord, object)
        if !mayView && !mayArrange { try await authorize(caller, .lessonsView, object) }
        let mayViewAttendance = try await may(caller, .attendanceView, object)
        let mayEdit = try await may(caller, .lessonsEdit, object)
        let mayEditAttendance = try await may(caller, .attendanceEdit, object)
        let mayChangeTimetable = try await may(caller, .timetableEdit, object)
        return try await database.read { reader in
            guard let lesson = try reader.lesson(id), let assignment = try reader.assignment(lesson.assignmentID) else {
                throw ServiceError.unknown(entity: "lesson", id: id.description)
            }
            let changes = try reader.timetableChanges(lessons: [id]).filter {
                $0.kind == .substitution || $0.kind == .merge
            }
            let staff = try Self.staffNames(
                reader,
                [assignment.teacherID] + [lesson.taughtByID].compactMap { $0 } + changes.compactMap(\.substituteID))
            var students: [LessonStudent] = []
            if mayView {
                let members = try reader.members(group: assignment.groupID).map(\.studentID)
                let attendance = mayViewAttendance ? try reader.attendance(lessons: [id], students: members) : []
                let records = Dictionary(attendance.map { ($0.studentID, $0) }, uniquingKeysWith: { a, _ in a })
                let homework = Dictionary(
                    try reader.individualHomework(lessons: [id], students: members).map { ($0.studentID, $0.text) },
                    uniquingKeysWith: { a, _ in a })
                students = try members.compactMap { try reader.student($0) }
                    .sorted { ($0.name.lastName, $0.name.firstName) < ($1.name.lastName, $1.name.firstName) }
                    .map {
                        LessonStudent(
                            id: $0.id!, name: $0.name.description, attendance: records[$0.id!]?.code,
                            attendanceVersion: records[$0.id!]?.version ?? 0, homework: homework[$0.id!])
                    }
            }
            let substituted = lesson.taughtByID.map { $0 != assignment.teacherID } ?? false
            return LessonRecord(
                lesson: lesson, assignment: try Self.summary(assignment, reader), subjectID: assignment.subjectID,
                plannedTeacher: try reader.staff(assignment.teacherID)?.name.description ?? "",
                taughtBy: lesson.taughtByID.flatMap { staff[$0] }, isSubstitution: substituted || !changes.isEmpty,
                substitutions: changes.map {
                    LessonSubstitution(substitute: $0.substituteID.flatMap { staff[$0] } ?? "", reason: $0.reason)
                },
                students: students, attendanceCodes: rules.attendanceCodes.all, mayEdit: mayEdit,
                mayEditAttendance: mayEditAttendance,
                substituteChoices: mayArrange && lesson.status != .cancelled
                    ? try Self.teachers(reader).filter { $0.id != assignment.teacherID } : [],
                mayChangeTimetable: mayChangeTimetable && lesson.recordedAt == nil && lesson.topic == nil,
                mergeHosts: mayChangeTimetable && mayArrange && lesson.recordedAt == nil && lesson.status != .cancelled
                    && !changes.contains { $0.kind == .merge } ? try Self.mergeHosts(of: lesson, reader) : [])
        }
    }

    /// The members of staff who teach, by name: those a substitution may name.
    static func teachers(_ reader: StoreReader) throws -> [StaffChoice] {
        let teaching = Set(try reader.allAssignments().map(\.teacherID))
        return try reader.allStaff().filter { teaching.contains($0.id!) }
            .sorted { ($0.name.lastName, $0.name.firstName) < ($1.name.lastName, $1.name.firstName) }
            .map { StaffChoice(id: $0.id!, name: $0.name.description) }
    }

    /// The subject an assignment teaches, for links to a student's explanation in it.
    public func subject(ofAssignment id: AssignmentID, caller: Caller) async throws -> SubjectID {
        try await authorize(caller, .journalView, try await assignmentObject(id, for: .journalView, caller: caller))
        guard let subject = try await database.read({ try $0.assignment(id)?.subjectID }) else {
            throw ServiceError.unknown(entity: "assignment", id: id.description)
        }
        return subject
    }
}
