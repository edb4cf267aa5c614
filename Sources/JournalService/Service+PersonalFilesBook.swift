public import Foundation
import JournalAccess
public import JournalModel
public import JournalStore
public import Localization
import Spreadsheet

/// A line of the alphabet book (алфавитная книга записи обучающихся): a student ever
/// enrolled, with their personal file's number, enrolment and leaving.
public struct AlphabetBookEntry: Sendable, Codable, Hashable {
    public var studentID: StudentID
    public var name: String
    /// The letter the book files the name under (`Е` for `Ёлкин`).
    public var letter: String
    public var birthDate: LocalDate?
    public var className: String
    public var file: PersonalFile?
}

/// What the secretary's daily page shows.
public struct SecretaryDay: Sendable, Codable {
    /// Applications registered and not yet decided, oldest first.
    public var pending: [ApplicationEntry]
    /// Of those, the applications for a certificate: the certificates to issue.
    public var certificatesToIssue: [ApplicationEntry]
    /// Personal files opened with an enrolment in the last 30 days, newest first.
    public var recentEnrolments: [AlphabetBookEntry]
    /// How many students of the current year have no personal file yet.
    public var studentsWithoutFile: Int
}

extension JournalService {
    /// The alphabet book: every student in the journal (those who left too), in alphabetical
    /// order, `ё` filed with `е` (`personal_files.view`, school-wide).
    public func alphabetBook(caller: Caller) async throws -> [AlphabetBookEntry] {
        try await authorize(caller, .personalFilesView, .school)
        return try await database.read { reader in try Self.alphabetBook(reader) }
    }

    static func alphabetBook(_ reader: StoreReader) throws -> [AlphabetBookEntry] {
        let files = Dictionary(uniqueKeysWithValues: try reader.personalFiles().map { ($0.studentID, $0) })
        var classes: [ClassID: String] = [:]
        for year in try reader.years() {
            for schoolClass in try reader.classes(year: year.id!) { classes[schoolClass.id!] = schoolClass.name }
        }
        let keyed = try reader.allStudents().map { student in
            let key = sortKey(student.name)
            return (
                key,
                AlphabetBookEntry(
                    studentID: student.id!, name: student.name.description, letter: key.first.map(String.init) ?? "",
                    birthDate: student.birthDate, className: classes[student.classID] ?? "", file: files[student.id!])
            )
        }
        return keyed.sorted { ($0.0, $0.1.studentID.rawValue) < ($1.0, $1.1.studentID.rawValue) }.map(\.1)
    }

    /// The personal files of the caller's own classes (a class teacher's, `personal_files.view`
    /// on each student), in the book's order.
    public func ownClassPersonalFiles(caller: Caller) async throws -> [AlphabetBookEntry] {
        let classes = caller.subject?.ownClasses ?? []
        let entries = try await database.read { reader in
            try Self.alphabetBook(reader).filter { entry in
                try reader.student(entry.studentID).map { classes.contains($0.classID) } ?? false
            }
        }
        for entry in entries {
            _ = try await authorizePersonalFile(entry.studentID, .personalFilesView, caller: caller)
        }
        return entries
    }

    /// A name as the book orders it: upper case, `Ё` as `Е`.
    static func sortKey(_ name: PersonName) -> String { sortKey(name.description) }

    static func sortKey(_ text: String) -> String {
        text.uppercased().replacingOccurrences(of: "Ё", with: "Е")
    }

