import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
import Localization

/// A change of the day's timetable refused because it would put two lessons in one place:
/// the teacher, the room or the group is busy in that slot.
public struct TimetableClash: Error, Sendable, CustomStringConvertible {
    public enum Resource: String, Sendable {
        case teacher
        case room
        case group
    }

    public var resource: Resource
    /// Who or what is busy: the teacher's name, the room, the group's name.
    public var name: String
    public var date: LocalDate
    public var number: Int
    /// The lesson already there: `Русский язык, 5А`.
    public var occupiedBy: String

    /// What clashes, as a key of the localisation table with its values.
    public var message: JournalError.Message {
        JournalError.Message(
            "error.clash.\(resource.rawValue)",
            ["name": name, "date": date.description, "number": String(number), "lesson": occupiedBy])
    }

    public var description: String { message.text(.en) }
}

extension JournalService {
    /// Cancels a lesson that was not given (R6): it stays in the journal, shown cancelled to
    /// families with the reason, and can be moved to another day later. A lesson with a record
    /// is not cancelled: it took place.
    public func cancelLesson(_ id: LessonID, reason: String, caller: Caller) async throws -> Lesson {
        try await authorize(caller, .timetableEdit, try await lessonObject(id, for: .timetableEdit, caller: caller))
        let reason = try Self.changeReason(reason)
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: reason) { writer in
            guard var lesson = try writer.reader.lesson(id) else {
                throw ServiceError.unknown(entity: "lesson", id: id.description)
            }
            try gate.check(lesson: lesson, writer.reader)
            try Self.checkNotMerged(id, writer.reader)
            guard lesson.status != .cancelled else {
                throw JournalError.refused(.init("error.lesson_already_cancelled"))
            }
            guard lesson.recordedAt == nil, lesson.topic == nil else {
                throw JournalError.refused(.init("error.lesson_took_place", ["date": lesson.date.description]))
            }
            lesson.status = .cancelled
            try writer.insert(
                TimetableChange(
                    lessonID: id, kind: .cancellation, reason: reason, createdAt: writer.now,
                    arrangedByID: writer.actor.accountID))
            return try writer.update(lesson)
        }
    }

    /// Moves a lesson to another day or lesson number (R6), refused into a day without lessons
    /// for the grade (a holiday, Sunday, outside the periods), into a closed period, or into a
    /// slot where its teacher, room or group already has a lesson. A cancelled lesson moved is
    /// scheduled again: the move the cancellation talked about.
    public func moveLesson(
        _ id: LessonID, to date: LocalDate, number: Int, reason: String, caller: Caller
    ) async throws -> Lesson {
        try await authorize(caller, .timetableEdit, try await lessonObject(id, for: .timetableEdit, caller: caller))
        let reason = try Self.changeReason(reason)
        try Self.checkLessonNumber(number, field: "number")
        let rules = try await rules()
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: reason) { writer in
            guard var lesson = try writer.reader.lesson(id),
                let assignment = try writer.reader.assignment(lesson.assignmentID)
            else { throw ServiceError.unknown(entity: "lesson", id: id.description) }
            guard lesson.date != date || lesson.number != number else {
                throw JournalError.invalid(
                    field: "date",
                    message: .init("error.lesson_already_there", ["date": date.description, "number": String(number)]))
            }
            guard lesson.recordedAt == nil, lesson.topic == nil else {
                throw JournalError.refused(.init("error.lesson_took_place_there", ["date": lesson.date.description]))
            }
            try Self.checkNotMerged(id, writer.reader)
            let grade = try Self.grade(ofGroup: assignment.groupID, writer.reader) ?? 0
            guard rules.calendar.isSchoolDay(date, grade: grade) else {
                throw JournalError.invalid(
                    field: "date",
                    message: rules.calendar.holiday(on: date, grade: grade).map {
                        .init(
                            "error.holiday",
                            ["date": date.description, "grade": String(grade), "holiday": $0.title])
                    } ?? .init("error.no_lessons_that_day", ["date": date.description, "grade": String(grade)]))
            }
            try gate.check(lesson: lesson, writer.reader)
            try gate.check(date: date, group: assignment.groupID, writer.reader)
            try Self.checkFree(lesson, assignment, date: date, number: number, room: lesson.room, writer.reader)
            try writer.insert(
                TimetableChange(
                    lessonID: id, kind: .move, previousDate: lesson.date, previousNumber: lesson.number,
                    reason: reason, createdAt: writer.now, arrangedByID: writer.actor.accountID))
            lesson.date = date
            lesson.number = number
            if lesson.status == .cancelled { lesson.status = .scheduled }
            return try writer.update(lesson)
        }
    }

    /// Gives a lesson another room (R6), refused when the room is taken in that slot.
    public func changeRoom(_ id: LessonID, to room: String, reason: String?, caller: Caller) async throws -> Lesson {
        try await authorize(caller, .timetableEdit, try await lessonObject(id, for: .timetableEdit, caller: caller))
        let room = room.trimmingWhitespace()
        guard !room.isEmpty, room.count <= Limits.room else {
            throw JournalError.invalid(field: "room", message: .init("error.room", ["limit": String(Limits.room)]))
        }
        let reason = try reason.map(Self.changeReason)
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: reason ?? "room change") { writer in
            guard var lesson = try writer.reader.lesson(id),
                let assignment = try writer.reader.assignment(lesson.assignmentID)
            else { throw ServiceError.unknown(entity: "lesson", id: id.description) }
            guard lesson.room != room else {
                throw JournalError.invalid(field: "room", message: .init("error.room_unchanged", ["room": room]))
            }
            try Self.checkNotMerged(id, writer.reader)
            try gate.check(lesson: lesson, writer.reader)
            try Self.checkFree(lesson, assignment, date: lesson.date, number: lesson.number, room: room, writer.reader)
            try writer.insert(
                TimetableChange(
                    lessonID: id, kind: .roomChange, previousRoom: lesson.room ?? "—", reason: reason,
                    createdAt: writer.now, arrangedByID: writer.actor.accountID))
            lesson.room = room
            return try writer.update(lesson)
        }
    }

    /// Merges a lesson's group into another group's lesson of the same slot (R6): that
    /// lesson's teacher gives both, in its room, and keeps the merged lesson's record as a
    /// substitute does. For those who keep the timetable and arrange substitutions. Families of
    /// the merged group see which group they join, who teaches and the room before.
    public func mergeLesson(_ id: LessonID, into hostID: LessonID, reason: String, caller: Caller) async throws
        -> Lesson
    {
        try await authorize(
            caller, .substitutionsRecord, try await lessonObject(id, for: .substitutionsRecord, caller: caller))
        try await authorize(caller, .timetableEdit, try await lessonObject(id, for: .timetableEdit, caller: caller))
        let reason = try Self.changeReason(reason)
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: reason) { writer in
            let reader = writer.reader
            guard var lesson = try reader.lesson(id), try reader.assignment(lesson.assignmentID) != nil else {
                throw ServiceError.unknown(entity: "lesson", id: id.description)
            }
            guard let host = try reader.lesson(hostID), let hostAssignment = try reader.assignment(host.assignmentID)
            else { throw ServiceError.unknown(entity: "lesson", id: hostID.description) }
            guard host.assignmentID != lesson.assignmentID else {
                throw JournalError.invalid(field: "hostLessonID", message: .init("error.merge_same_group"))
            }
            guard host.date == lesson.date, host.number == lesson.number else {
                throw JournalError.invalid(
                    field: "hostLessonID",
                    message: .init(
                        "error.merge_other_slot", ["date": lesson.date.description, "number": String(lesson.number)]))
            }
            guard lesson.status != .cancelled, host.status != .cancelled else {
                throw JournalError.refused(.init("error.merge_cancelled"))
            }
            guard lesson.recordedAt == nil, lesson.topic == nil else {
                throw JournalError.refused(.init("error.lesson_took_place", ["date": lesson.date.description]))
            }
            let changes = try reader.timetableChanges(lessons: [id, hostID])
            guard !changes.contains(where: { $0.kind == .merge }), try !reader.isMerged(id) else {
                throw JournalError.refused(.init("error.merge_already"))
            }
            try gate.check(lesson: lesson, reader)
            let teacher = host.taughtByID ?? hostAssignment.teacherID
            try writer.insert(
                TimetableChange(
                    lessonID: id, kind: .merge, previousRoom: lesson.room ?? "—", substituteID: teacher, reason: reason,
                    createdAt: writer.now, arrangedByID: writer.actor.accountID, hostLessonID: hostID))
            lesson.taughtByID = teacher
            lesson.room = host.room
            return try writer.update(lesson)
        }
    }

    /// The other groups' lessons a lesson may join: the same day and number, not cancelled.
    static func mergeHosts(of lesson: Lesson, _ reader: StoreReader) throws -> [LessonChoice] {
        try reader.lessons(on: lesson.date, number: lesson.number)
            .filter { $0.assignmentID != lesson.assignmentID && $0.status != .cancelled }
            .compactMap { other in
                guard let assignment = try reader.assignment(other.assignmentID) else { return nil }
                let subject = try reader.subject(assignment.subjectID)?.name ?? ""
                let group = try reader.group(assignment.groupID)?.name ?? ""
                let teacher = try reader.staff(other.taughtByID ?? assignment.teacherID)?.name.short ?? ""
                return LessonChoice(id: other.id!, title: "\(subject), \(group), \(teacher)")
            }
    }

    /// Refuses a change of one of two merged lessons: they are given together, so a move, a
    /// cancellation, a room or a substitute would leave the other behind.
    static func checkNotMerged(_ id: LessonID, _ reader: StoreReader) throws {
        if try reader.isMerged(id) { throw JournalError.refused(.init("error.lesson_merged")) }
    }

    /// A reason families read beside the change: required, at most 200 characters.
    static func changeReason(_ text: String) throws -> String {
        let reason = text.trimmingWhitespace()
        guard !reason.isEmpty else {
            throw JournalError.invalid(field: "reason", message: .init("error.change_reason"))
        }
        guard reason.count <= Limits.changeReason else {
            throw JournalError.invalid(field: "reason", message: .tooLong(Limits.changeReason))
        }
        return reason
    }

    /// Refuses a slot where the lesson's teacher (or its substitute), its room or its group
    /// already has another lesson that is not cancelled.
    static func checkFree(
        _ lesson: Lesson, _ assignment: TeachingAssignment, date: LocalDate, number: Int, room: String?,
        _ reader: StoreReader
    ) throws {
        let teacher = lesson.taughtByID ?? assignment.teacherID
        let group = try reader.group(assignment.groupID)
        for other in try reader.lessons(on: date, number: number)
        where other.id != lesson.id && other.status != .cancelled {
            guard let otherAssignment = try reader.assignment(other.assignmentID) else { continue }
            let otherGroup = try reader.group(otherAssignment.groupID)
            let subject = try reader.subject(otherAssignment.subjectID)?.name ?? ""
            let occupiedBy = "\(subject), \(otherGroup?.name ?? "")"
            if (other.taughtByID ?? otherAssignment.teacherID) == teacher {
                throw TimetableClash(
                    resource: .teacher, name: try reader.staff(teacher)?.name.short ?? "", date: date, number: number,
                    occupiedBy: occupiedBy)
            }
            if let room, !room.isEmpty, other.room == room {
                throw TimetableClash(resource: .room, name: room, date: date, number: number, occupiedBy: occupiedBy)
            }
            if try groupsShareStudents(assignment.groupID, group, otherAssignment.groupID, otherGroup, reader) {
                throw TimetableClash(
                    resource: .group, name: group?.name ?? "", date: date, number: number, occupiedBy: occupiedBy)
            }
        }
    }
}
