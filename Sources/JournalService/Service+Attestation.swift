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
        let (value, reason) = try Self.checkedMark(
            value, reason: reason, recommended: standing.recommended, scale: rules.scales[standing.scaleID]!)
        let year = try await currentYear()
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: reason ?? "period mark set") { writer in
            if let found = try writer.reader.student(student) {
                try gate.check(period: standing.period, classes: [found.classID], writer.reader)
            }
            return try Self.storeMark(
                AttestationMark(
                    studentID: student, subjectID: subject, yearID: year.id!, kind: standing.period.markKind,
                    period: standing.period.key, recommended: standing.recommended,
                    recommendedAverage: standing.weighted.average, rulesVersion: standing.rulesVersion, value: value,
                    overrideReason: reason),
                version: version, writer)
        }
    }

    /// A period, annual or final mark as set beside its recommendation: trimmed, nil when
    /// empty (clearing it), a mark of the scale, and with a reason when it differs from the
    /// recommendation.
    static func checkedMark(_ value: String?, reason: String?, recommended: String?, scale: Scale?) throws
        -> (value: String?, reason: String?)
    {
        let value = value?.trimmingWhitespace()
        if let value, !value.isEmpty, let scale, !scale.accepts(value) {
            throw JournalError.invalid(
                field: "value",
                message: .init(
                    "error.not_a_mark", ["value": value, "scale": scale.title, "accepted": scale.acceptedValuesText]))
        }
        let reason = reason?.trimmingWhitespace()
        if let value, !value.isEmpty, value != recommended, reason?.isEmpty ?? true {
            throw JournalError.invalid(
                field: "reason",
                message: .init(
                    "error.mark_differs_from_recommended", ["value": value, "recommended": recommended ?? "—"]))
        }
        return (value?.isEmpty == true ? nil : value, reason)
    }

    /// Stores `mark` over the student's mark of the same kind, period and subject this year,
    /// if any, at `version`; the reason is kept only where the mark differs from the
    /// recommendation. Who set it and when are the writer's.
    static func storeMark(_ mark: AttestationMark, version: Int?, _ writer: AuditedWriter) throws -> AttestationMark {
        let existing = try writer.reader.attestationMarks(students: [mark.studentID], year: mark.yearID).first {
            $0.subjectID == mark.subjectID && $0.kind == mark.kind && $0.period == mark.period
        }
        var stored = existing ?? mark
        stored.recommended = mark.recommended
        stored.recommendedAverage = mark.recommendedAverage
        stored.rulesVersion = mark.rulesVersion
        stored.value = mark.value
        stored.overrideReason = stored.value != nil && stored.value != mark.recommended ? mark.overrideReason : nil
        stored.setByID = writer.actor.staffID
        stored.setAt = writer.now
        if existing == nil { return try writer.insert(stored) }
        if let version { stored.version = version }
        return try writer.update(stored)
    }
}
