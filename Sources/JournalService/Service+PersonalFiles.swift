public import Foundation
import JournalAccess
public import JournalModel
import JournalStore

/// What the secretary enters into a student's personal file: the number, the enrolment and,
/// when the student left, the leaving, each with its order's number and date.
public struct PersonalFileForm: Sendable, Codable, Hashable {
    public var fileNumber: String
    public var enrolledOn: LocalDate
    public var enrolmentOrder: String
    public var enrolmentOrderDate: LocalDate
    public var enrolledFrom: String?
    public var leftOn: LocalDate?
    public var leavingOrder: String?
    public var leavingOrderDate: LocalDate?
    public var leftTo: String?

    public init(
        fileNumber: String, enrolledOn: LocalDate, enrolmentOrder: String, enrolmentOrderDate: LocalDate,
        enrolledFrom: String? = nil, leftOn: LocalDate? = nil, leavingOrder: String? = nil,
        leavingOrderDate: LocalDate? = nil, leftTo: String? = nil
    ) {
        self.fileNumber = fileNumber
        self.enrolledOn = enrolledOn
        self.enrolmentOrder = enrolmentOrder
        self.enrolmentOrderDate = enrolmentOrderDate
        self.enrolledFrom = enrolledFrom
        self.leftOn = leftOn
        self.leavingOrder = leavingOrder
        self.leavingOrderDate = leavingOrderDate
        self.leftTo = leftTo
    }
}

/// A student's personal file as its page shows it: the student, the file (nil until the
/// secretary opens one), transfers, documents, and the applications and certificates about them.
public struct PersonalFileView: Sendable, Codable {
    public var studentID: StudentID
    public var name: String
    public var className: String
    public var birthDate: LocalDate?
    public var file: PersonalFile?
    public var transfers: [ClassTransfer]
    public var documents: [StudentDocument]
    public var applications: [IncomingApplication]
    public var certificates: [IssuedCertificate]
    /// The student's legal representatives, who file applications about them.
    public var representatives: [PersonalFileRepresentative]
    /// The classes of the current year, for the transfer form.
    public var classes: [String]
    /// Whether the caller may change the file (`personal_files.edit`).
    public var canEdit: Bool
}

/// A representative as the personal file's application form offers them.
public struct PersonalFileRepresentative: Sendable, Codable, Hashable {
    public var id: RepresentativeID
    public var name: String
}

extension JournalService {
    /// The longest file or order number.
    public static let personalFileNumberLimit = 40
    /// The longest free text of a personal file: where from, where to, a note.
    public static let personalFileTextLimit = 300

    /// The caller's check of `capability` on one student's personal file: the secretary and
    /// management school-wide, a class teacher for their class (`personal_files.*`).
    func authorizePersonalFile(_ student: StudentID, _ capability: Capability, caller: Caller) async throws -> Student {
        let object = try await studentObject(student, for: capability, caller: caller)
        try await authorize(caller, capability, object)
        guard let found = try await database.read({ reader in try reader.student(student) }) else {
            throw ServiceError.unknown(entity: "student", id: student.description)
        }
        return found
    }

    /// A student's personal file with everything the secretary keeps about them
    /// (`personal_files.view` on the student).
    public func personalFile(student id: StudentID, caller: Caller) async throws -> PersonalFileView {
        let student = try await authorizePersonalFile(id, .personalFilesView, caller: caller)
        let object = try await database.read { reader in try Self.studentObject(student, reader) }
        let canEdit = try await may(caller, .personalFilesEdit, object)
        return try await database.read { reader in
            let year = try reader.currentYear()
            return PersonalFileView(
                studentID: id, name: student.name.description,
                className: try reader.schoolClass(student.classID)?.name ?? "", birthDate: student.birthDate,
                file: try reader.personalFile(student: id), transfers: try reader.classTransfers(student: id),
                documents: try reader.studentDocuments(student: id),
                applications: try reader.incomingApplications(student: id),
                certificates: try reader.issuedCertificates(student: id),
                representatives: try reader.representativeLinks(students: [id]).compactMap { link in
                    try reader.representative(link.representativeID).map {
                        PersonalFileRepresentative(id: $0.id!, name: $0.name.description)
                    }
                },
                classes: try year.map { try reader.classes(year: $0.id!).map(\.name) } ?? [], canEdit: canEdit)
        }
    }

