/// A student's personal file (личное дело): its number, the enrolment and the leaving, each
/// with the order that made it. One per student; the file outlives the student's leaving, so
/// the alphabet book lists everyone ever enrolled.
public struct PersonalFile: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var studentID: StudentID
    /// The number the school gives the file (`А-17`, `2019/045`); unique in the school.
    public var fileNumber: String
    public var enrolledOn: LocalDate
    public var enrolmentOrder: String
    public var enrolmentOrderDate: LocalDate
    /// Where the student came from: the previous school, or nothing for a first enrolment.
    public var enrolledFrom: String?
    public var leftOn: LocalDate?
    public var leavingOrder: String?
    public var leavingOrderDate: LocalDate?
    /// Where the student went, or why they left.
    public var leftTo: String?

    public init(
        id: Int64? = nil, studentID: StudentID, fileNumber: String, enrolledOn: LocalDate, enrolmentOrder: String,
        enrolmentOrderDate: LocalDate, enrolledFrom: String? = nil, leftOn: LocalDate? = nil,
        leavingOrder: String? = nil, leavingOrderDate: LocalDate? = nil, leftTo: String? = nil
    ) {
        self.id = id
        self.studentID = studentID
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

/// A transfer of a student from one class to another by an order. The class names are kept
/// as they were, so the record reads the same after the classes of a later year.
public struct ClassTransfer: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var studentID: StudentID
    public var date: LocalDate
    public var fromClassID: ClassID
    public var toClassID: ClassID
    public var fromClassName: String
    public var toClassName: String
    public var orderNumber: String
    public var orderDate: LocalDate

    public init(
        id: Int64? = nil, studentID: StudentID, date: LocalDate, fromClassID: ClassID, toClassID: ClassID,
        fromClassName: String, toClassName: String, orderNumber: String, orderDate: LocalDate
    ) {
        self.id = id
        self.studentID = studentID
        self.date = date
        self.fromClassID = fromClassID
        self.toClassID = toClassID
        self.fromClassName = fromClassName
        self.toClassName = toClassName
        self.orderNumber = orderNumber
        self.orderDate = orderDate
    }
}

/// The kinds of documents a personal file holds.
public enum StudentDocumentKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// The representative's application (заявление).
    case application
    /// A copy of the birth certificate.
    case birthCertificate = "birth_certificate"
    /// A copy of the passport.
    case passport
    /// The medical card (форма 026/у).
    case medicalCard = "medical_card"
    /// The school-leaving certificate of basic education (аттестат).
    case schoolCertificate = "school_certificate"
    /// The personal file sent by the previous school.
    case previousFile = "previous_file"
    /// The registration at the place of residence.
    case residence
    /// Anything else, named in the note.
    case other
}

/// A document received into a personal file, and when it was handed back.
public struct StudentDocument: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var studentID: StudentID
    public var kind: StudentDocumentKind
    public var receivedOn: LocalDate
    public var note: String?
    public var returnedOn: LocalDate?

    public init(
        id: Int64? = nil, studentID: StudentID, kind: StudentDocumentKind, receivedOn: LocalDate,
        note: String? = nil, returnedOn: LocalDate? = nil
    ) {
        self.id = id
        self.studentID = studentID
        self.kind = kind
        self.receivedOn = receivedOn
        self.note = note
        self.returnedOn = returnedOn
    }
}

/// What an incoming application asks for.
public enum ApplicationKind: String, Codable, Hashable, Sendable, CaseIterable {
    case enrolment
    case leaving
    case transfer
    /// The form of information a representative chooses in writing (R18); contacts and
    /// delivery preferences name it by its number.
    case informationForm = "information_form"
    case certificate
    case other
}

/// Where an application stands.
public enum ApplicationStatus: String, Codable, Hashable, Sendable, CaseIterable {
    /// Registered, not yet decided (принято).
    case received
    /// Considered and granted (рассмотрено).
    case considered
    /// Refused (отказано), with the decision saying why.
    case refused
}

/// A row of the register of incoming applications (журнал входящих заявлений). The journal
/// numbers them in order within each calendar year.
public struct IncomingApplication: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    /// The calendar year of the number.
    public var year: Int
    public var number: Int
    public var receivedOn: LocalDate
    /// The representative who applied, when they are in the journal.
    public var representativeID: RepresentativeID?
    /// The applicant's name as written on the application.
    public var applicantName: String
    public var kind: ApplicationKind
    public var studentID: StudentID?
    public var summary: String
    public var status: ApplicationStatus
    public var decision: String?
    public var decidedOn: LocalDate?
    public var registeredBy: String

    public init(
        id: Int64? = nil, year: Int, number: Int, receivedOn: LocalDate, representativeID: RepresentativeID? = nil,
        applicantName: String, kind: ApplicationKind, studentID: StudentID? = nil, summary: String,
        status: ApplicationStatus = .received, decision: String? = nil, decidedOn: LocalDate? = nil,
        registeredBy: String
    ) {
        self.id = id
        self.year = year
        self.number = number
        self.receivedOn = receivedOn
        self.representativeID = representativeID
        self.applicantName = applicantName
        self.kind = kind
        self.studentID = studentID
        self.summary = summary
        self.status = status
        self.decision = decision
        self.decidedOn = decidedOn
        self.registeredBy = registeredBy
    }
}

/// A certificate of study issued (справка об обучении), as its register keeps it: numbered in
/// order within each calendar year, with what it said when it was issued.
public struct IssuedCertificate: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var year: Int
    public var number: Int
    public var studentID: StudentID
    public var issuedOn: LocalDate
    /// Where the certificate is to be presented.
    public var purpose: String
    public var className: String
    public var academicYear: String
    public var issuedBy: String

    public init(
        id: Int64? = nil, year: Int, number: Int, studentID: StudentID, issuedOn: LocalDate, purpose: String,
        className: String, academicYear: String, issuedBy: String
    ) {
        self.id = id
        self.year = year
        self.number = number
        self.studentID = studentID
        self.issuedOn = issuedOn
        self.purpose = purpose
        self.className = className
        self.academicYear = academicYear
        self.issuedBy = issuedBy
    }

    /// `12/2026`: the number as the certificate and its register show it.
    public var numberText: String { "\(number)/\(year)" }
}
