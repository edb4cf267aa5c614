public import JournalModel

/// What importing a contacts file writes: representatives' contacts with their basis (R18),
/// as the secretary keeps the register of written applications.
///
/// Columns (names compare without case, with spaces, `_` and `-` alike; other accepted names in
/// brackets):
/// - **last_name**, **first_name**, middle_name: the representative, who must be in the journal
/// - code (код): the representative's code, when namesakes need telling apart
/// - student (ученик, ребёнок, child): a child's full name, to tell namesakes apart otherwise
/// - **kind** (вид, вид контакта): email (почта, эл. почта, e-mail), phone (телефон), postal
///   (адрес, почтовый адрес)
/// - **value** (контакт, значение): the address or number
/// - **basis** (основание): application (заявление), signed_document (эп, электронная подпись,
///   документ с эп)
/// - basis_number (номер, номер заявления), basis_date (дата, дата заявления), received_by
///   (принял, кто принял): an application needs all three
/// - signer (подписант), certificate (сертификат), certificate_valid_until (сертификат до): a
///   signed document needs all three
/// - valid_from (действует с): the first day; the day of import when empty
///
/// A contact ends the one of the same kind in force the day before it starts; a row that gives
/// the contact already in force, with the same value, changes nothing.
public struct ContactsPlan: Hashable, Sendable, Codable {
    public var newContacts: [Planned<ContactDraft>]
    /// Lines that give a contact in force as the journal has it.
    public var unchangedLines: [Int]

    /// A contact before it is stored: who enters it and when are the import's.
    public struct ContactDraft: Hashable, Sendable, Codable {
        public var representativeID: RepresentativeID
        public var kind: ContactKind
        public var value: String
        public var basis: ContactBasisKind
        public var basisNumber: String?
        public var basisDate: LocalDate?
        public var receivedBy: String?
        public var signer: String?
        public var certificateSerial: String?
        public var certificateValidUntil: LocalDate?
        public var validFrom: LocalDate?
    }

    enum Columns {
        static let student = Column("student", aliases: ["ученик", "ребёнок", "child"])
        static let kind = Column("kind", aliases: ["вид", "вид контакта"], isRequired: true)
        static let value = Column("value", aliases: ["контакт", "значение"], isRequired: true)
        static let basis = Column("basis", aliases: ["основание"], isRequired: true)
        static let basisNumber = Column("basis_number", aliases: ["номер", "номер заявления"])
        static let basisDate = Column("basis_date", aliases: ["дата", "дата заявления"])
        static let receivedBy = Column("received_by", aliases: ["принял", "кто принял"])
        static let signer = Column("signer", aliases: ["подписант"])
        static let certificate = Column("certificate", aliases: ["сертификат"])
        static let certificateValidUntil = Column("certificate_valid_until", aliases: ["сертификат до"])
        static let validFrom = Column("valid_from", aliases: ["действует с"])
        static let code = Column.code()
    }

    public static let columns: [Column] = [
        Column.lastName.required, Column.firstName.required, .middleName, Columns.code, Columns.student,
        Columns.kind, Columns.value, Columns.basis, Columns.basisNumber, Columns.basisDate, Columns.receivedBy,
        Columns.signer, Columns.certificate, Columns.certificateValidUntil, Columns.validFrom,
    ]

    public var summary: ImportSummary {
        ImportSummary(new: [.contact: newContacts.count], unchangedRows: unchangedLines.count)
    }