    /// Opens or changes a student's personal file (`personal_files.edit`). Refuses a missing
    /// number or order, a leaving before the enrolment or without its order, and a file number
    /// another student's file has.
    @discardableResult
    public func savePersonalFile(student id: StudentID, _ form: PersonalFileForm, caller: Caller) async throws
        -> PersonalFile
    {
        _ = try await authorizePersonalFile(id, .personalFilesEdit, caller: caller)
        let checked = try Self.checkedFile(form, student: id).get()
        return try await database.write(actor: caller.actor, reason: "personal file") { writer in
            let reader = writer.reader
            var file = checked
            if let other = try reader.personalFile(number: file.fileNumber), other.studentID != id {
                let name = try reader.student(other.studentID)?.name.description ?? ""
                throw JournalError.invalid(
                    field: "fileNumber",
                    message: .init("secretary.error.file_number_taken", ["number": file.fileNumber, "student": name]))
            }
            if let existing = try reader.personalFile(student: id) {
                file.id = existing.id
                return try writer.update(file)
            }
            return try writer.insert(file)
        }
    }

    /// The form checked and trimmed into a file, or the first thing wrong with it (the field
    /// and the message). Shared by the form, the API and the CSV import.
    static func checkedFile(_ form: PersonalFileForm, student: StudentID) -> Result<PersonalFile, JournalError> {
        func text(_ value: String?) -> String? {
            let trimmed = value?.trimmingWhitespace() ?? ""
            return trimmed.isEmpty ? nil : trimmed
        }
        func required(_ field: String) -> JournalError {
            .invalid(field: field, message: .init("secretary.error.required"))
        }
        guard let number = text(form.fileNumber) else { return .failure(required("fileNumber")) }
        guard let order = text(form.enrolmentOrder) else { return .failure(required("enrolmentOrder")) }
        for (field, value) in [("fileNumber", number), ("enrolmentOrder", order), ("leavingOrder", form.leavingOrder)]
        where (value?.count ?? 0) > personalFileNumberLimit {
            return .failure(.invalid(field: field, message: .tooLong(personalFileNumberLimit)))
        }
        for (field, value) in [("enrolledFrom", form.enrolledFrom), ("leftTo", form.leftTo)]
        where (value?.count ?? 0) > personalFileTextLimit {
            return .failure(.invalid(field: field, message: .tooLong(personalFileTextLimit)))
        }
        let leavingOrder = text(form.leavingOrder)
        let leaving = [form.leftOn != nil, leavingOrder != nil, form.leavingOrderDate != nil, text(form.leftTo) != nil]
        if leaving.contains(true) {
            guard let leftOn = form.leftOn else { return .failure(required("leftOn")) }
            guard leavingOrder != nil else { return .failure(required("leavingOrder")) }
            guard form.leavingOrderDate != nil else { return .failure(required("leavingOrderDate")) }
            guard leftOn >= form.enrolledOn else {
                return .failure(
                    .invalid(
                        field: "leftOn",
                        message: .init(
                            "secretary.error.left_before_enrolled",
                            ["left": leftOn.description, "enrolled": form.enrolledOn.description])))
            }
        }
        return .success(
            PersonalFile(
                studentID: student, fileNumber: number, enrolledOn: form.enrolledOn, enrolmentOrder: order,
                enrolmentOrderDate: form.enrolmentOrderDate, enrolledFrom: text(form.enrolledFrom),
                leftOn: form.leftOn, leavingOrder: leavingOrder, leavingOrderDate: form.leavingOrderDate,
                leftTo: text(form.leftTo)))
    }

