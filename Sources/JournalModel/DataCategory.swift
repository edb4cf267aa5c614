/// How sensitive a piece of personal data is (152-ФЗ): what the journal may show, to whom, and
/// whether reading it leaves a trace.
public enum DataCategory: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Ordinary journal and school data: names, classes, marks.
    case general
    /// Personal data kept for a purpose and shown only to those whose work needs it: documents,
    /// orders, addresses, staff files.
    case restricted
    /// Special categories (art. 10 of 152-ФЗ): health, psychological findings, criminal
    /// records. Every read is logged in the special-read log, with who, what, when and why.
    case special

    public static func < (lhs: DataCategory, rhs: DataCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The specialists' domains: whose data each table is, and which right reads it.
public enum DataDomain: String, Sendable, Hashable, Codable, CaseIterable {
    /// The medical worker's: health and PE groups, allergies, vaccinations, sick notes.
    case health
    /// The psychologist's and social pedagogue's: consents, sessions, diagnostics, council.
    case psychology
    /// The HR specialist's: staff files, courses, medical checks, criminal-record certificates.
    case personnel
    /// The secretary's: students' personal files, applications, certificates.
    case personalFile = "personal_file"
}

/// One table's fields with their categories.
public struct CategorizedTable: Sendable {
    public var domain: DataDomain
    /// Every column of the table, each with its category.
    public var columns: [String: DataCategory]

    public init(_ domain: DataDomain, _ columns: [String: DataCategory]) {
        self.domain = domain
        self.columns = columns
    }

    /// The most sensitive category among the columns: a row of this table is at least that.
    public var category: DataCategory { columns.values.max() ?? .general }
}

/// The one place where every field of the specialists' tables carries its category. The
/// read log, the audit views, the subject-access export and the administrator's denial all
/// ask here; a test checks that every column of these tables in the schema is listed.
public enum DataCategories {
    public static let tables: [String: CategorizedTable] = health.merging(psychology) { $1 }
        .merging(personnel) { $1 }.merging(personalFile) { $1 }

    /// The category of a table's column; a column not listed is treated as special, so a field
    /// added without a category is protected rather than exposed.
    public static func category(table: String, column: String) -> DataCategory? {
        guard let entry = tables[table] else { return nil }
        return entry.columns[column] ?? .special
    }

    /// Whether a table holds special-category data in any of its columns.
    public static func isSpecial(table: String) -> Bool { tables[table]?.category == .special }

    // MARK: Health (the medical worker's)

    /// Everything the medical worker records is special; the flags teachers see are general:
    /// they say what a teacher must know ("ФК: специальная группа"), never the diagnosis.
    static let health: [String: CategorizedTable] = [
        "healthGroup": CategorizedTable(
            .health,
            ["id": .general, "studentID": .general, "group": .special, "setOn": .special, "basis": .special]),
        "peGroup": CategorizedTable(
            .health,
            [
                "id": .general, "studentID": .general, "group": .special, "from": .special, "to": .special,
                "basis": .special,
            ]),
        "healthAlert": CategorizedTable(
            .health, ["id": .general, "studentID": .general, "kind": .special, "text": .special, "note": .special]),
        "vaccination": CategorizedTable(
            .health,
            [
                "id": .general, "studentID": .general, "vaccine": .special, "date": .special, "refused": .special,
                "document": .special,
            ]),
        "sickNote": CategorizedTable(
            .health,
            [
                "id": .general, "studentID": .general, "from": .special, "to": .special, "number": .special,
                "issuedBy": .special, "lessonsMarked": .special,
            ]),
        "healthFlag": CategorizedTable(
            .health, ["id": .general, "studentID": .general, "text": .general, "until": .general]),
    ]

    // MARK: Psychology (the psychologist's and social pedagogue's)

    /// Consents, records and council conclusions are special: that a child is seen by a
    /// psychologist at all is a psychological finding. Shares say only who may read a
    /// conclusion (restricted). Social facts (disability, at-risk registration, guardianship)
    /// are special; class teachers see only their counts.
    static let psychology: [String: CategorizedTable] = [
        "psychologyConsent": CategorizedTable(
            .psychology,
            [
                "id": .general, "studentID": .general, "representativeID": .restricted, "scope": .special,
                "givenOn": .special, "document": .special, "withdrawnOn": .special, "recordedBy": .restricted,
            ]),
        "psychologyRecord": CategorizedTable(
            .psychology,
            [
                "id": .general, "studentID": .general, "authorID": .restricted, "date": .special, "kind": .special,
                "scope": .special, "notes": .special, "conclusion": .special, "createdAt": .restricted,
            ]),
        "councilConclusion": CategorizedTable(
            .psychology,
            [
                "id": .general, "studentID": .general, "authorID": .restricted, "date": .special,
                "conclusion": .special, "recommendations": .special, "createdAt": .restricted,
            ]),
        "councilShare": CategorizedTable(
            .psychology,
            [
                "id": .general, "conclusionID": .general, "staffID": .restricted, "sharedBy": .restricted,
                "sharedAt": .restricted, "revokedAt": .restricted,
            ]),
        "socialFact": CategorizedTable(
            .psychology,
            [
                "id": .general, "studentID": .general, "kind": .special, "since": .special, "note": .special,
                "recordedBy": .restricted,
            ]),
    ]

    // MARK: Personnel (the HR specialist's)

    /// Staff files, education, courses and medical-check dates are restricted. The
    /// criminal-record certificate's number and issue date are special (ТК РФ art. 351.1, 152-ФЗ
    /// art. 10); its validity date is restricted, so HR's due list needs no logged read.
    static let personnel: [String: CategorizedTable] = [
        "staffFile": CategorizedTable(
            .personnel,
            [
                "id": .general, "staffID": .general, "hiredOn": .restricted, "category": .restricted,
                "attestedOn": .restricted,
            ]),
        "staffEducation": CategorizedTable(
            .personnel,
            [
                "id": .general, "staffID": .general, "institution": .restricted, "year": .restricted,
                "qualification": .restricted,
            ]),
        "staffCourse": CategorizedTable(
            .personnel,
            [
                "id": .general, "staffID": .general, "title": .restricted, "provider": .restricted,
                "hours": .restricted, "from": .restricted, "to": .restricted, "certificate": .restricted,
            ]),
        "staffMedicalCheck": CategorizedTable(
            .personnel, ["id": .general, "staffID": .general, "date": .restricted, "validUntil": .restricted]),
        "criminalRecordCertificate": CategorizedTable(
            .personnel,
            [
                "id": .general, "staffID": .general, "number": .special, "issuedOn": .special,
                "validUntil": .restricted,
            ]),
    ]

    // MARK: Personal files (the secretary's)

    /// Personal files are restricted, not special: documents and orders, read by the secretary,
    /// management and the class teacher, never logged as special reads.
    static let personalFile: [String: CategorizedTable] = [
        "personalFile": CategorizedTable(
            .personalFile,
            [
                "id": .general, "studentID": .general, "fileNumber": .restricted, "enrolledOn": .restricted,
                "enrolmentOrder": .restricted, "enrolmentOrderDate": .restricted, "enrolledFrom": .restricted,
                "leftOn": .restricted, "leavingOrder": .restricted, "leavingOrderDate": .restricted,
                "leftTo": .restricted,
            ]),
        "classTransfer": CategorizedTable(
            .personalFile,
            [
                "id": .general, "studentID": .general, "date": .restricted, "fromClassID": .general,
                "toClassID": .general, "fromClassName": .general, "toClassName": .general,
                "orderNumber": .restricted, "orderDate": .restricted,
            ]),
        "studentDocument": CategorizedTable(
            .personalFile,
            [
                "id": .general, "studentID": .general, "kind": .restricted, "receivedOn": .restricted,
                "note": .restricted, "returnedOn": .restricted,
            ]),
        "incomingApplication": CategorizedTable(
            .personalFile,
            [
                "id": .general, "year": .general, "number": .general, "receivedOn": .restricted,
                "representativeID": .general, "applicantName": .restricted, "kind": .restricted,
                "studentID": .general, "summary": .restricted, "status": .restricted, "decision": .restricted,
                "decidedOn": .restricted, "registeredBy": .general,
            ]),
        "issuedCertificate": CategorizedTable(
            .personalFile,
            [
                "id": .general, "year": .general, "number": .general, "studentID": .general,
                "issuedOn": .restricted, "purpose": .restricted, "className": .general, "academicYear": .general,
                "issuedBy": .general,
            ]),
    ]
}
