public import Foundation
import JournalAccess
public import JournalDocuments
public import JournalModel
import JournalStore
public import Localization

/// A certificate of study just issued: its row of the register and the printable PDF.
public struct IssuedCertificateDocument: Sendable {
    public var certificate: IssuedCertificate
    public var pdf: Data
}

/// A row of the certificates register with the student's name.
public struct CertificateEntry: Sendable, Codable, Hashable {
    public var certificate: IssuedCertificate
    public var student: String
}

extension JournalService {
    /// The longest purpose (where the certificate is presented).
    public static let certificatePurposeLimit = 300

    /// Issues a certificate of study («справка об обучении») to a student who studies at the
    /// school on `issuedOn` (`personal_files.edit` on the student): the next number of the
    /// year's register, and the document to print.
    public func issueCertificate(
        student id: StudentID, purpose: String, issuedOn: LocalDate? = nil, language: Language = .ru, caller: Caller
    ) async throws -> IssuedCertificateDocument {
        let student = try await authorizePersonalFile(id, .personalFilesEdit, caller: caller)
        let purpose = purpose.trimmingWhitespace()
        guard !purpose.isEmpty else {
            throw JournalError.invalid(field: "purpose", message: .init("secretary.error.required"))
        }
        guard purpose.count <= Self.certificatePurposeLimit else {
            throw JournalError.invalid(field: "purpose", message: .tooLong(Self.certificatePurposeLimit))
        }
        let today = try await today()
        let date = issuedOn ?? today
        guard date <= today else {
            throw JournalError.invalid(
                field: "issuedOn", message: .init("secretary.error.future_date", ["today": today.description]))
        }
        let issuedBy = caller.actor.displayName
        let certificate = try await database.write(actor: caller.actor, reason: "certificate issued") { writer in
            let reader = writer.reader
            if let file = try reader.personalFile(student: id) {
                if let left = file.leftOn, left <= date {
                    throw JournalError.refused(.init("secretary.error.certificate_left", ["left": left.description]))
                }
                guard file.enrolledOn <= date else {
                    throw JournalError.refused(
                        .init("secretary.error.certificate_not_yet", ["enrolled": file.enrolledOn.description]))
                }
            }
            guard let schoolClass = try reader.schoolClass(student.classID),
                let year = try reader.years().first(where: { $0.id == schoolClass.yearID })
            else { throw ServiceError.notInitialized }
            return try writer.insert(
                IssuedCertificate(
                    year: date.year, number: try reader.nextCertificateNumber(year: date.year), studentID: id,
                    issuedOn: date, purpose: purpose, className: schoolClass.name, academicYear: year.title,
                    issuedBy: issuedBy))
        }
        let pdf = try await certificatePDF(certificate, language: language)
        return IssuedCertificateDocument(certificate: certificate, pdf: pdf)
    }

    /// The PDF of a certificate already issued, to print it again (`personal_files.view` on
    /// the student): the same number and date as the register.
    public func certificatePDF(_ id: Int64, language: Language = .ru, caller: Caller) async throws -> Data {
        guard let certificate = try await database.read({ reader in try reader.issuedCertificate(id) }) else {
            try await authorize(caller, .personalFilesView, .school)
            throw ServiceError.unknown(entity: "certificate", id: String(id))
        }
        _ = try await authorizePersonalFile(certificate.studentID, .personalFilesView, caller: caller)
        return try await certificatePDF(certificate, language: language)
    }

    /// The register of certificates issued in calendar year `year` (`personal_files.view`).
    public func certificates(year: Int, caller: Caller) async throws -> [CertificateEntry] {
        try await authorize(caller, .personalFilesView, .school)
        return try await database.read { reader in
            try reader.issuedCertificates(year: year).map { certificate in
                CertificateEntry(
                    certificate: certificate,
                    student: try reader.student(certificate.studentID)?.name.description ?? "")
            }
        }
    }

    private func certificatePDF(_ certificate: IssuedCertificate, language: Language) async throws -> Data {
        let document = try await database.read { reader in
            guard let student = try reader.student(certificate.studentID) else {
                throw ServiceError.unknown(entity: "student", id: certificate.studentID.description)
            }
            return Self.certificateDocument(
                certificate, school: try reader.school()?.name ?? "", student: student, language: language)
        }
        do {
            return try PDFWriter.pdf(document).data
        } catch let error as DocumentError {
            throw JournalError.refused(.init("error.printout_render", ["reason": error.description]))
        }
    }

    /// The certificate as a document: the school, the number and date, the student's name and
    /// birth date, the class and the academic year, where it is presented, and who issued it.
    static func certificateDocument(
        _ certificate: IssuedCertificate, school: String, student: Student, language: Language
    ) -> Document {
        func text(_ key: String, _ values: [String: String] = [:]) -> String {
            Strings.text("secretary.certificate.\(key)", language, values)
        }
        let birth = student.birthDate.map(WeeklySheetView.dateText) ?? "—"
        let blocks: [DocumentBlock] = [
            .paragraph(school, bold: true),
            .space(18),
            .heading(text("title")),
            .paragraph(
                text(
                    "number",
                    ["number": certificate.numberText, "date": WeeklySheetView.dateText(certificate.issuedOn)])),
            .space(12),
            .paragraph(
                text(
                    "body",
                    [
                        "student": student.name.description, "birth": birth, "school": school,
                        "class": certificate.className, "year": certificate.academicYear,
                    ])),
            .space(8),
            .field(label: text("purpose"), value: certificate.purpose),
            .space(30),
            .paragraph(text("signature", ["issuedBy": certificate.issuedBy])),
        ]
        return Document(
            sections: [
                DocumentSection(blocks: blocks, footer: text("footer", ["number": certificate.numberText]))
            ], fontSize: 11)
    }
}
