public import Foundation
public import JournalAccess
import JournalImport
public import JournalModel
import JournalRules
import JournalStore

/// What a contact is entered with: its value, its basis and the day it starts (R18).
public struct ContactInput: Sendable, Codable, Hashable {
    public var kind: ContactKind
    public var value: String
    public var basis: ContactBasisKind
    public var basisNumber: String?
    public var basisDate: LocalDate?
    public var receivedBy: String?
    public var signer: String?
    public var certificateSerial: String?
    public var certificateValidUntil: LocalDate?
    /// The first day it is valid; today by default.
    public var validFrom: LocalDate?

    public init(
        kind: ContactKind, value: String, basis: ContactBasisKind, basisNumber: String? = nil,
        basisDate: LocalDate? = nil, receivedBy: String? = nil, signer: String? = nil, certificateSerial: String? = nil,
        certificateValidUntil: LocalDate? = nil, validFrom: LocalDate? = nil
    ) {
        self.kind = kind
        self.value = value
        self.basis = basis
        self.basisNumber = basisNumber
        self.basisDate = basisDate
        self.receivedBy = receivedBy
        self.signer = signer
        self.certificateSerial = certificateSerial
        self.certificateValidUntil = certificateValidUntil
        self.validFrom = validFrom
    }
}

/// A representative's contacts with their whole history, and the form of information agreed
/// for each class of messages, as the secretary and the representative see them.
public struct RepresentativeContacts: Sendable, Codable {
    public struct Child: Sendable, Codable, Hashable {
        public var id: StudentID
        public var name: String
        public var className: String
    }

    /// The agreed form of one message class: the representative's choice, or the school's default.
    public struct Form: Sendable, Codable, Hashable {
        public var messageClass: String
        public var title: String
        public var isMandatory: Bool
        public var channel: DeliveryChannel
        public var frequency: DeliveryFrequency
        /// Whether the representative (or their written application) chose it.
        public var isChosen: Bool
        public var applicationNumber: String?
    }

    public var representativeID: RepresentativeID
    public var name: String
    public var children: [Child]
    /// Every contact ever entered, the ended ones included, oldest first per kind.
    public var contacts: [Contact]
    public var forms: [Form]
    public var today: LocalDate

    /// The contacts in force today.
    public var current: [Contact] { contacts.filter { $0.isValid(on: today) } }
}

extension JournalService {
    /// The representatives whose contacts the caller may read: their own, a class teacher's
    /// class's families, everyone's for the secretary.
    public func representativeContacts(_ id: RepresentativeID, caller: Caller) async throws -> RepresentativeContacts {
        let object = try await representativeObject(id)
        try await authorize(caller, .contactsView, object)
        let rules = try await rules()
        let today = try await today()
        return try await database.read { reader in
            guard let representative = try reader.representative(id) else {
                throw ServiceError.unknown(entity: "representative", id: id.description)
            }
            let links = try reader.representativeLinks(representative: id)
            var children: [RepresentativeContacts.Child] = []
            for link in links {
                guard let student = try reader.student(link.studentID) else { continue }
                let className = try reader.schoolClass(student.classID)?.name ?? "?"
                children.append(.init(id: link.studentID, name: student.name.description, className: className))
            }
            let chosen = Dictionary(
                try reader.deliveryPreferences(representatives: [id]).map { ($0.messageClass, $0) },
                uniquingKeysWith: { first, _ in first })
            let forms = rules.notifications.classes.map { messageClass in
                let choice = chosen[messageClass.id]
                return RepresentativeContacts.Form(
                    messageClass: messageClass.id, title: messageClass.title, isMandatory: messageClass.isMandatory,
                    channel: choice?.channel ?? messageClass.channel,
                    frequency: choice?.frequency ?? messageClass.frequency, isChosen: choice != nil,
                    applicationNumber: choice?.applicationNumber)
            }
            return RepresentativeContacts(
                representativeID: id, name: representative.name.description,
                children: children.sorted { $0.name < $1.name }, contacts: try reader.contacts(representatives: [id]),
                forms: forms, today: today)
        }
    }

