public import Foundation
public import JournalAccess
import JournalDocuments
public import JournalModel
import JournalStore
public import Localization

/// Everything the school holds about a student, as one document for their representative
/// (152-ФЗ art. 14, the subject's right of access).
public struct SubjectAccessExport: Sendable {
    public var pdf: Data
    public var pageCount: Int
    public var fileName: String
    /// The sections as they were laid out, for the page and the tests.
    public var sections: [SubjectAccessSection]
}

extension JournalService {
    /// The subject-access export (`subject_access.request`, a representative's for their own
    /// children): the student's own data, their representatives' contacts and accounts, the
    /// journal's marks, attendance, period marks and exams, the flags shown to teachers, and
    /// each specialist's domain (health, psychology, personal file). Health and psychology
    /// data are special categories, so the export leaves its traces in the special-read log
    /// before it is rendered; the representative reads them as the child's legal
    /// representative, not through the specialists' rights.
    public func subjectAccessExport(student id: StudentID, language: Language, caller: Caller) async throws
        -> SubjectAccessExport
    {
        let object = try await studentObject(id, for: .subjectAccessRequest, caller: caller)
        try await authorize(caller, .subjectAccessRequest, object)
        // The right belongs to the child's legal representative (152-ФЗ art. 14) whatever an
        // extension grants: a grant in a wider scope opens no other child's data.
        if let subject = caller.subject, !subject.children.contains(id) {
            throw JournalError.refused(.init("error.subject_access_own_child"))
        }
        let requester = caller.subject?.representativeID
        let at = now()
        // The student's special-category data: their health and the psychological service's
        // records (personnel files are about staff, personal files are not special).
        let reads = [DataDomain.health, .psychology].map { domain in
            SpecialRead(
                at: at, accountID: caller.actor.accountID, actorName: caller.actor.displayName, domain: domain,
                what: "subject_access.export", studentID: id, purpose: caller.actor.via ?? "journal")
        }
        try await database.logSpecialReads(reads)
        let school = try await school()
        let timeZone = school.timeZone
        let sections = try await database.read { reader in
            try Self.subjectAccessSections(id, requester: requester, reader, language)
        }
        guard let student = try await database.read({ reader in try reader.student(id) }) else {
            throw ServiceError.unknown(entity: "student", id: String(id.rawValue))
        }
        func text(_ key: String, _ values: [String: String] = [:]) -> String {
            Strings.text("subject_access.\(key)", language, values)
        }
        var blocks: [DocumentBlock] = [
            .heading(text("title")),
            .fields([
                DocumentField(text("school"), school.name), DocumentField(text("student"), student.name.description),
            ]),
            .field(label: text("made_at"), value: Self.momentText(at, timeZone: timeZone)),
            .paragraph(text("preamble")),
        ]
        for section in sections {
            blocks.append(.subheading(section.title))
            if section.rows.isEmpty {
                blocks.append(.paragraph(text("nothing")))
            } else {
                blocks.append(
                    .table(
                        DocumentTable(
                            columns: section.header.map { DocumentColumn($0) },
                            rows: section.rows.map { row in row.map { $0.isEmpty ? "—" : $0 } })))
            }
        }
        let document = Document(sections: [DocumentSection(blocks: blocks, footer: text("footer"))])
        let pdf: PDF
        do {
            pdf = try PDFWriter.pdf(document)
        } catch let error as DocumentError {
            throw JournalError.refused(.init("error.printout_render", ["reason": error.description]))
        }
        return SubjectAccessExport(
            pdf: pdf.data, pageCount: pdf.pageCount,
            fileName: "\(student.name.lastName) \(Self.localDate(of: at, timeZone: timeZone)).pdf", sections: sections)
    }

    /// Every section of the export: the journal's own, then each domain's.
    /// `requester` is the representative asking: their own contacts and account are theirs to
    /// see; the other representatives' are not (152-ФЗ art. 14 part 8), and appear by name and
    /// relation only.
    static func subjectAccessSections(
        _ id: StudentID, requester: RepresentativeID?, _ reader: StoreReader, _ language: Language
    ) throws -> [SubjectAccessSection] {
        func text(_ key: String) -> String { Strings.text("subject_access.\(key)", language) }
        func header(_ keys: String...) -> [String] { keys.map { text("column.\($0)") } }
        guard let student = try reader.student(id) else { return [] }
        let schoolClass = try reader.schoolClass(student.classID)
        let links = try reader.representativeLinks(students: [id])
        let representatives = try links.compactMap { link -> [String]? in
            guard let representative = try reader.representative(link.representativeID) else { return nil }
            let own = link.representativeID == requester
            return [
                representative.name.description, Strings.text("relation.\(link.kind.rawValue)", language),
                own ? representative.phone ?? "" : "", own ? representative.email ?? "" : "",
            ]
        }
        var sections = [
            SubjectAccessSection(
                title: text("section.student"), header: header("field", "value"),
                rows: [
                    [text("field.name"), student.name.description],
                    [text("field.birth_date"), student.birthDate?.description ?? ""],
                    [text("field.class"), schoolClass?.name ?? ""],
                    [text("field.external_code"), student.externalCode ?? ""],
                ]),
            SubjectAccessSection(
                title: text("section.representatives"), header: header("name", "kind", "phone", "email"),
                rows: representatives),
            SubjectAccessSection(
                title: text("section.contacts"), header: header("name", "kind", "value", "basis", "from", "to"),
                rows: try reader.subjectAccessContacts(id, representative: requester)),
            SubjectAccessSection(
                title: text("section.accounts"), header: header("login", "created", "disabled"),
                rows: try reader.subjectAccessAccounts(id, representative: requester).map { row in
                    [row[0], row[1], row[2] == "1" ? text("yes") : text("no")]
                }),
            SubjectAccessSection(
                title: text("section.marks"), header: header("date", "subject", "work", "mark", "comment"),
                rows: try reader.subjectAccessMarks(id)),
            SubjectAccessSection(
                title: text("section.attendance"), header: header("date", "lesson", "subject", "code", "comment"),
                rows: try reader.subjectAccessAttendance(id)),
            SubjectAccessSection(
                title: text("section.period_marks"), header: header("year", "subject", "period", "mark"),
                rows: try reader.subjectAccessPeriodMarks(id)),
            SubjectAccessSection(
                title: text("section.exams"), header: header("exam", "subject", "score", "mark", "date"),
                rows: try reader.subjectAccessExams(id)),
            SubjectAccessSection(
                title: text("section.flags"), header: header("text", "date"), rows: try reader.subjectAccessFlags(id)),
        ]
        sections += try domainSubjectAccessSections(id, reader, language)
        return sections
    }
}

extension JournalService {
    /// The specialists' domains' sections of the export, each domain's own.
    static func domainSubjectAccessSections(_ id: StudentID, _ reader: StoreReader, _ language: Language) throws
        -> [SubjectAccessSection]
    {
        try personalFileSubjectAccessSections(id, reader, language)
            + healthSubjectAccessSections(id, reader, language)
            + psychologySubjectAccessSections(id, reader, language)
    }
}
