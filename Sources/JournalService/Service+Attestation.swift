import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore

extension JournalService {
    /// Sets a student's period mark in a subject (R2), or with the period `year` the annual
    /// mark, once every period of the year has its mark. The recommendation of the active rules
    /// is stored beside it with the rules version that produced it, so a later change of rules
    /// never rewrites what was decided. A mark other than the recommendation needs a reason.
    public func setPeriodMark(
        student: StudentID, subject: SubjectID, period name: String, value: String?, reason: String?,
        version: Int? = nil, caller: Caller
    ) async throws -> AttestationMark {
        let object = try await studentSubjectObject(student, subject: subject, for: .periodMarksSet, caller: caller)
        try await authorize(caller, .periodMarksSet, object)
        let explained = try await explain(
            student: student, subject: subject, period: name, caller: .system("period mark"))
        guard let standing = explained.standing else {
            throw JournalError.refused(.init("error.no_marks_in_subject", ["subject": explained.subjectName]))
        }
        if let basis = standing.annual, !basis.missing.isEmpty {
            throw JournalError.refused(
                .init("error.annual_needs_periods", ["periods": basis.missing.joined(separator: ", ")]))
        }
        // The scale of the version that recommended: a closed period's is the one it closed with.
        let rules: SchoolRules
        if let version = standing.rulesVersion {
            rules = try await self.rules(version: version)
        } else {
            rules = try await self.rules()
        }
        let scale = rules.scales[standing.scaleID]!
        let value = value?.trimmingWhitespace()
        if let value, !value.isEmpty, !scale.accepts(value) {
            throw JournalError.invalid(
                field: "value",
                message: .init(
                    "error.not_a_mark", ["value": value, "scale": scale.title, "accepted": scale.acceptedValuesText]))
        }
        let reason = reason?.trimmingWhitespace()
        if let value, !value.isEmpty, value != standing.recommended, reason?.isEmpty ?? true {
            throw JournalError.invalid(
                field: "reason",
                message: .init(
                    "error.mark_differs_from_recommended",
                    ["value": value, "recommended": standing.recommended ?? "—"]))
        }
        let year = try await currentYear()
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: reason ?? "period mark set") { writer in
            if let found = try writer.reader.student(student) {
                try gate.check(period: standing.period, classes: [found.classID], writer.reader)
            }
            let existing = try writer.reader.attestationMarks(students: [student], year: year.id!).first {
                $0.subjectID == subject && $0.kind == standing.period.markKind && $0.period == standing.period.key
            }
            var mark =
                existing
                ?? AttestationMark(
                    studentID: student, subjectID: subject, yearID: year.id!, kind: standing.period.markKind,
                    period: standing.period.key)
            mark.recommended = standing.recommended
            mark.recommendedAverage = standing.weighted.average
            mark.rulesVersion = standing.rulesVersion
            mark.value = value?.isEmpty == true ? nil : value
            mark.overrideReason = mark.value != nil && mark.value != standing.recommended ? reason : nil
            mark.setByID = writer.actor.staffID
            mark.setAt = writer.now
            if existing == nil { return try writer.insert(mark) }
            if let version { mark.version = version }
            return try writer.update(mark)
        }
    }
}