    /// Enters a contact with its basis. A contact of the same kind in force ends the day before
    /// the new one starts: nothing is overwritten, the history keeps both. The secretary enters
    /// what a written application or a signed document gives; a representative enters their
    /// own, and its basis is their own entry.
    public func addContact(
        representative id: RepresentativeID, _ input: ContactInput, caller: Caller
    ) async throws -> Contact {
        let object = try await representativeObject(id)
        try await authorize(caller, .contactsEdit, object)
        var input = input
        if let subject = caller.subject, subject.representativeID == id, subject.staffID == nil {
            input.basis = .selfEntered
        }
        let today = try await today()
        let contact = try Self.validatedContact(input, representative: id, today: today, caller: caller, now: now())
        return try await database.write(actor: caller.actor, reason: Self.basisReason(contact)) { writer in
            guard try writer.reader.representative(id) != nil else {
                throw ServiceError.unknown(entity: "representative", id: id.description)
            }
            for var current in try writer.reader.contacts(representatives: [id])
            where current.kind == contact.kind && current.validTo.map({ $0 >= contact.validFrom }) ?? true {
                // One that starts the same day or later would vanish: it is ended by hand first.
                guard current.validFrom < contact.validFrom else {
                    throw JournalError.invalid(
                        field: "validFrom",
                        message: .init(
                            "error.contact.overlaps",
                            ["value": current.value, "from": current.validFrom.description]))
                }
                current.validTo = contact.validFrom.adding(days: -1)
                try writer.update(current)
            }
            return try writer.insert(contact)
        }
    }

    /// Ends a contact from a day (today by default): the representative withdrew it, or it was wrong.
    public func endContact(_ contactID: Int64, on day: LocalDate?, caller: Caller) async throws -> Contact {
        guard let contact = try await database.read({ reader in try reader.contact(contactID) }) else {
            throw ServiceError.unknown(entity: "contact", id: String(contactID))
        }
        try await authorize(caller, .contactsEdit, try await representativeObject(contact.representativeID))
        let today = try await today()
        let last = day ?? today.adding(days: -1)
        guard last >= contact.validFrom.adding(days: -1) else {
            throw JournalError.invalid(
                field: "validTo",
                message: .init("error.contact.end_before_start", ["from": contact.validFrom.description]))
        }
        return try await database.write(actor: caller.actor) { writer in
            guard var current = try writer.reader.contact(contactID) else {
                throw ServiceError.unknown(entity: "contact", id: String(contactID))
            }
            current.validTo = min(current.validTo ?? last, last)
            return try writer.update(current)
        }
    }

    /// Records the form of information agreed for a class of messages (R18): by the
    /// representative in the diary, or by the secretary from a written application, whose
    /// number is then required. A mandatory class (R13, R14) goes by email or on paper, never
    /// the diary alone; email needs an email address in force.
    public func setDeliveryForm(
        representative id: RepresentativeID, messageClass: String, channel: DeliveryChannel,
        frequency: DeliveryFrequency, applicationNumber: String?, caller: Caller
    ) async throws -> DeliveryPreference {
        try await authorize(caller, .contactsEdit, try await representativeObject(id))
        let rules = try await rules()
        guard let known = rules.notifications.messageClass(messageClass) else {
            throw JournalError.invalid(
                field: "messageClass",
                message: .init(
                    "error.delivery.unknown_class",
                    ["value": messageClass, "accepted": rules.notifications.classes.map(\.id).joined(separator: ", ")]))
        }
        if known.isMandatory, channel == .diary {
            throw JournalError.invalid(
                field: "channel", message: .init("error.delivery.mandatory", ["class": known.title]))
        }
        let isOwn = caller.subject.map { $0.representativeID == id && $0.staffID == nil } ?? false
        let number = applicationNumber?.trimmingWhitespace()
        if !isOwn, caller.subject != nil, number?.isEmpty ?? true {
            throw JournalError.invalid(field: "applicationNumber", message: .init("error.delivery.application_needed"))
        }
        if let number, number.count > Limits.title {
            throw JournalError.invalid(
                field: "applicationNumber", message: .init("error.too_long", ["limit": String(Limits.title)]))
        }
        let today = try await today()
        return try await database.write(actor: caller.actor) { writer in
            if channel == .email {
                if try writer.reader.contacts(representatives: [id]).inForce(.email, on: today) == nil {
                    throw JournalError.invalid(field: "channel", message: .init("error.delivery.no_email"))
                }
            }
            let existing = try writer.reader.deliveryPreferences(representatives: [id]).first {
                $0.messageClass == messageClass
            }
            var preference = DeliveryPreference(
                id: existing?.id, representativeID: id, messageClass: messageClass, channel: channel,
                frequency: frequency, applicationNumber: isOwn ? nil : number.flatMap { $0.isEmpty ? nil : $0 },
                updatedBy: writer.actor.displayName, updatedAt: writer.now)
            if existing != nil {
                preference = try writer.update(preference)
            } else {
                preference = try writer.insert(preference)
            }
            return preference
        }
    }

