public import Foundation
public import JournalAccess
public import JournalModel
import JournalStore
public import Localization
import Spreadsheet

/// A staff member's personal file as HR and the person themselves read it.
public struct PersonnelFile: Sendable, Codable {
    public var staffID: StaffID
    public var name: String
    public var position: String
    public var file: StaffFile?
    public var education: [StaffEducation]
    public var courses: [StaffCourse]
    public var medicalChecks: [StaffMedicalCheck]
    /// The criminal-record certificates: special data, shown after a logged read.
    public var certificates: [CriminalRecordCertificate]
    public var due: PersonnelDue
}

/// Where one member of staff stands with their dated obligations.
public struct PersonnelDue: Sendable, Codable, Hashable {
    public var staffID: StaffID
    public var name: String
    public var position: String
    /// The day the next course is due: three years after the last one ended (or the hire
    /// date, or today when neither is known).
    public var courseDue: LocalDate?
    public var course: DueStatus
    public var medicalValidUntil: LocalDate?
    public var medical: DueStatus
    public var certificateValidUntil: LocalDate?
    public var certificate: DueStatus

    /// The worst of the three.
    public var status: DueStatus { min(course, medical, certificate) }
}

/// The file's own fields as HR edits them.
public struct StaffFileInput: Sendable, Codable {
    public var hiredOn: LocalDate?
    public var category: String
    public var attestedOn: LocalDate?

    public init(hiredOn: LocalDate?, category: String, attestedOn: LocalDate?) {
        self.hiredOn = hiredOn
        self.category = category
        self.attestedOn = attestedOn
    }
}

/// A course as HR enters it.
public struct StaffCourseInput: Sendable, Codable {
    public var title: String
    public var provider: String
    public var hours: Int
    public var from: LocalDate
    public var to: LocalDate
    public var certificate: String

    public init(title: String, provider: String, hours: Int, from: LocalDate, to: LocalDate, certificate: String) {
        self.title = title
        self.provider = provider
        self.hours = hours
        self.from = from
        self.to = to
        self.certificate = certificate
    }
}

/// The due tracker's rules: a course at least once every three years (warned 90 days ahead),
/// checks and certificates warned 30 days before they lapse.
public enum PersonnelRules {
    public static let courseYears = 3
    public static let courseWarningDays = 90
    public static let validityWarningDays = 30

    public static func status(due: LocalDate?, today: LocalDate, warning: Int) -> DueStatus {
        guard let due else { return .overdue }
        if due < today { return .overdue }
        if due <= today.adding(days: warning) { return .soon }
        return .ok
    }

    /// Three years after `date` (29 February falls to 28 February).
    public static func threeYears(after date: LocalDate) -> LocalDate {
        let year = date.year + courseYears
        return LocalDate(
            year: year, month: date.month, day: min(date.day, LocalDate.daysIn(month: date.month, year: year)))!
    }

    public static func due(
        _ staff: Staff, file: StaffFile?, courses: [StaffCourse], checks: [StaffMedicalCheck],
        certificates: [CriminalRecordCertificate], today: LocalDate
    ) -> PersonnelDue {
        let lastCourse = courses.map(\.to).max()
        let courseDue = (lastCourse ?? file?.hiredOn).map(threeYears(after:))
        let medical = checks.map(\.validUntil).max()
        let certificate = certificates.map(\.validUntil).max()
        return PersonnelDue(
            staffID: staff.id!, name: staff.name.description, position: staff.position, courseDue: courseDue,
            course: status(due: courseDue, today: today, warning: courseWarningDays), medicalValidUntil: medical,
            medical: status(due: medical, today: today, warning: validityWarningDays),
            certificateValidUntil: certificate,
            certificate: status(due: certificate, today: today, warning: validityWarningDays))
    }
}

extension JournalService {
    /// Everyone's dated obligations, the most urgent first: what HR's page and home page
    /// remind of. Dates only (restricted data): no special read.
    public func personnelDue(caller: Caller) async throws -> [PersonnelDue] {
        try await authorize(caller, .hrView, .school)
        let today = try await today()
        return try await database.read { reader in
            let files = Dictionary(uniqueKeysWithValues: try reader.staffFiles().map { ($0.staffID, $0) })
            let courses = Dictionary(grouping: try reader.staffCourses(), by: \.staffID)
            let checks = Dictionary(grouping: try reader.staffMedicalChecks(), by: \.staffID)
            let certificates = Dictionary(grouping: try reader.criminalRecordCertificates(), by: \.staffID)
            return try reader.allStaff().map { staff in
                PersonnelRules.due(
                    staff, file: files[staff.id!], courses: courses[staff.id!] ?? [], checks: checks[staff.id!] ?? [],
                    certificates: certificates[staff.id!] ?? [], today: today)
            }
            .sorted { ($0.status, $0.name) < ($1.status, $1.name) }
        }
    }

