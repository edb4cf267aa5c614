public import Foundation
public import JournalAccess
public import JournalModel
public import JournalRules
public import JournalStore
import Localization

/// A student's medical card as the medical worker sees it.
public struct HealthCard: Sendable, Encodable {
    public var studentID: StudentID
    public var studentName: String
    public var className: String
    public var records: HealthRecords
    /// The flags teachers see now, derived from the records.
    public var flags: [HealthFlag]
}

/// A new or edited health group.
public struct HealthGroupInput: Sendable, Codable, Hashable {
    public var group: Int
    public var setOn: LocalDate
    public var basis: String

    public init(group: Int, setOn: LocalDate, basis: String) {
        self.group = group
        self.setOn = setOn
        self.basis = basis
    }
}

/// A new or edited PE group period; `group` is a code of ``PEGroup``.
public struct PEGroupInput: Sendable, Codable, Hashable {
    public var group: String
    public var from: LocalDate
    public var to: LocalDate?
    public var basis: String

    public init(group: String, from: LocalDate, to: LocalDate?, basis: String) {
        self.group = group
        self.from = from
        self.to = to
        self.basis = basis
    }
}

/// A new or edited allergy or contraindication; `kind` is `allergy` or `contraindication`.
public struct HealthAlertInput: Sendable, Codable, Hashable {
    public var kind: String
    public var text: String
    public var note: String?

    public init(kind: String, text: String, note: String?) {
        self.kind = kind
        self.text = text
        self.note = note
    }
}

/// A new or edited vaccination or refusal.
public struct VaccinationInput: Sendable, Codable, Hashable {
    public var vaccine: String
    public var date: LocalDate
    public var refused: Bool
    public var document: String?

    public init(vaccine: String, date: LocalDate, refused: Bool, document: String?) {
        self.vaccine = vaccine
        self.date = date
        self.refused = refused
        self.document = document
    }
}

/// A new sick note; with `markIllness` the covered lessons' attendance becomes the illness code.
public struct SickNoteInput: Sendable, Codable, Hashable {
    public var from: LocalDate
    public var to: LocalDate
    public var number: String
    public var issuedBy: String
    public var markIllness: Bool

    public init(from: LocalDate, to: LocalDate, number: String, issuedBy: String, markIllness: Bool) {
        self.from = from
        self.to = to
        self.number = number
        self.issuedBy = issuedBy
        self.markIllness = markIllness
    }
}

/// The kinds of medical records, as paths and forms name them.
public enum HealthRecordKind: String, Sendable, CaseIterable, Codable {
    case healthGroup = "health-groups"
    case peGroup = "pe-groups"
    case alert = "alerts"
    case vaccination = "vaccinations"
    case sickNote = "sick-notes"
}

extension JournalService {
    /// The longest basis, document, vaccine or issuer text.
    static let healthTextLimit = 300

    /// A student's medical card (`health.view`; the administrator is denied), its read logged.
    public func healthCard(_ student: StudentID, caller: Caller) async throws -> HealthCard {
        try await openSpecial(caller, .healthView, domain: .health, about: .students([student]), what: "health.card")
        return try await database.read { reader in
            guard let found = try reader.student(student) else {
                throw ServiceError.unknown(entity: "student", id: student.description)
            }
            return HealthCard(
                studentID: student, studentName: found.name.description,
                className: try reader.schoolClass(found.classID)?.name ?? "",
                records: try reader.healthRecords(student),
                flags: try reader.storedHealthFlags(student: student))
        }
    }

    /// Sets a health group (I–V) — a new one, or corrects `id`.
    public func saveHealthGroup(
        student: StudentID, id: Int64? = nil, _ input: HealthGroupInput, caller: Caller
    ) async throws -> HealthGroupRecord {
        try await openSpecial(caller, .healthEdit, domain: .health, about: .students([student]), what: "health.group")
        guard HealthGroupRecord.groups.contains(input.group) else {
            throw JournalError.invalid(
                field: "group", message: .init("error.health_group", ["value": String(input.group)]))
        }
        let basis = try Self.healthText(input.basis, field: "basis", required: true)!
        try await checkHealthDay(input.setOn, field: "setOn")
        let record = HealthGroupRecord(
            id: id, studentID: student, group: input.group, setOn: input.setOn, basis: basis)
        return try await saveHealthRecord(record, student: student, caller: caller)
    }

    /// Sets a PE group for a period — a new one, or corrects `id`. Periods of one student may
    /// not overlap: the error names the period in the way.
    public func savePEGroup(
        student: StudentID, id: Int64? = nil, _ input: PEGroupInput, caller: Caller
    ) async throws -> PEGroupPeriod {
        try await openSpecial(caller, .healthEdit, domain: .health, about: .students([student]), what: "health.pe")
        guard let group = PEGroup(rawValue: input.group) else {
            throw JournalError.invalid(
                field: "group", message: .init("error.pe_group", ["value": input.group, "accepted": Self.peAccepted]))
        }
        if let to = input.to, to < input.from {
            throw JournalError.invalid(
                field: "to", message: .init("error.health_to_before_from", ["from": input.from.russianText]))
        }
        let basis = try Self.healthText(input.basis, field: "basis", required: true)!
        let record = PEGroupPeriod(
            id: id, studentID: student, group: group, from: input.from, to: input.to, basis: basis)
        return try await saveHealthRecord(record, student: student, caller: caller) { writer in
            let others = try writer.reader.healthRecords(student).peGroups.filter { $0.id != id }
            if let other = others.first(where: record.overlaps) {
                throw JournalError.invalid(
                    field: "from",
                    message: .init(
                        "error.pe_overlap",
                        [
                            "group": Strings.text(other.group.titleKey), "from": other.from.russianText,
                            "to": other.to?.russianText ?? "—",
                        ]))
            }
        }
    }