    /// The access object of a representative: their account (for `self`), their children and
    /// the children's classes (for `own_class`, `own_children`).
    func representativeObject(_ id: RepresentativeID) async throws -> AccessObject {
        try await database.read { reader in
            let account = try reader.accounts(representative: id).first
            let students = try reader.representativeLinks(representative: id).map(\.studentID)
            let classes = try students.compactMap { try reader.student($0)?.classID }
            return AccessObject(
                kind: .account, id: account?.id?.rawValue, students: Set(students), classes: Set(classes),
                accountID: account?.id)
        }
    }

    static func basisReason(_ contact: Contact) -> String {
        switch contact.basis {
        case .application: "application \(contact.basisNumber ?? "?") of \(contact.basisDate?.description ?? "?")"
        case .signedDocument: "signed document \(contact.basisNumber ?? "?"), \(contact.signer ?? "?")"
        case .selfEntered: "entered by the representative"
        }
    }

    /// Checks a contact's value for its kind and its basis for completeness (R18).
    static func validatedContact(
        _ input: ContactInput, representative: RepresentativeID, today: LocalDate, caller: Caller, now: Date
    ) throws -> Contact {
        let typed = input.value.trimmingWhitespace()
        guard let value = ContactValue.normalized(typed, kind: input.kind) else {
            let key =
                switch input.kind {
                case .email: "error.contact.email"
                case .phone: "error.contact.phone"
                case .postal: "error.contact.postal"
                }
            throw JournalError.invalid(field: "value", message: .init(key, ["value": typed]))
        }
        func required(_ text: String?, _ field: String) throws -> String {
            guard let text = text?.trimmingWhitespace(), !text.isEmpty, text.count <= Limits.title else {
                throw JournalError.invalid(
                    field: field,
                    message: .init("error.contact.basis_field", ["field": field, "basis": input.basis.rawValue]))
            }
            return text
        }
        var contact = Contact(
            representativeID: representative, kind: input.kind,
            value: value,
            basis: input.basis, validFrom: input.validFrom ?? today, enteredBy: caller.actor.displayName, enteredAt: now
        )
        switch input.basis {
        case .application:
            contact.basisNumber = try required(input.basisNumber, "basisNumber")
            guard let date = input.basisDate else {
                throw JournalError.invalid(
                    field: "basisDate",
                    message: .init("error.contact.basis_field", ["field": "basisDate", "basis": "application"]))
            }
            contact.basisDate = date
            contact.receivedBy = try required(input.receivedBy, "receivedBy")
        case .signedDocument:
            contact.basisNumber = input.basisNumber?.trimmingWhitespace()
            contact.basisDate = input.basisDate
            contact.signer = try required(input.signer, "signer")
            contact.certificateSerial = try required(input.certificateSerial, "certificateSerial")
            guard let until = input.certificateValidUntil else {
                throw JournalError.invalid(
                    field: "certificateValidUntil",
                    message: .init(
                        "error.contact.basis_field", ["field": "certificateValidUntil", "basis": "signed_document"]))
            }
            let signedOn = input.basisDate ?? today
            guard until >= signedOn else {
                throw JournalError.invalid(
                    field: "certificateValidUntil",
                    message: .init("error.contact.certificate_expired", ["day": until.description]))
            }
            contact.certificateValidUntil = until
        case .selfEntered:
            guard caller.subject?.representativeID == representative else {
                throw JournalError.invalid(field: "basis", message: .init("error.contact.self_entered"))
            }
        }
        if let basisDate = contact.basisDate, basisDate > today {
            throw JournalError.invalid(field: "basisDate", message: .init("error.contact.basis_future"))
        }
        if contact.basis == .selfEntered, contact.validFrom < today {
            throw JournalError.invalid(field: "validFrom", message: .init("error.contact.self_backdated"))
        }
        if contact.validFrom < today.adding(days: -366) || contact.validFrom > today.adding(days: 366) {
            throw JournalError.invalid(field: "validFrom", message: .init("error.contact.valid_from"))
        }
        return contact
    }
}