    /// The due list as CSV for HR: those overdue or due soon, one line each.
    public func personnelDueCSV(_ language: Language, caller: Caller) async throws -> String {
        let due = try await personnelDue(caller: caller).filter { $0.status != .ok }
        func t(_ key: String) -> String { Strings.text(key, language) }
        // Quoted, and a cell that would start a formula kept as text: the guard every export uses.
        let cell = CSVField.cell
        var lines = [
            [
                t("hr.staff"), t("hr.position"), t("hr.course_due"), t("hr.course"), t("hr.medical_valid"),
                t("hr.medical"),
                t("hr.certificate_valid"), t("hr.certificate"),
            ].map(cell).joined(separator: ",")
        ]
        for row in due {
            lines.append(
                [
                    row.name, row.position, row.courseDue?.description ?? "", t("hr.due.\(row.course.rawValue)"),
                    row.medicalValidUntil?.description ?? "", t("hr.due.\(row.medical.rawValue)"),
                    row.certificateValidUntil?.description ?? "", t("hr.due.\(row.certificate.rawValue)"),
                ].map(cell)
                    .joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A staff member's file: HR's, or the person's own (`self`). The criminal-record
    /// certificates are special data: the read is logged before the file is returned.
    public func personnelFile(_ staff: StaffID, caller: Caller) async throws -> PersonnelFile {
        try await openSpecial(caller, .hrView, domain: .personnel, about: .staff(staff), what: "personnel.file")
        let today = try await today()
        return try await database.read { reader in
            guard let member = try reader.staff(staff) else {
                throw ServiceError.unknown(entity: "staff", id: staff.description)
            }
            let file = try reader.staffFile(staff: staff)
            let courses = try reader.staffCourses(staff: staff)
            let checks = try reader.staffMedicalChecks(staff: staff)
            let certificates = try reader.criminalRecordCertificates(staff: staff)
            return PersonnelFile(
                staffID: staff, name: member.name.description, position: member.position, file: file,
                education: try reader.staffEducation(staff: staff), courses: courses, medicalChecks: checks,
                certificates: certificates,
                due: PersonnelRules.due(
                    member, file: file, courses: courses, checks: checks, certificates: certificates, today: today))
        }
    }

    /// The caller's own file ("Мой кадровый файл").
    public func myPersonnelFile(caller: Caller) async throws -> PersonnelFile {
        guard let staff = caller.actor.staffID else {
            // Only staff have a file: anyone else is refused as on the school's files.
            try await authorize(caller, .hrView, .school)
            throw JournalError.refused(.init("error.hr.staff_only"))
        }
        return try await personnelFile(staff, caller: caller)
    }

    /// Sets the file's hire date, qualification category and attestation date.
    public func setStaffFile(_ staff: StaffID, _ input: StaffFileInput, caller: Caller) async throws -> StaffFile {
        try await authorizeHR(staff, caller: caller)
        guard let category = QualificationCategory(rawValue: input.category) else {
            throw JournalError.invalid(
                field: "category",
                message: .init(
                    "error.hr.category",
                    [
                        "value": input.category,
                        "accepted": QualificationCategory.allCases.map(\.rawValue).joined(separator: ", "),
                    ]))
        }
        let today = try await today()
        if let hired = input.hiredOn, hired > today {
            throw JournalError.invalid(
                field: "hired_on", message: .init("error.hr.future", ["date": hired.description]))
        }
        if let attested = input.attestedOn {
            guard attested <= today else {
                throw JournalError.invalid(
                    field: "attested_on", message: .init("error.hr.future", ["date": attested.description]))
            }
            if let hired = input.hiredOn, attested < hired {
                throw JournalError.invalid(
                    field: "attested_on",
                    message: .init("error.hr.order", ["first": hired.description, "second": attested.description]))
            }
        } else if category != .none {
            throw JournalError.invalid(field: "attested_on", message: .init("error.hr.attestation_needed"))
        }
        return try await database.write(actor: caller.actor, reason: "staff file") { writer in
            if var file = try writer.reader.staffFile(staff: staff) {
                file.hiredOn = input.hiredOn
                file.category = category
                file.attestedOn = input.attestedOn
                return try writer.update(file)
            }
            return try writer.insert(
                StaffFile(staffID: staff, hiredOn: input.hiredOn, category: category, attestedOn: input.attestedOn))
        }
    }

    public func addStaffEducation(
        _ staff: StaffID, institution: String, year: Int, qualification: String, caller: Caller
    ) async throws -> StaffEducation {
        try await authorizeHR(staff, caller: caller)
        let institution = institution.trimmingCharacters(in: .whitespacesAndNewlines)
        let qualification = qualification.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...300).contains(institution.count) else {
            throw JournalError.invalid(field: "institution", message: .init("error.hr.text", ["max": "300"]))
        }
        guard (1...300).contains(qualification.count) else {
            throw JournalError.invalid(field: "qualification", message: .init("error.hr.text", ["max": "300"]))
        }
        let today = try await today()
        guard (1940...today.year).contains(year) else {
            throw JournalError.invalid(
                field: "year",
                message: .init("error.hr.year", ["value": String(year), "min": "1940", "max": String(today.year)]))
        }
        return try await database.write(actor: caller.actor, reason: "staff education") { writer in
            try writer.insert(
                StaffEducation(staffID: staff, institution: institution, year: year, qualification: qualification))
        }
    }

    /// Adds a professional development course: dates in order, not in the future, hours 1–2000.
    public func addStaffCourse(_ staff: StaffID, _ input: StaffCourseInput, caller: Caller) async throws -> StaffCourse
    {
        try await authorizeHR(staff, caller: caller)
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let provider = input.provider.trimmingCharacters(in: .whitespacesAndNewlines)
        let certificate = input.certificate.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...300).contains(title.count) else {
            throw JournalError.invalid(field: "title", message: .init("error.hr.text", ["max": "300"]))
        }
        guard (1...300).contains(provider.count) else {
            throw JournalError.invalid(field: "provider", message: .init("error.hr.text", ["max": "300"]))
        }
        guard certificate.count <= 100 else {
            throw JournalError.invalid(field: "certificate", message: .init("error.hr.text", ["max": "100"]))
        }
        guard (1...2_000).contains(input.hours) else {
            throw JournalError.invalid(
                field: "hours",
                message: .init("error.hr.hours", ["value": String(input.hours), "min": "1", "max": "2000"]))
        }
        guard input.from <= input.to else {
            throw JournalError.invalid(
                field: "to",
                message: .init("error.hr.order", ["first": input.from.description, "second": input.to.description]))
        }
        let today = try await today()
        guard input.to <= today else {
            throw JournalError.invalid(field: "to", message: .init("error.hr.future", ["date": input.to.description]))
        }
        return try await database.write(actor: caller.actor, reason: "staff course") { writer in
            try writer.insert(
                StaffCourse(
                    staffID: staff, title: title, provider: provider, hours: input.hours, from: input.from,
                    to: input.to,
                    certificate: certificate))
        }
    }

    /// Records a mandatory medical check: valid after its date, for at most two years.
    public func addStaffMedicalCheck(_ staff: StaffID, date: LocalDate, validUntil: LocalDate, caller: Caller)
        async throws
        -> StaffMedicalCheck
    {
        try await authorizeHR(staff, caller: caller)
        try Self.checkValidity(issued: date, validUntil: validUntil, field: "date", today: try await today())
        return try await database.write(actor: caller.actor, reason: "staff medical check") { writer in
            try writer.insert(StaffMedicalCheck(staffID: staff, date: date, validUntil: validUntil))
        }
    }

    /// Records a criminal-record certificate (special data: the record is shown back after a
    /// logged read).
    public func addCriminalRecordCertificate(
        _ staff: StaffID, number: String, issuedOn: LocalDate, validUntil: LocalDate, caller: Caller
    ) async throws -> CriminalRecordCertificate {
        try await authorizeHR(staff, caller: caller)
        let number = number.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(number.count) else {
            throw JournalError.invalid(field: "number", message: .init("error.hr.text", ["max": "100"]))
        }
        try Self.checkValidity(issued: issuedOn, validUntil: validUntil, field: "issued_on", today: try await today())
        try await openSpecial(
            caller, .hrEdit, domain: .personnel, about: .staff(staff), what: "personnel.criminal_record")
        return try await database.write(actor: caller.actor, reason: "criminal record certificate") { writer in
            try writer.insert(
                CriminalRecordCertificate(staffID: staff, number: number, issuedOn: issuedOn, validUntil: validUntil))
        }
    }

    static func checkValidity(issued: LocalDate, validUntil: LocalDate, field: String, today: LocalDate) throws {
        guard issued <= today else {
            throw JournalError.invalid(field: field, message: .init("error.hr.future", ["date": issued.description]))
        }
        guard issued < validUntil else {
            throw JournalError.invalid(
                field: "valid_until",
                message: .init("error.hr.order", ["first": issued.description, "second": validUntil.description]))
        }
        guard validUntil <= issued.adding(days: 5 * 366) else {
            throw JournalError.invalid(field: "valid_until", message: .init("error.hr.validity", ["years": "5"]))
        }
    }

    /// `hr.edit` over the staff member; an unknown id is refused as one the caller may not see.
    private func authorizeHR(_ staff: StaffID, caller: Caller) async throws {
        let object = try await decidable(.staff, staff.rawValue, .hrEdit, caller: caller) { reader in
            try reader.staff(staff).map { _ in AccessObject(kind: .staff, id: staff.rawValue, staffID: staff) }
        }
        try await authorize(caller, .hrEdit, object)
    }
}