    /// Transfers a student to another class of the current year by an order
    /// (`personal_files.edit` and `students.edit`): the student's class changes, their
    /// memberships of the old class's groups (the whole class and its subgroups) end and they
    /// join the new class's whole-class groups; the transfer is recorded in the personal file.
    /// Marks and attendance already entered stay where they were entered.
    @discardableResult
    public func transferStudent(
        _ id: StudentID, toClass className: String, on date: LocalDate, order: String, orderDate: LocalDate,
        caller: Caller
    ) async throws -> ClassTransfer {
        let student = try await authorizePersonalFile(id, .personalFilesEdit, caller: caller)
        let object = try await database.read { reader in try Self.studentObject(student, reader) }
        try await authorize(caller, .studentsEdit, object)
        let order = order.trimmingWhitespace()
        guard !order.isEmpty else {
            throw JournalError.invalid(field: "order", message: .init("secretary.error.required"))
        }
        guard order.count <= Self.personalFileNumberLimit else {
            throw JournalError.invalid(field: "order", message: .tooLong(Self.personalFileNumberLimit))
        }
        return try await database.write(actor: caller.actor, reason: "transfer by order \(order)") { writer in
            let reader = writer.reader
            guard var student = try reader.student(id), let from = try reader.schoolClass(student.classID) else {
                throw ServiceError.unknown(entity: "student", id: id.description)
            }
            let target = try Self.findClass(className.trimmingWhitespace(), reader)
            guard target.id != from.id else {
                throw JournalError.invalid(
                    field: "toClass", message: .init("secretary.error.transfer_same_class", ["class": from.name]))
            }
            if let year = try reader.currentYear(), !(year.startsOn...year.endsOn).contains(date) {
                throw JournalError.invalid(
                    field: "date",
                    message: .init(
                        "secretary.error.transfer_outside_year",
                        ["year": year.title, "from": year.startsOn.description, "to": year.endsOn.description]))
            }
            if let file = try reader.personalFile(student: id) {
                guard date >= file.enrolledOn else {
                    throw JournalError.invalid(
                        field: "date",
                        message: .init(
                            "secretary.error.transfer_before_enrolment",
                            ["date": date.description, "enrolled": file.enrolledOn.description]))
                }
                if let left = file.leftOn, left <= date {
                    throw JournalError.invalid(
                        field: "date",
                        message: .init("secretary.error.transfer_after_leaving", ["left": left.description]))
                }
            }
            let groups =
                try reader.groups(year: target.yearID)
                + (target.yearID == from.yearID ? [] : try reader.groups(year: from.yearID))
            let oldGroups = Set(groups.filter { $0.classID == from.id }.compactMap(\.id))
            for membership in try reader.memberships(students: [id]) where oldGroups.contains(membership.groupID) {
                try writer.delete(membership)
            }
            for group in groups where group.classID == target.id && group.kind == .wholeClass {
                try writer.insert(GroupMember(groupID: group.id!, studentID: id))
            }
            student.classID = target.id!
            try writer.update(student)
            return try writer.insert(
                ClassTransfer(
                    studentID: id, date: date, fromClassID: from.id!, toClassID: target.id!, fromClassName: from.name,
                    toClassName: target.name, orderNumber: order, orderDate: orderDate))
        }
    }

    /// Records a document received into the personal file (`personal_files.edit`).
    @discardableResult
    public func addStudentDocument(
        student id: StudentID, kind: StudentDocumentKind, receivedOn: LocalDate, note: String?, caller: Caller
    ) async throws -> StudentDocument {
        _ = try await authorizePersonalFile(id, .personalFilesEdit, caller: caller)
        let note = note?.trimmingWhitespace()
        if let note, note.count > Self.personalFileTextLimit {
            throw JournalError.invalid(field: "note", message: .tooLong(Self.personalFileTextLimit))
        }
        if kind == .other, note?.isEmpty ?? true {
            throw JournalError.invalid(field: "note", message: .init("secretary.error.document_other_note"))
        }
        let today = try await today()
        guard receivedOn <= today else {
            throw JournalError.invalid(
                field: "receivedOn", message: .init("secretary.error.future_date", ["today": today.description]))
        }
        let document = StudentDocument(
            studentID: id, kind: kind, receivedOn: receivedOn, note: note?.isEmpty == true ? nil : note)
        return try await database.write(actor: caller.actor, reason: "document received") { writer in
            try writer.insert(document)
        }
    }

    /// Records that a document was handed back (`personal_files.edit`); not before it was
    /// received, and only once.
    @discardableResult
    public func returnStudentDocument(_ documentID: Int64, on date: LocalDate, caller: Caller) async throws
        -> StudentDocument
    {
        guard let document = try await database.read({ reader in try reader.studentDocument(documentID) }) else {
            try await authorize(caller, .personalFilesEdit, .school)
            throw ServiceError.unknown(entity: "document", id: String(documentID))
        }
        _ = try await authorizePersonalFile(document.studentID, .personalFilesEdit, caller: caller)
        guard document.returnedOn == nil else {
            throw JournalError.refused(
                .init("secretary.error.document_returned", ["date": document.returnedOn!.description]))
        }
        guard date >= document.receivedOn else {
            throw JournalError.invalid(
                field: "returnedOn",
                message: .init(
                    "secretary.error.returned_before_received", ["received": document.receivedOn.description]))
        }
        var changed = document
        changed.returnedOn = date
        let returned = changed
        return try await database.write(actor: caller.actor, reason: "document returned") { writer in
            try writer.update(returned)
        }
    }
}
