public import Foundation
public import JournalAccess
public import JournalModel
import JournalStore
import Localization

/// One student of a psychologist's caseload as their daily page shows it.
public struct CaseloadStudent: Sendable, Codable, Hashable {
    public var studentID: StudentID
    public var name: String
    public var className: String
    /// The scopes of consent in force today.
    public var consents: [PsychologyScope]
    /// The caller's own last session or diagnostic with the student.
    public var lastRecord: LocalDate?
}

/// A council conclusion with the staff it is shared with (for its author) or by whom.
public struct CouncilConclusionView: Sendable, Codable, Hashable {
    public var conclusion: CouncilConclusion
    public var studentName: String
    public var authorName: String
    /// Active and revoked shares; only the author sees them.
    public var shares: [CouncilShare]
    public var staffNames: [String: String]
}

/// Everything a psychologist reads about one student of their caseload: the consents, their
/// own records (never another's), their own council conclusions, the social facts.
public struct PsychologyCard: Sendable, Codable {
    public var studentID: StudentID
    public var name: String
    public var className: String
    public var representatives: [RepresentativeChoice]
    public var consents: [PsychologyConsent]
    public var records: [PsychologyRecord]
    public var conclusions: [CouncilConclusionView]
    public var socialFacts: [SocialFact]
}

/// A representative a consent may be recorded from.
public struct RepresentativeChoice: Sendable, Codable, Hashable {
    public var id: RepresentativeID
    public var name: String
}

/// A new session or diagnostic record, as the psychologist fills it in.
public struct PsychologyRecordInput: Sendable, Codable {
    public var date: LocalDate
    public var kind: PsychologyRecord.Kind
    public var scope: PsychologyScope
    public var notes: String
    public var conclusion: String

    public init(
        date: LocalDate, kind: PsychologyRecord.Kind, scope: PsychologyScope, notes: String, conclusion: String
    ) {
        self.date = date
        self.kind = kind
        self.scope = scope
        self.notes = notes
        self.conclusion = conclusion
    }
}

/// The longest free text of a psychologist's record, conclusion or note.
let psychologyTextLimit = 10_000

extension JournalService {
    /// The psychologist's daily page: their caseload with each student's consents in force
    /// today and the caller's last record. The consents are special data: the read is logged.
    public func psychologyCaseload(caller: Caller) async throws -> [CaseloadStudent] {
        let staff = caller.actor.staffID
        let ids = try await database.read { reader in try staff.map { try reader.caseload(staff: $0) } ?? [] }
        if ids.isEmpty {
            // A psychologist without students yet has an empty page; anyone else is refused.
            guard caller.subject?.roles.contains(.psychologist) == true else {
                try await authorize(caller, .psychologyView, .school)
                return []
            }
            return []
        }
        try await authorize(caller, .psychologyView, AccessObject(kind: .school, students: Set(ids)))
        guard let staff else { return [] }
        let today = try await today()
        try await openSpecial(
            caller, .psychologyView, domain: .psychology, about: .students(ids), what: "psychology.caseload")
        return try await database.read { reader in
            let consents = Dictionary(grouping: try reader.psychologyConsents(students: ids), by: \.studentID)
            let records = Dictionary(grouping: try reader.psychologyRecords(author: staff), by: \.studentID)
            var result: [CaseloadStudent] = []
            for id in ids {
                guard let student = try reader.student(id) else { continue }
                let className = try reader.schoolClass(student.classID)?.name ?? ""
                let scopes = Set((consents[id] ?? []).filter { $0.covers(today) }.map(\.scope))
                result.append(
                    CaseloadStudent(
                        studentID: id, name: student.name.description, className: className,
                        consents: PsychologyScope.allCases.filter(scopes.contains),
                        lastRecord: records[id]?.map(\.date).max()))
            }
            return result.sorted { ($0.className, $0.name) < ($1.className, $1.name) }
        }
    }

