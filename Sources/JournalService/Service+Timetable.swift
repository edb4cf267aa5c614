import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalStore

extension JournalService {
    /// The bell schedule a new school starts with: eight 45-minute lessons from 08:30.
    static let defaultBells: [Bell] = [
        ("08:30", "09:15"), ("09:25", "10:10"), ("10:30", "11:15"), ("11:35", "12:20"), ("12:30", "13:15"),
        ("13:25", "14:10"), ("14:20", "15:05"), ("15:15", "16:00"),
    ].enumerated().map { index, times in
        Bell(number: index + 1, startsAt: LocalTime(times.0)!, endsAt: LocalTime(times.1)!)
    }

    /// Creates the dated lessons of the weekly timetable for every school day of its validity
    /// (per the calendar of the group's grade), skipping lessons that already exist. Returns
    /// how many were created.
    @discardableResult
    public func generateLessons(caller: Caller) async throws -> Int {
        try await authorize(caller, .timetableEdit, .school)
        let rules = try await rules()
        return try await database.write(actor: caller.actor, reason: "lessons generated from the timetable") { writer in
            let reader = writer.reader
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            let entries = try reader.timetable()
            var existing = Set(try reader.lessonSlots().map { LessonSlot(assignment: $0.0, date: $0.1, number: $0.2) })
            var created = 0
            var grades: [AssignmentID: Int] = [:]
            for entry in entries {
                let grade: Int
                if let known = grades[entry.assignmentID] {
                    grade = known
                } else {
                    guard let assignment = try reader.assignment(entry.assignmentID) else { continue }
                    grade = try Self.grade(ofGroup: assignment.groupID, reader) ?? 0
                    grades[entry.assignmentID] = grade
                }
                let first = max(entry.validFrom, year.startsOn)
                let last = min(entry.validTo, year.endsOn)
                guard first <= last else { continue }
                var day = first.adding(days: (entry.weekday - first.weekday + 7) % 7)
                while day <= last {
                    let slot = LessonSlot(assignment: entry.assignmentID, date: day, number: entry.lessonNumber)
                    if rules.calendar.isSchoolDay(day, grade: grade), existing.insert(slot).inserted {
                        try writer.insert(
                            Lesson(
                                assignmentID: entry.assignmentID, date: day, number: entry.lessonNumber,
                                room: entry.room))
                        created += 1
                    }
                    day = day.adding(days: 7)
                }
            }
            return created
        }
    }

    /// The grade of a group: its class's, or the lowest of its members' classes.
    static func grade(ofGroup id: GroupID, _ reader: StoreReader) throws -> Int? {
        guard let group = try reader.group(id) else { return nil }
        if let classID = group.classID { return try reader.schoolClass(classID)?.grade }
        let students = try reader.members(group: id).compactMap { try reader.student($0.studentID) }
        return try students.compactMap { try reader.schoolClass($0.classID)?.grade }.min()
    }
}

struct LessonSlot: Hashable {
    var assignment: AssignmentID
    var date: LocalDate
    var number: Int
}
