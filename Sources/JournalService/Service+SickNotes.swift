public import Foundation
public import JournalAccess
public import JournalModel
import JournalRules
public import JournalStore

/// What entering a sick note did.
public struct SickNoteResult: Sendable, Encodable {
    public var note: SickNote
    /// Lessons whose attendance became the illness code: an unexcused absence turned, or a
    /// lesson without a record marked.
    public var lessonsMarked: Int
}

extension JournalService {
    /// The school's illness code (`attendance.lua`).
    static let illnessCode = "Б"

    /// Records a sick note covering `from…to`. Only for days the student was enrolled: within
    /// the current academic year, not after today, in a class of that year. With
    /// `markIllness`, every lesson of the student's groups on those days, up to today, gets the
    /// illness code through the journal's audited attendance records, in the same transaction
    /// as the note: an unexcused absence («Н») becomes «Б», a lesson without a record gets «Б»,
    /// other codes stay. Nothing is written when any of it is refused.
    public func addSickNote(student: StudentID, _ input: SickNoteInput, caller: Caller) async throws -> SickNoteResult {
        try await openSpecial(
            caller, .healthEdit, domain: .health, about: .students([student]), what: "health.sick_note")
        guard input.from <= input.to else {
            throw JournalError.invalid(
                field: "to", message: .init("error.health_to_before_from", ["from": input.from.russianText]))
        }
        let number = try Self.healthText(input.number, field: "number", required: true)!
        let issuedBy = try Self.healthText(input.issuedBy, field: "issuedBy", required: true)!
        let today = try await today()
        let year = try await currentYear()
        guard year.range.contains(input.from), year.range.contains(input.to) else {
            throw JournalError.invalid(
                field: "from",
                message: .init(
                    "error.sick_note_year",
                    ["start": year.range.start.russianText, "end": year.range.end.russianText]))
        }
        guard input.to <= today else {
            throw JournalError.invalid(field: "to", message: .init("error.health_future", ["today": today.russianText]))
        }
        let rules = try await rules()
        let illness = Self.illnessCode
        if input.markIllness, rules.attendanceCodes[illness] == nil {
            throw JournalError.refused(
                .init("error.sick_note_no_code", ["code": illness, "accepted": rules.attendanceCodes.codesText]))
        }
        let unexcused = Set(rules.attendanceCodes.all.filter { $0.absent && !$0.excused && !$0.late }.map(\.code))
        let gate = try await periodGate()
        let range = DateRange(start: input.from, end: input.to)
        let (note, marked) = try await database.write(actor: caller.actor, reason: "sick note") { writer in
            guard let found = try writer.reader.student(student) else {
                throw ServiceError.unknown(entity: "student", id: student.description)
            }
            guard try writer.reader.schoolClass(found.classID)?.yearID == year.id else {
                throw JournalError.invalid(field: "studentID", message: .init("error.sick_note_not_enrolled"))
            }
            // The personal file, when the secretary keeps one, says when the student was enrolled
            // and when they left: a sick note outside those days is not the school's.
            if let file = try writer.reader.personalFile(student: student) {
                if input.from < file.enrolledOn {
                    throw JournalError.invalid(
                        field: "from",
                        message: .init("error.sick_note_before_enrolment", ["date": file.enrolledOn.russianText]))
                }
                if let left = file.leftOn, input.to >= left {
                    throw JournalError.invalid(
                        field: "to", message: .init("error.sick_note_after_leaving", ["date": left.russianText]))
                }
            }
            var marked = 0
            if input.markIllness {
                let groups = try writer.reader.memberships(students: [student]).map(\.groupID)
                let assignments = try writer.reader.assignments(groups: groups)
                let lessons = try writer.reader.lessons(assignments: assignments.compactMap(\.id), range: range)
                    .filter { $0.status != .cancelled && $0.date <= today }
                let groupOf = Dictionary(uniqueKeysWithValues: assignments.map { ($0.id!, $0.groupID) })
                for lesson in lessons {
                    if let group = groupOf[lesson.assignmentID] {
                        try gate.check(date: lesson.date, group: group, writer.reader)
                    }
                    switch try writer.reader.attendance(lesson: lesson.id!, student: student) {
                    case nil:
                        try writer.insertFreshVersion(
                            Attendance(lessonID: lesson.id!, studentID: student, code: illness))
                        marked += 1
                    case var current? where unexcused.contains(current.code):
                        current.code = illness
                        try writer.update(current)
                        marked += 1
                    default: break
                    }
                }
            }
            let note = try writer.insert(
                SickNote(
                    studentID: student, from: input.from, to: input.to, number: number, issuedBy: issuedBy,
                    lessonsMarked: marked))
            return (note, marked)
        }
        return SickNoteResult(note: note, lessonsMarked: marked)
    }
}