    /// One student's psychology card for a psychologist of their caseload. Records and council
    /// conclusions are the caller's own only: another psychologist's are never shown, whatever
    /// the rights say. The read is logged before anything is returned.
    public func psychologyCard(_ student: StudentID, caller: Caller) async throws -> PsychologyCard {
        try await openSpecial(
            caller, .psychologyView, domain: .psychology, about: .students([student]), what: "psychology.card")
        let me = caller.actor.staffID
        return try await database.read { reader in
            guard let record = try reader.student(student) else {
                throw ServiceError.unknown(entity: "student", id: student.description)
            }
            let links = try reader.representativeLinks(students: [student])
            let representatives = try links.compactMap { link in
                try reader.representative(link.representativeID).map {
                    RepresentativeChoice(id: link.representativeID, name: $0.name.description)
                }
            }
            let conclusions = try reader.councilConclusions(student: student).filter { $0.authorID == me }
            return PsychologyCard(
                studentID: student, name: record.name.description,
                className: try reader.schoolClass(record.classID)?.name ?? "", representatives: representatives,
                consents: try reader.psychologyConsents(student: student),
                records: try reader.psychologyRecords(student: student).filter { $0.authorID == me },
                conclusions: try Self.conclusionViews(conclusions, withShares: true, reader),
                socialFacts: try reader.socialFacts(students: [student]))
        }
    }

    /// Records a representative's consent of one scope, given on `givenOn` (not in the future)
    /// with its document.
    public func addPsychologyConsent(
        student: StudentID, representative: RepresentativeID, scope: PsychologyScope, givenOn: LocalDate,
        document: String, caller: Caller
    ) async throws -> PsychologyConsent {
        let document = document.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(document.count) else {
            throw JournalError.invalid(field: "document", message: .init("error.psychology.document", ["max": "200"]))
        }
        let today = try await today()
        guard givenOn <= today else {
            throw JournalError.invalid(
                field: "given_on", message: .init("error.psychology.future_date", ["date": givenOn.description]))
        }
        try await openSpecial(
            caller, .psychologyEdit, domain: .psychology, about: .students([student]), what: "psychology.consents")
        return try await database.write(actor: caller.actor, reason: "psychology consent") { writer in
            let links = try writer.reader.representativeLinks(students: [student])
            guard links.contains(where: { $0.representativeID == representative }) else {
                throw JournalError.invalid(
                    field: "representative_id",
                    message: .init(
                        "error.psychology.not_representative",
                        [
                            "id": representative.description,
                            "accepted": links.map(\.representativeID.description).joined(separator: ", "),
                        ]))
            }
            return try writer.insert(
                PsychologyConsent(
                    studentID: student, representativeID: representative, scope: scope, givenOn: givenOn,
                    document: document, recordedBy: caller.actor.staffID))
        }
    }

    /// Records the representative's withdrawal of a consent from `on` (the first day without
    /// it). Refused when a record of that scope relies on the consent on or after that day.
    public func withdrawPsychologyConsent(_ id: Int64, on date: LocalDate, caller: Caller) async throws
        -> PsychologyConsent
    {
        let consent = try await psychologyConsent(id, caller: caller)
        guard consent.withdrawnOn == nil else {
            throw JournalError.refused(
                .init("error.psychology.already_withdrawn", ["date": consent.withdrawnOn!.description]))
        }
        guard date >= consent.givenOn else {
            throw JournalError.invalid(
                field: "withdrawn_on",
                message: .init(
                    "error.psychology.withdrawn_before_given",
                    ["date": date.description, "given": consent.givenOn.description]))
        }
        return try await database.write(actor: caller.actor, reason: "psychology consent withdrawn") { writer in
            var withdrawn = consent
            withdrawn.withdrawnOn = date
            if let record = try Self.recordRelying(on: consent, without: withdrawn, writer.reader) {
                throw JournalError.invalid(
                    field: "withdrawn_on",
                    message: .init(
                        "error.psychology.withdrawn_before_record",
                        ["date": date.description, "record": record.date.description]))
            }
            return try writer.update(withdrawn)
        }
    }

    /// Deletes a consent entered by mistake; refused while any record relies on it.
    public func deletePsychologyConsent(_ id: Int64, caller: Caller) async throws {
        let consent = try await psychologyConsent(id, caller: caller)
        try await database.write(actor: caller.actor, reason: "psychology consent deleted") { writer in
            if let record = try Self.recordRelying(on: consent, without: nil, writer.reader) {
                throw JournalError.refused(
                    .init(
                        "error.psychology.consent_in_use",
                        ["record": record.date.description]))
            }
            try writer.delete(consent)
        }
    }

