public import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
import LuaRuntime

extension JournalService {
    /// How long an opening of locked entries may last.
    public static let unlockDays = 14

    /// Opens a lesson's or a work's entries that `deadlines.lua` locked (`lock_after`) until a
    /// day (by default the end of tomorrow), with a written reason: a holder of `journal.unlock`
    /// (management by default). The opening is audited; the items stay late in the monitor.
    public func unlockEntries(
        lesson: LessonID?, work: WorkID?, reason: String, until: LocalDate?, caller: Caller
    ) async throws -> EntryUnlock {
        try await authorize(caller, .journalUnlock, AccessObject(kind: .school))
        guard (lesson == nil) != (work == nil) else {
            throw JournalError.invalid(field: "lessonID", message: .init("error.unlock_target"))
        }
        let reason = reason.trimmingWhitespace()
        guard !reason.isEmpty, reason.count <= Limits.changeReason else {
            throw JournalError.invalid(
                field: "reason", message: .init("error.unlock_reason", ["limit": String(Limits.changeReason)]))
        }
        let today = try await today()
        let until = until ?? today.adding(days: 1)
        guard until >= today, until <= today.adding(days: Self.unlockDays) else {
            throw JournalError.invalid(
                field: "until",
                message: .init("error.unlock_until", ["today": today.description, "days": String(Self.unlockDays)]))
        }
        return try await database.write(actor: caller.actor, reason: reason) { writer in
            if let lesson, try writer.reader.lesson(lesson) == nil {
                throw ServiceError.unknown(entity: "lesson", id: lesson.description)
            }
            if let work, try writer.reader.work(work) == nil {
                throw ServiceError.unknown(entity: "work", id: work.description)
            }
            return try writer.insert(
                EntryUnlock(
                    lessonID: lesson, workID: work, until: until, reason: reason, openedByID: writer.actor.staffID,
                    openedBy: writer.actor.displayName, openedAt: writer.now))
        }
    }

    /// Refuses a write into a lesson's entries (`lesson`) or a work's marks (`work`) once a duty
    /// of `subjects` with `lock_after` has locked them, unless an opening holds today. A duty
    /// whose rule fails for the item locks nothing: a broken rule never stops a teacher.
    func checkNotLocked(_ subjects: Set<Deadlines.Subject>, lesson: LessonID? = nil, work: WorkID? = nil) async throws {
        let rules = try await rules()
        let duties = rules.deadlines.duties.filter { subjects.contains($0.appliesTo) && $0.lockAfterDays != nil }
        guard !duties.isEmpty else { return }
        let school = try await school()
        let now = now()
        let today = Self.localDate(of: now, timeZone: school.timeZone)
        let facts: [String: LuaValue]?
        let unlocks: [EntryUnlock]
        (facts, unlocks) = try await database.read { reader in
            (
                try Self.lockFacts(lesson: lesson, work: work, reader),
                try reader.entryUnlocks(lesson: lesson, work: work)
            )
        }
        guard let facts, !unlocks.contains(where: { $0.until >= today }) else { return }
        let clock = MomentClock(timeZone: school.timeZone)
        let locked = try await rules.withEvaluator { evaluator -> (Deadlines.Duty, LocalMoment)? in
            for duty in duties {
                guard (try? evaluator.applies(duty, facts)) == true, let due = try? evaluator.due(duty, facts)
                else { continue }
                let lock = clock.instant(due, plusMinutes: duty.graceMinutes).addingTimeInterval(
                    TimeInterval(duty.lockAfterDays! * 86_400))
                if now > lock { return (duty, due) }
            }
            return nil
        }
        if let (duty, due) = locked {
            throw JournalError.refused(
                .init(
                    "error.entry_locked",
                    [
                        "duty": duty.title, "clause": duty.clause, "due": due.description,
                        "days": String(duty.lockAfterDays!),
                    ]))
        }
    }

    /// The facts of a lesson, or of a work (with its lesson's), as the monitor gives them.
    static func lockFacts(lesson id: LessonID?, work workID: WorkID?, _ reader: StoreReader) throws
        -> [String: LuaValue]?
    {
        let work = try workID.flatMap { try reader.work($0) }
        guard let lessonID = id ?? work?.lessonID, let lesson = try reader.lesson(lessonID) else {
            guard let work, let assignment = try reader.assignment(work.assignmentID) else { return nil }
            return [
                "date": .string(work.date.description), "work_type": .string(work.workType),
                "grade": .integer(Int64(try grade(ofGroup: assignment.groupID, reader) ?? 0)),
                "subject": .string(try reader.subject(assignment.subjectID)?.name ?? ""),
                "weekday": .integer(Int64(work.date.weekday)),
            ]
        }
        guard let assignment = try reader.assignment(lesson.assignmentID) else { return nil }
        let teacher = lesson.taughtByID ?? assignment.teacherID
        let sameDay = try reader.lessons(range: DateRange(start: lesson.date, end: lesson.date))
        var last = lesson.number
        for other in sameDay where other.status != .cancelled {
            let otherTeacher = try other.taughtByID ?? reader.assignment(other.assignmentID)?.teacherID
            if otherTeacher == teacher { last = max(last, other.number) }
        }
        var facts = ComplianceFacts.lessonFacts(
            lesson, grade: try grade(ofGroup: assignment.groupID, reader) ?? 0,
            subject: try reader.subject(assignment.subjectID)?.name ?? "",
            bells: Dictionary(uniqueKeysWithValues: try reader.bells().map { ($0.number, $0) }),
            teachersLastLesson: last)
        if let work {
            facts["date"] = .string(work.date.description)
            facts["work_type"] = .string(work.workType)
        }
        return facts
    }
}