    /// The alphabet book as CSV, for a spreadsheet (`personal_files.view`).
    public func alphabetBookCSV(language: Language = .ru, caller: Caller) async throws -> String {
        let book = try await alphabetBook(caller: caller)
        func header(_ key: String) -> Cell { .text(Strings.text("secretary.column.\(key)", language)) }
        let rows = book.map { entry -> [Cell] in
            let file = entry.file
            return [
                .text(file?.fileNumber ?? ""), .text(entry.name), .text(entry.birthDate?.description ?? ""),
                .text(entry.className), .text(file?.enrolledOn.description ?? ""),
                .text(Self.orderText(file?.enrolmentOrder, file?.enrolmentOrderDate)),
                .text(file?.enrolledFrom ?? ""), .text(file?.leftOn?.description ?? ""),
                .text(Self.orderText(file?.leavingOrder, file?.leavingOrderDate)), .text(file?.leftTo ?? ""),
            ]
        }
        let columns = [
            "file_number", "student", "birth_date", "class", "enrolled_on", "enrolment_order", "enrolled_from",
            "left_on", "leaving_order", "left_to",
        ]
        return CSVWriter.write(
            Workbook(sheets: [
                Sheet(
                    title: Strings.text("secretary.book.title", language), headerRows: [columns.map(header)],
                    rows: rows)
            ]))
    }

    /// The register of applications of `year` as CSV (`personal_files.view`).
    public func applicationsCSV(year: Int, language: Language = .ru, caller: Caller) async throws -> String {
        let entries = try await applications(year: year, caller: caller)
        func header(_ key: String) -> Cell { .text(Strings.text("secretary.column.\(key)", language)) }
        let rows = entries.map { entry -> [Cell] in
            let application = entry.application
            return [
                .number(application.number), .text(application.receivedOn.description),
                .text(application.applicantName),
                .text(Strings.text("secretary.application.kind.\(application.kind.rawValue)", language)),
                .text(entry.student ?? ""), .text(entry.className ?? ""), .text(application.summary),
                .text(Strings.text("secretary.application.status.\(application.status.rawValue)", language)),
                .text(application.decision ?? ""), .text(application.decidedOn?.description ?? ""),
            ]
        }
        let columns = [
            "number", "received_on", "applicant", "kind", "student", "class", "summary", "status", "decision",
            "decided_on",
        ]
        return CSVWriter.write(
            Workbook(sheets: [
                Sheet(
                    title: Strings.text("secretary.applications.title", language),
                    headerRows: [columns.map(header)], rows: rows)
            ]))
    }

    /// The register of certificates issued in `year` as CSV (`personal_files.view`).
    public func certificatesCSV(year: Int, language: Language = .ru, caller: Caller) async throws -> String {
        let entries = try await certificates(year: year, caller: caller)
        func header(_ key: String) -> Cell { .text(Strings.text("secretary.column.\(key)", language)) }
        let rows = entries.map { entry -> [Cell] in
            let certificate = entry.certificate
            return [
                .text(certificate.numberText), .text(certificate.issuedOn.description), .text(entry.student),
                .text(certificate.className), .text(certificate.academicYear), .text(certificate.purpose),
                .text(certificate.issuedBy),
            ]
        }
        let columns = ["number", "issued_on", "student", "class", "academic_year", "purpose", "issued_by"]
        return CSVWriter.write(
            Workbook(sheets: [
                Sheet(
                    title: Strings.text("secretary.certificates.title", language),
                    headerRows: [columns.map(header)], rows: rows)
            ]))
    }

    /// `№ 45-у от 2022-08-25`, or what there is of it.
    static func orderText(_ number: String?, _ date: LocalDate?) -> String {
        [number.map { "№ \($0)" }, date.map { "от \(WeeklySheetView.dateText($0))" }].compactMap { $0 }
            .joined(separator: " ")
    }

    /// The secretary's daily page: applications waiting for a decision, certificates asked
    /// for, recent enrolments, students without a file (`personal_files.view`).
    public func secretaryDay(caller: Caller) async throws -> SecretaryDay {
        try await authorize(caller, .personalFilesView, .school)
        let today = try await today()
        return try await database.read { reader in
            let pending = try Self.applicationEntries(reader.incomingApplications(status: .received), reader)
            let recent = Set(try reader.personalFiles(enrolledSince: today.adding(days: -30)).map(\.studentID))
            let book = try Self.alphabetBook(reader)
            var withoutFile = 0
            if let year = try reader.currentYear() {
                let filed = Set(book.filter { $0.file != nil }.map(\.studentID))
                let current = try reader.students(inClasses: reader.classes(year: year.id!).compactMap(\.id))
                withoutFile = current.filter { !filed.contains($0.id!) }.count
            }
            return SecretaryDay(
                pending: pending, certificatesToIssue: pending.filter { $0.application.kind == .certificate },
                recentEnrolments: book.filter { recent.contains($0.studentID) }.sorted {
                    ($0.file?.enrolledOn ?? today) > ($1.file?.enrolledOn ?? today)
                }, studentsWithoutFile: withoutFile)
        }
    }