    /// A consent for editing, with the caller's right over its student checked.
    private func psychologyConsent(_ id: Int64, caller: Caller) async throws -> PsychologyConsent {
        guard let consent = try await database.read({ reader in try reader.psychologyConsent(id) }) else {
            try await authorize(caller, .psychologyEdit, .school)
            throw ServiceError.unknown(entity: "consent", id: String(id))
        }
        try await openSpecial(
            caller, .psychologyEdit, domain: .psychology, about: .students([consent.studentID]),
            what: "psychology.consents")
        return consent
    }

    /// The first record (of any author) that `consent` covers and that, with the consent
    /// replaced by `replacement` (or removed), no consent would cover.
    static func recordRelying(
        on consent: PsychologyConsent, without replacement: PsychologyConsent?, _ reader: StoreReader
    )
        throws -> PsychologyRecord?
    {
        let others =
            try reader.psychologyConsents(student: consent.studentID)
            .filter { $0.id != consent.id && $0.scope == consent.scope } + [replacement].compactMap { $0 }
        return try reader.psychologyRecords(student: consent.studentID).first { record in
            record.scope == consent.scope && consent.covers(record.date) && !others.contains { $0.covers(record.date) }
        }
    }

    /// Writes a session or diagnostic record; only with a consent of its scope in force on its
    /// date. The record is the caller's: no one else ever reads it.
    public func addPsychologyRecord(_ student: StudentID, _ input: PsychologyRecordInput, caller: Caller) async throws
        -> PsychologyRecord
    {
        let notes = input.notes.trimmingCharacters(in: .whitespacesAndNewlines)
        let conclusion = input.conclusion.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...psychologyTextLimit).contains(notes.count) else {
            throw JournalError.invalid(
                field: "notes", message: .init("error.psychology.text", ["max": String(psychologyTextLimit)]))
        }
        guard conclusion.count <= psychologyTextLimit else {
            throw JournalError.invalid(
                field: "conclusion", message: .init("error.psychology.text", ["max": String(psychologyTextLimit)]))
        }
        guard input.date <= (try await today()) else {
            throw JournalError.invalid(
                field: "date", message: .init("error.psychology.future_date", ["date": input.date.description]))
        }
        try await openSpecial(
            caller, .psychologyEdit, domain: .psychology, about: .students([student]), what: "psychology.records")
        guard let author = caller.actor.staffID else {
            throw JournalError.refused(.init("error.psychology.staff_only"))
        }
        let now = now()
        return try await database.write(actor: caller.actor, reason: "psychology record") { writer in
            let consents = try writer.reader.psychologyConsents(student: student)
            guard consents.contains(where: { $0.scope == input.scope && $0.covers(input.date) }) else {
                throw JournalError.refused(
                    .init("error.psychology.no_consent.\(input.scope.rawValue)", ["date": input.date.description]))
            }
            return try writer.insert(
                PsychologyRecord(
                    studentID: student, authorID: author, date: input.date, kind: input.kind, scope: input.scope,
                    notes: notes, conclusion: conclusion, createdAt: now))
        }
    }

    /// Writes a conclusion of the psychological-pedagogical council about a student.
    public func addCouncilConclusion(
        _ student: StudentID, date: LocalDate, conclusion: String, recommendations: String, caller: Caller
    ) async throws -> CouncilConclusion {
        let conclusion = conclusion.trimmingCharacters(in: .whitespacesAndNewlines)
        let recommendations = recommendations.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...psychologyTextLimit).contains(conclusion.count) else {
            throw JournalError.invalid(
                field: "conclusion", message: .init("error.psychology.text", ["max": String(psychologyTextLimit)]))
        }
        guard recommendations.count <= psychologyTextLimit else {
            throw JournalError.invalid(
                field: "recommendations", message: .init("error.psychology.text", ["max": String(psychologyTextLimit)]))
        }
        guard date <= (try await today()) else {
            throw JournalError.invalid(
                field: "date", message: .init("error.psychology.future_date", ["date": date.description]))
        }
        try await openSpecial(
            caller, .psychologyEdit, domain: .psychology, about: .students([student]), what: "psychology.council")
        guard let author = caller.actor.staffID else {
            throw JournalError.refused(.init("error.psychology.staff_only"))
        }
        let now = now()
        return try await database.write(actor: caller.actor, reason: "council conclusion") { writer in
            try writer.insert(
                CouncilConclusion(
                    studentID: student, authorID: author, date: date, conclusion: conclusion,
                    recommendations: recommendations, createdAt: now))
        }
    }
}
