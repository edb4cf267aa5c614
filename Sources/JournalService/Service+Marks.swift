import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore

/// A mark as a teacher enters it.
public struct MarkDraft: Sendable, Codable, Hashable {
    public var workID: WorkID
    public var studentID: StudentID
    public var value: String?
    public var comment: String?
    public var isDebt: Bool
    public var debtDueOn: LocalDate?

    public init(
        workID: WorkID, studentID: StudentID, value: String?, comment: String? = nil, isDebt: Bool = false,
        debtDueOn: LocalDate? = nil
    ) {
        self.workID = workID
        self.studentID = studentID
        self.value = value
        self.comment = comment
        self.isDebt = isDebt
        self.debtDueOn = debtDueOn
    }
}

extension JournalService {
    /// Records a mark after checking it against the subject's scale and the student's groups.
    public func postMark(_ draft: MarkDraft, caller: Caller) async throws -> Mark {
        let rules = try await rules()
        try await authorize(
            caller, .marksEdit, try await markObject(draft.studentID, work: draft.workID, caller: caller))
        let today = try await today()
        // Checked in a read, outside the write lock that every teacher's entry waits for: what
        // is checked (the work, the student, their group, the scale) does not change under a
        // mark, and the database's foreign keys hold the rest.
        let checked = try await database.read { reader in
            try Self.validated(draft, rules: rules, reader: reader, now: Date(), today: today)
        }
        try await checkNotLocked([.workMarks], work: checked.workID)
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: "mark entered") { writer in
            if let work = try writer.reader.work(checked.workID) { try gate.check(work: work, writer.reader) }
            var mark = checked
            mark.createdAt = writer.now
            mark.updatedAt = writer.now
            mark.enteredByID = writer.actor.staffID
            return try writer.insert(mark)
        }
    }

    /// Changes a mark that the caller read at `version`; refused with the current value if
    /// someone changed it meanwhile.
    public func changeMark(
        _ id: MarkID, version: Int, value: String?, comment: String?, isDebt: Bool = false,
        debtDueOn: LocalDate? = nil, caller: Caller, reason: String? = nil
    ) async throws -> Mark {
        let rules = try await rules()
        try await authorize(caller, .marksEdit, try await markObject(id, caller: caller))
        let today = try await today()
        let checked = try await database.read { reader in
            guard let mark = try reader.mark(id) else { throw ServiceError.unknown(entity: "mark", id: id.description) }
            let draft = MarkDraft(
                workID: mark.workID, studentID: mark.studentID, value: value, comment: comment, isDebt: isDebt,
                debtDueOn: debtDueOn)
            return try Self.validated(draft, rules: rules, reader: reader, now: Date(), today: today)
        }
        try await checkNotLocked([.workMarks], work: checked.workID)
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: reason ?? "mark changed") { writer in
            guard var mark = try writer.reader.mark(id) else {
                throw ServiceError.unknown(entity: "mark", id: id.description)
            }
            if let work = try writer.reader.work(mark.workID) { try gate.check(work: work, writer.reader) }
            mark.value = checked.value
            mark.comment = checked.comment
            mark.isDebt = checked.isDebt
            mark.debtDueOn = checked.debtDueOn
            mark.updatedAt = writer.now
            mark.version = version
            return try writer.update(mark)
        }
    }

    public func deleteMark(_ id: MarkID, version: Int, caller: Caller, reason: String? = nil) async throws {
        try await authorize(caller, .marksEdit, try await markObject(id, caller: caller))
        if let work = try await database.read({ try $0.mark(id)?.workID }) {
            try await checkNotLocked([.workMarks], work: work)
        }
        let gate = try await periodGate()
        try await database.write(actor: caller.actor, reason: reason ?? "mark deleted") { writer in
            guard var mark = try writer.reader.mark(id) else {
                throw ServiceError.unknown(entity: "mark", id: id.description)
            }
            if let work = try writer.reader.work(mark.workID) { try gate.check(work: work, writer.reader) }
            mark.version = version
            try writer.delete(mark)
        }
    }

    /// The object of an existing mark, for access decisions.
    func markObject(_ id: MarkID, caller: Caller) async throws -> AccessObject {
        try await decidable(.mark, id.rawValue, .marksEdit, caller: caller) { reader in
            guard let mark = try reader.mark(id), let work = try reader.work(mark.workID) else { return nil }
            return try Self.markObject(
                student: mark.studentID, work: work, reader, id: id.rawValue, enteredBy: mark.enteredByID)
        }
    }

    /// The object of a mark to enter for a student in a work; a work that does not exist is
    /// refused as a work one may not mark.
    func markObject(_ student: StudentID, work id: WorkID, caller: Caller) async throws -> AccessObject {
        try await decidable(.mark, nil, .marksEdit, caller: caller) { reader in
            try reader.work(id).map { try Self.markObject(student: student, work: $0, reader) }
        }
    }

    /// The scale that applies to a work: its subject in its group's grade.
    static func scale(for work: Work, rules: SchoolRules, reader: StoreReader) throws -> (Scale?, Subject, Int) {
        guard let assignment = try reader.assignment(work.assignmentID),
            let subject = try reader.subject(assignment.subjectID), let group = try reader.group(assignment.groupID)
        else { throw ServiceError.unknown(entity: "assignment", id: work.assignmentID.description) }
        let grade = try Self.grade(ofGroup: group.id!, reader) ?? 0
        return (rules.scale(grade: grade, subject: subject.name), subject, grade)
    }

    private static func validated(
        _ draft: MarkDraft, rules: SchoolRules, reader: StoreReader, now: Date, today: LocalDate
    ) throws -> Mark {
        guard let work = try reader.work(draft.workID) else {
            throw ServiceError.unknown(entity: "work", id: draft.workID.description)
        }
        // The journal records what happened: a work of a later day is marked from that day on.
        guard work.date <= today else {
            throw JournalError.refused(.init("error.work_not_yet", ["date": work.date.description]))
        }
        guard try reader.student(draft.studentID) != nil else {
            throw ServiceError.unknown(entity: "student", id: draft.studentID.description)
        }
        guard let assignment = try reader.assignment(work.assignmentID),
            try reader.members(group: assignment.groupID).contains(where: { $0.studentID == draft.studentID })
        else {
            throw JournalError.invalid(
                field: "studentID", message: .init("error.student_not_in_work_group"))
        }
        let (scale, subject, grade) = try scale(for: work, rules: rules, reader: reader)
        let value = draft.value?.trimmingWhitespace()
        if let value, !value.isEmpty {
            guard let scale else {
                throw JournalError.invalid(
                    field: "value",
                    message: .init("error.no_marks_in_grade", ["subject": subject.name, "grade": String(grade)]))
            }
            guard scale.accepts(value) else {
                throw JournalError.invalid(
                    field: "value",
                    message: .init(
                        "error.not_a_mark",
                        ["value": value, "scale": scale.title, "accepted": scale.acceptedValuesText]))
            }
        } else if !draft.isDebt {
            throw JournalError.invalid(field: "value", message: .init("error.mark_needs_value"))
        }
        if draft.isDebt && draft.debtDueOn == nil {
            throw JournalError.invalid(field: "debtDueOn", message: .init("error.debt_needs_due_date"))
        }
        if let comment = draft.comment, comment.count > Limits.comment {
            throw JournalError.invalid(field: "comment", message: .tooLong(Limits.comment))
        }
        return Mark(
            workID: draft.workID, studentID: draft.studentID, value: value?.isEmpty == true ? nil : value,
            comment: draft.comment, isDebt: draft.isDebt, debtDueOn: draft.isDebt ? draft.debtDueOn : nil,
            createdAt: now)
    }
}