    /// Validates every row of a contacts file against `context`.
    public init(file: String, bytes: some Collection<UInt8>, context: some ImportContext) throws(ImportFailure) {
        var log = IssueLog(file: file)
        let table = try ImportTable(bytes: bytes, file: file, columns: Self.columns, log: &log)
        let representatives = PersonIndex(context.representatives(), name: \.name, code: \.externalCode)
        let students = Dictionary(uniqueKeysWithValues: context.students().map { ($0.id!, $0) })
        let children = Dictionary(grouping: context.representativeLinks(), by: \.representativeID)
        var contacts: [Planned<ContactDraft>] = []
        var unchanged: [Int] = []
        let inForce = Set(
            context.contacts().filter { $0.validTo == nil }.map {
                "\($0.representativeID):\($0.kind.rawValue):\($0.value)"
            })
        var seen: [String: Int] = [:]
        for row in table.rows {
            let issues = log.issues.count
            let name = row.personName(&log)
            let code = row.value(Columns.code, &log, Parse.code)
            let child = row.value(Columns.student, &log) { (text: String) throws(ImportMessage) -> String in text }
            let kind = row.required(Columns.kind, &log, Parse.contactKind)
            let basis = row.required(Columns.basis, &log, Parse.contactBasis)
            let text = Parse.text(limit: ImportLimits.contactText)
            let basisNumber = row.value(Columns.basisNumber, &log, text)
            let basisDate = row.value(Columns.basisDate, &log, Parse.date)
            let receivedBy = row.value(Columns.receivedBy, &log, text)
            let signer = row.value(Columns.signer, &log, text)
            let certificate = row.value(Columns.certificate, &log, text)
            let certificateUntil = row.value(Columns.certificateValidUntil, &log, Parse.date)
            let validFrom = row.value(Columns.validFrom, &log, Parse.date)
            var value: String?
            if let kind {
                value = row.required(Columns.value, &log) { (text: String) throws(ImportMessage) -> String in
                    try Parse.contact(text, kind: kind)
                }
            }
            guard log.issues.count == issues, let name, let kind, let basis, let value else { continue }
            switch basis {
            case .application:
                for (column, given) in [
                    (Columns.basisNumber, basisNumber != nil), (Columns.basisDate, basisDate != nil),
                    (Columns.receivedBy, receivedBy != nil),
                ] where !given {
                    row.report(column, .basisNeeds(basis.rawValue), &log)
                }
            case .signedDocument:
                if let certificateUntil, let basisDate, certificateUntil < basisDate {
                    row.report(
                        Columns.certificateValidUntil, .endsBeforeStart(certificateUntil, start: basisDate), &log)
                }
                for (column, given) in [
                    (Columns.signer, signer != nil), (Columns.certificate, certificate != nil),
                    (Columns.certificateValidUntil, certificateUntil != nil),
                ] where !given {
                    row.report(column, .basisNeeds(basis.rawValue), &log)
                }
            case .selfEntered:
                row.report(Columns.basis, .notAContactBasis(basis.rawValue), &log)
            }
            guard log.issues.count == issues else { continue }
            var found: Representative?
            if let code {
                found = representatives.withCode(code).first
            } else {
                var namesakes = representatives.named(name)
                if namesakes.count > 1, let child {
                    namesakes = namesakes.filter { representative in
                        (children[representative.id!] ?? []).contains {
                            students[$0.studentID].map { Key.person($0.name) == Parse.fullName(child).map(Key.person) }
                                ?? false
                        }
                    }
                }
                if namesakes.count > 1 {
                    row.report(
                        .namesakesInJournal(.representative, name: name.description, count: namesakes.count), &log)
                    continue
                }
                found = namesakes.first
            }
            guard let representative = found else {
                row.report(.notFound(.representative, code ?? name.description), &log)
                continue
            }
            let key = "\(representative.id!):\(kind.rawValue):\(validFrom?.description ?? "")"
            if let earlier = seen[key] {
                row.report(Columns.value, .duplicateRow(line: earlier), &log)
                continue
            }
            seen[key] = row.line
            if inForce.contains("\(representative.id!):\(kind.rawValue):\(value)") {
                unchanged.append(row.line)
                continue
            }
            contacts.append(
                Planned(
                    line: row.line,
                    value: ContactDraft(
                        representativeID: representative.id!, kind: kind, value: value, basis: basis,
                        basisNumber: basisNumber, basisDate: basisDate, receivedBy: receivedBy, signer: signer,
                        certificateSerial: certificate, certificateValidUntil: certificateUntil, validFrom: validFrom)))
        }
        try log.check()
        newContacts = contacts
        unchangedLines = unchanged
    }
}

/// Contacts' values as the whole product checks them: an import row, a page's form, an API body.
public enum ContactValue {
    /// The value in its stored form (a Russian phone as `+7 XXX XXX-XX-XX`), or nil when it is
    /// not a value of `kind`.
    public static func normalized(_ text: String, kind: ContactKind) -> String? {
        try? Parse.contact(text, kind: kind)
    }
}

extension Parse {
    static func contact(_ text: String, kind: ContactKind) throws(ImportMessage) -> String {
        switch kind {
        case .email: return try email(text).lowercased()
        case .phone: return try phone(text)
        case .postal:
            guard text.count >= 5, text.count <= 300 else { throw .notAPostalAddress(text) }
            return text
        }
    }

    static func contactKind(_ text: String) throws(ImportMessage) -> ContactKind {
        switch Column.key(text) {
        case "email", "e mail", "почта", "эл почта", "электронная почта": .email
        case "phone", "телефон", "тел": .phone
        case "postal", "адрес", "почтовый адрес": .postal
        default: throw .notAContactKind(text)
        }
    }

    static func contactBasis(_ text: String) throws(ImportMessage) -> ContactBasisKind {
        switch Column.key(text) {
        case "application", "заявление", "письменное заявление": .application
        case "signed document", "эп", "электронная подпись", "документ с эп": .signedDocument
        default: throw .notAContactBasis(text)
        }
    }
}
