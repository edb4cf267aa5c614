public import Foundation
import JournalAccess
public import JournalModel
import JournalStore

/// An application as the secretary registers it; the journal gives the number.
public struct ApplicationForm: Sendable, Codable, Hashable {
    public var receivedOn: LocalDate
    /// The representative who applied, when they are in the journal; their name is the
    /// applicant's unless `applicantName` says otherwise.
    public var representativeID: RepresentativeID?
    public var applicantName: String?
    public var kind: ApplicationKind
    public var studentID: StudentID?
    public var summary: String

    public init(
        receivedOn: LocalDate, representativeID: RepresentativeID? = nil, applicantName: String? = nil,
        kind: ApplicationKind, studentID: StudentID? = nil, summary: String
    ) {
        self.receivedOn = receivedOn
        self.representativeID = representativeID
        self.applicantName = applicantName
        self.kind = kind
        self.studentID = studentID
        self.summary = summary
    }
}

/// A row of the register with the student's name, for pages and exports.
public struct ApplicationEntry: Sendable, Codable, Hashable {
    public var application: IncomingApplication
    public var student: String?
    public var className: String?
    /// For an application choosing the form of information (R18): how many of the
    /// representative's contacts and delivery choices name it as their basis.
    public var namedBy: Int
}

extension JournalService {
    /// The longest summary of an application or text of a decision.
    public static let applicationTextLimit = 1_000
    /// The longest applicant's name.
    public static let applicantNameLimit = 200

    /// Registers an incoming application with the next number of its calendar year
    /// (`personal_files.edit`). An application naming both a representative and a student
    /// must be from that student's representative.
    @discardableResult
    public func registerApplication(_ form: ApplicationForm, caller: Caller) async throws -> IncomingApplication {
        try await authorize(caller, .personalFilesEdit, .school)
        let summary = form.summary.trimmingWhitespace()
        guard !summary.isEmpty else {
            throw JournalError.invalid(field: "summary", message: .init("secretary.error.required"))
        }
        guard summary.count <= Self.applicationTextLimit else {
            throw JournalError.invalid(field: "summary", message: .tooLong(Self.applicationTextLimit))
        }
        let today = try await today()
        guard form.receivedOn <= today else {
            throw JournalError.invalid(
                field: "receivedOn", message: .init("secretary.error.future_date", ["today": today.description]))
        }
        if [.leaving, .transfer, .certificate].contains(form.kind), form.studentID == nil {
            throw JournalError.invalid(
                field: "studentID", message: .init("secretary.error.application_student", ["kind": form.kind.rawValue]))
        }
        if form.kind == .informationForm, form.representativeID == nil {
            throw JournalError.invalid(
                field: "representativeID", message: .init("secretary.error.application_representative"))
        }
        let registeredBy = caller.actor.displayName
        return try await database.write(actor: caller.actor, reason: "application registered") { writer in
            let reader = writer.reader
            var name = form.applicantName?.trimmingWhitespace() ?? ""
            if let id = form.representativeID {
                guard let representative = try reader.representative(id) else {
                    throw JournalError.invalid(
                        field: "representativeID",
                        message: .init("secretary.error.unknown_representative", ["id": id.description]))
                }
                if name.isEmpty { name = representative.name.description }
                if let student = form.studentID,
                    !(try reader.representativeLinks(students: [student]).contains { $0.representativeID == id })
                {
                    throw JournalError.invalid(
                        field: "representativeID", message: .init("secretary.error.not_representative_of_student"))
                }
            }
            guard !name.isEmpty else {
                throw JournalError.invalid(field: "applicantName", message: .init("secretary.error.required"))
            }
            guard name.count <= Self.applicantNameLimit else {
                throw JournalError.invalid(field: "applicantName", message: .tooLong(Self.applicantNameLimit))
            }
            if let student = form.studentID, try reader.student(student) == nil {
                throw JournalError.invalid(
                    field: "studentID", message: .init("secretary.error.unknown_student", ["id": student.description]))
            }
            let year = form.receivedOn.year
            return try writer.insert(
                IncomingApplication(
                    year: year, number: try reader.nextApplicationNumber(year: year), receivedOn: form.receivedOn,
                    representativeID: form.representativeID, applicantName: name, kind: form.kind,
                    studentID: form.studentID, summary: summary, registeredBy: registeredBy))
        }
    }

    /// Records the decision on an application (`personal_files.edit`): considered (granted) or
    /// refused, the latter with its reason; not before it was received, and only once.
    @discardableResult
    public func decideApplication(
        _ id: Int64, status: ApplicationStatus, decision: String?, on date: LocalDate, caller: Caller
    ) async throws -> IncomingApplication {
        try await authorize(caller, .personalFilesEdit, .school)
        guard status != .received else {
            throw JournalError.invalid(
                field: "status", message: .init("secretary.error.decision_status", ["accepted": "considered, refused"]))
        }
        let decision = decision?.trimmingWhitespace() ?? ""
        if status == .refused, decision.isEmpty {
            throw JournalError.invalid(field: "decision", message: .init("secretary.error.refusal_reason"))
        }
        guard decision.count <= Self.applicationTextLimit else {
            throw JournalError.invalid(field: "decision", message: .tooLong(Self.applicationTextLimit))
        }
        return try await database.write(actor: caller.actor, reason: "application decided") { writer in
            guard var application = try writer.reader.incomingApplication(id) else {
                throw ServiceError.unknown(entity: "application", id: String(id))
            }
            guard application.status == .received else {
                throw JournalError.refused(
                    .init("secretary.error.already_decided", ["number": String(application.number)]))
            }
            guard date >= application.receivedOn else {
                throw JournalError.invalid(
                    field: "decidedOn",
                    message: .init(
                        "secretary.error.decided_before_received", ["received": application.receivedOn.description]))
            }
            application.status = status
            application.decision = decision.isEmpty ? nil : decision
            application.decidedOn = date
            return try writer.update(application)
        }
    }

    /// The register of incoming applications of calendar year `year`, in number order
    /// (`personal_files.view`, school-wide).
    public func applications(year: Int, caller: Caller) async throws -> [ApplicationEntry] {
        try await authorize(caller, .personalFilesView, .school)
        return try await database.read { reader in
            try Self.applicationEntries(reader.incomingApplications(year: year), reader)
        }
    }

    static func applicationEntries(_ applications: [IncomingApplication], _ reader: StoreReader) throws
        -> [ApplicationEntry]
    {
        let wanted = Set(applications.compactMap(\.studentID))
        let students = try reader.allStudents().filter { wanted.contains($0.id!) }
        var classNames: [ClassID: String] = [:]
        for classID in Set(students.map(\.classID)) { classNames[classID] = try reader.schoolClass(classID)?.name }
        let names = Dictionary(
            uniqueKeysWithValues: students.map { ($0.id!, ($0.name.description, classNames[$0.classID] ?? "")) })
        let references =
            applications.contains { $0.kind == .informationForm } ? try reader.applicationReferences() : [:]
        return applications.map { application in
            var namedBy = 0
            if application.kind == .informationForm, let representative = application.representativeID {
                // The forms write the number as the register does, or with the letter the
                // school puts before it (`З-17`), or with its year.
                let number = application.number
                let counts = references[representative] ?? [:]
                namedBy = ["\(number)", "З-\(number)", "\(number)/\(application.year)"].reduce(0) {
                    $0 + (counts[$1] ?? 0)
                }
            }
            return ApplicationEntry(
                application: application, student: application.studentID.flatMap { names[$0]?.0 },
                className: application.studentID.flatMap { names[$0]?.1 }, namedBy: namedBy)
        }
    }
}