    /// Everything the secretary keeps about a student, for the subject-access export
    /// (152-ФЗ art. 14): the personal file, transfers, documents, applications and
    /// certificates, in `language`. The caller of the export checks the rights.
    public static func personalFileSubjectAccessSections(
        _ student: StudentID, _ reader: StoreReader, _ language: Language
    ) throws -> [SubjectAccessSection] {
        func text(_ key: String) -> String { Strings.text("secretary.\(key)", language) }
        func date(_ value: LocalDate?) -> String { value.map(WeeklySheetView.dateText) ?? "" }
        var sections: [SubjectAccessSection] = []
        if let file = try reader.personalFile(student: student) {
            let rows: [[String]] = [
                [text("column.file_number"), file.fileNumber],
                [text("column.enrolled_on"), date(file.enrolledOn)],
                [text("column.enrolment_order"), orderText(file.enrolmentOrder, file.enrolmentOrderDate)],
                [text("column.enrolled_from"), file.enrolledFrom ?? ""],
                [text("column.left_on"), date(file.leftOn)],
                [text("column.leaving_order"), orderText(file.leavingOrder, file.leavingOrderDate)],
                [text("column.left_to"), file.leftTo ?? ""],
            ].filter { !$0[1].isEmpty }
            sections.append(
                SubjectAccessSection(
                    title: text("file.title"), header: [text("column.field"), text("column.value")], rows: rows))
        }
        let transfers = try reader.classTransfers(student: student)
        if !transfers.isEmpty {
            sections.append(
                SubjectAccessSection(
                    title: text("transfers.title"),
                    header: [
                        text("column.date"), text("column.from_class"), text("column.to_class"), text("column.order"),
                    ],
                    rows: transfers.map {
                        [date($0.date), $0.fromClassName, $0.toClassName, orderText($0.orderNumber, $0.orderDate)]
                    }))
        }
        let documents = try reader.studentDocuments(student: student)
        if !documents.isEmpty {
            sections.append(
                SubjectAccessSection(
                    title: text("documents.title"),
                    header: [
                        text("column.document"), text("column.received_on"), text("column.note"),
                        text("column.returned_on"),
                    ],
                    rows: documents.map {
                        [
                            text("document.kind.\($0.kind.rawValue)"), date($0.receivedOn), $0.note ?? "",
                            date($0.returnedOn),
                        ]
                    }))
        }
        let applications = try reader.incomingApplications(student: student)
        if !applications.isEmpty {
            sections.append(
                SubjectAccessSection(
                    title: text("applications.title"),
                    header: [
                        text("column.number"), text("column.received_on"), text("column.applicant"),
                        text("column.kind"),
                        text("column.summary"), text("column.status"), text("column.decision"),
                    ],
                    rows: applications.map {
                        [
                            "\($0.number)/\($0.year)", date($0.receivedOn), $0.applicantName,
                            text("application.kind.\($0.kind.rawValue)"), $0.summary,
                            text("application.status.\($0.status.rawValue)"), $0.decision ?? "",
                        ]
                    }))
        }
        let certificates = try reader.issuedCertificates(student: student)
        if !certificates.isEmpty {
            sections.append(
                SubjectAccessSection(
                    title: text("certificates.title"),
                    header: [
                        text("column.number"), text("column.issued_on"), text("column.purpose"),
                        text("column.issued_by"),
                    ],
                    rows: certificates.map { [$0.numberText, date($0.issuedOn), $0.purpose, $0.issuedBy] }))
        }
        return sections
    }
}