    /// Records an allergy or a contraindication — a new one, or corrects `id`.
    public func saveHealthAlert(
        student: StudentID, id: Int64? = nil, _ input: HealthAlertInput, caller: Caller
    ) async throws -> HealthAlert {
        try await openSpecial(caller, .healthEdit, domain: .health, about: .students([student]), what: "health.alert")
        guard let kind = HealthAlert.Kind(rawValue: input.kind) else {
            throw JournalError.invalid(
                field: "kind", message: .init("error.health_alert_kind", ["value": input.kind]))
        }
        let text = try Self.healthText(input.text, field: "text", required: true)!
        let note = try Self.healthText(input.note, field: "note", required: false)
        let record = HealthAlert(id: id, studentID: student, kind: kind, text: text, note: note)
        return try await saveHealthRecord(record, student: student, caller: caller)
    }

    /// Records a vaccination or a refusal — a new one, or corrects `id`.
    public func saveVaccination(
        student: StudentID, id: Int64? = nil, _ input: VaccinationInput, caller: Caller
    ) async throws -> Vaccination {
        try await openSpecial(
            caller, .healthEdit, domain: .health, about: .students([student]), what: "health.vaccination")
        let vaccine = try Self.healthText(input.vaccine, field: "vaccine", required: true)!
        let document = try Self.healthText(input.document, field: "document", required: input.refused)
        let today = try await today()
        guard input.date <= today else {
            throw JournalError.invalid(
                field: "date", message: .init("error.health_future", ["today": today.russianText]))
        }
        let record = Vaccination(
            id: id, studentID: student, vaccine: vaccine, date: input.date, refused: input.refused, document: document)
        return try await saveHealthRecord(record, student: student, caller: caller)
    }

    /// Deletes one record of a student.
    public func deleteHealthRecord(
        _ kind: HealthRecordKind, id: Int64, student: StudentID, caller: Caller
    ) async throws {
        try await openSpecial(caller, .healthEdit, domain: .health, about: .students([student]), what: "health.delete")
        try await database.write(actor: caller.actor, reason: "medical record deleted") { writer in
            func remove<Record: AuditedRecord>(_ type: Record.Type, _ owner: (Record) -> StudentID) throws {
                guard let record = try writer.reader.healthRow(Record.self, id: id), owner(record) == student else {
                    throw JournalError.invalid(
                        field: "recordID",
                        message: .init("error.health_record_unknown", ["id": String(id), "kind": kind.rawValue]))
                }
                try writer.delete(record)
            }
            switch kind {
            case .healthGroup: try remove(HealthGroupRecord.self, \.studentID)
            case .peGroup: try remove(PEGroupPeriod.self, \.studentID)
            case .alert: try remove(HealthAlert.self, \.studentID)
            case .vaccination: try remove(Vaccination.self, \.studentID)
            case .sickNote: try remove(SickNote.self, \.studentID)
            }
        }
        await refreshHealthFlags([student], actor: caller.actor)
    }

    /// Inserts or updates `record` of `student` in one transaction, after `check` inside it,
    /// then recomputes the student's flags.
    func saveHealthRecord<Record: AuditedRecord>(
        _ record: Record, student: StudentID, caller: Caller,
        check: @escaping @Sendable (AuditedWriter) throws -> Void = { _ in }
    ) async throws -> Record where Record: Sendable {
        let saved = try await database.write(actor: caller.actor, reason: "medical record") { writer in
            guard try writer.reader.student(student) != nil else {
                throw ServiceError.unknown(entity: "student", id: student.description)
            }
            try check(writer)
            guard let id = record.rowID else { return try writer.insert(record) }
            // A record of another student is not this student's to correct: it is not found here,
            // so that an id cannot move a record from one card to another.
            guard let existing = try writer.reader.healthRow(Record.self, id: id),
                try existing.auditScope(writer.db).studentID == student
            else {
                throw ServiceError.unknown(entity: "medical record", id: String(id))
            }
            return try writer.update(record)
        }
        await refreshHealthFlags([student], actor: caller.actor)
        return saved
    }

    /// A day of a record: not in the future.
    func checkHealthDay(_ day: LocalDate, field: String) async throws {
        let today = try await today()
        guard day <= today else {
            throw JournalError.invalid(
                field: field, message: .init("error.health_future", ["today": today.russianText]))
        }
    }

    static var peAccepted: String {
        PEGroup.allCases.map { "\($0.rawValue) (\(Strings.text($0.titleKey)))" }.joined(separator: ", ")
    }

    /// A trimmed text of at most ``healthTextLimit`` characters; nil when empty and not required.
    static func healthText(_ value: String?, field: String, required: Bool) throws -> String? {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            if required { throw JournalError.invalid(field: field, message: .init("error.health_required")) }
            return nil
        }
        guard text.count <= healthTextLimit else {
            throw JournalError.invalid(field: field, message: .tooLong(healthTextLimit))
        }
        return text
    }
}