/// One family in the secretary's list: a representative, their children, their contacts in force.
public struct RepresentativeSummary: Sendable, Codable, Hashable {
    public var id: RepresentativeID
    public var name: String
    public var children: [String]
    public var email: String?
    public var phone: String?
    /// How many message classes they receive on paper.
    public var paperClasses: Int
}

extension JournalService {
    /// Representatives whose name contains `text`, or whose child is in the class: at most
    /// 200, by name. The secretary searches the school; a class teacher lists their class's.
    public func representatives(matching text: String?, className: String?, caller: Caller) async throws
        -> [RepresentativeSummary]
    {
        let wanted = text?.trimmingWhitespace().lowercased() ?? ""
        let schoolClass: SchoolClass?
        if let className {
            schoolClass = try await database.read { reader in try Self.findClass(className, reader) }
        } else {
            schoolClass = nil
        }
        try await authorize(
            caller, .contactsView, schoolClass.map { AccessObject(kind: .student, classes: [$0.id!]) } ?? .school)
        let today = try await today()
        return try await database.read { reader in
            var students: [StudentID: Student] = [:]
            let links: [StudentRepresentative]
            if let schoolClass {
                let members = try reader.students(inClass: schoolClass.id!)
                for student in members { students[student.id!] = student }
                links = try reader.representativeLinks(students: members.compactMap(\.id))
            } else {
                links = try reader.allRepresentativeLinks()
            }
            let byRepresentative = Dictionary(grouping: links, by: \.representativeID)
            var found: [RepresentativeSummary] = []
            let representatives = try reader.allRepresentatives().filter { byRepresentative[$0.id!] != nil }
            let contacts = Dictionary(
                grouping: try reader.contacts(representatives: representatives.compactMap(\.id)), by: \.representativeID
            )
            let paper = Dictionary(
                grouping: try reader.deliveryPreferences(representatives: representatives.compactMap(\.id)).filter {
                    $0.channel == .paper
                }, by: \.representativeID)
            for representative in representatives {
                let name = representative.name.description
                guard wanted.isEmpty || name.lowercased().contains(wanted) else { continue }
                var children: [String] = []
                for link in byRepresentative[representative.id!] ?? [] {
                    if students[link.studentID] == nil { students[link.studentID] = try reader.student(link.studentID) }
                    if let student = students[link.studentID] { children.append(student.name.description) }
                }
                let current = contacts[representative.id!] ?? []
                found.append(
                    RepresentativeSummary(
                        id: representative.id!, name: name, children: children.sorted(),
                        email: current.inForce(.email, on: today)?.value,
                        phone: current.inForce(.phone, on: today)?.value,
                        paperClasses: paper[representative.id!]?.count ?? 0))
                if found.count >= 200 { break }
            }
            return found.sorted { $0.name < $1.name }
        }
    }
}

extension JournalService {
    /// The name of a class (`5А`), for pages that know a class teacher's class by its id.
    public func className(_ id: ClassID) async throws -> String? {
        try await database.read { reader in try reader.schoolClass(id)?.name }
    }
}
