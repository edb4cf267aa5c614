import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalImport
import JournalModel
import JournalService
import Localization

/// The secretary's pages (issue 16): the day (`/secretary`), a student's personal file with
/// its forms, the registers of applications and certificates, the alphabet book and the CSV
/// import of personal files. A class teacher, who reads their class's files, gets their
/// class's list on `/secretary`.
struct SecretaryPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/secretary", use: dayPage)
            .get("/secretary/students/:student", use: filePage)
            .post("/secretary/students/:student/file", use: saveFile)
            .post("/secretary/students/:student/transfer", use: transfer)
            .post("/secretary/students/:student/documents", use: addDocument)
            .post("/secretary/students/:student/certificates", use: issueCertificate)
            .post("/secretary/documents/:document/return", use: returnDocument)
            .get("/secretary/applications", use: applicationsPage)
            .post("/secretary/applications", use: registerApplication)
            .post("/secretary/applications/:application/decision", use: decide)
            .get("/secretary/certificates", use: certificatesPage)
            .get("/secretary/book", use: bookPage)
            .post("/secretary/import", use: importFiles)
    }

    struct FileForm: Decodable {
        var fileNumber: String?
        var enrolledOn: String?
        var enrolmentOrder: String?
        var enrolmentOrderDate: String?
        var enrolledFrom: String?
        var leftOn: String?
        var leavingOrder: String?
        var leavingOrderDate: String?
        var leftTo: String?
    }

    struct TransferForm: Decodable {
        var toClass: String
        var date: String?
        var order: String?
        var orderDate: String?
    }

    struct DocumentForm: Decodable {
        var kind: String
        var receivedOn: String?
        var note: String?
    }

    struct ReturnForm: Decodable {
        var student: Int64
        var returnedOn: String?
    }

    struct CertificateForm: Decodable {
        var purpose: String?
    }

    struct ApplicationFormFields: Decodable {
        var receivedOn: String?
        var applicantName: String?
        var kind: String
        var studentID: String?
        var representativeID: String?
        var summary: String?
        /// `file`: back to the student's personal file, whose page the form was on.
        var back: String?
    }

    struct DecisionForm: Decodable {
        var status: String
        var decision: String?
        var decidedOn: String?
    }

    struct ImportForm: Decodable {
        var csv: String?
    }

    // MARK: The day

    @Sendable func dayPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "secretary.page.title")
        let caller = page.session!.caller
        let filters = QueryFilters(request, fromForm: true)
        if let opened = try filters.positiveNumber("opened"), let updated = filters.filled("updated") {
            page.flash = Strings.text(
                "secretary.import.done", page.language, ["opened": String(opened), "updated": updated])
        }
        let day: SecretaryDay
        do {
            day = try await service.secretaryDay(caller: caller)
        } catch let denied as AccessDenied {
            // A class teacher: their class's files only.
            guard !page.session!.subject.ownClasses.isEmpty else { throw denied }
            let entries = try await service.ownClassPersonalFiles(caller: caller)
            page.values["classFiles"] = entries.map { bookRow($0, page.language) }
            return web.render("secretary", page)
        }
        page.values["day"] =
            [
                "pending": day.pending.map { applicationRow($0, page.language) },
                "noPending": day.pending.isEmpty,
                "certificates": day.certificatesToIssue.map { applicationRow($0, page.language) },
                "noCertificates": day.certificatesToIssue.isEmpty,
                "recent": day.recentEnrolments.map { bookRow($0, page.language) },
                "noRecent": day.recentEnrolments.isEmpty,
                "withoutFile": day.studentsWithoutFile,
                "canEdit": page.session!.capabilities.contains(.personalFilesEdit),
            ] as [String: Any]
        return web.render("secretary", page)
    }

    // MARK: A personal file

    @Sendable func filePage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context, "secretary.page.file")
        let student = try Self.id(context, "student")
        var flashed = page
        if let done = request.uri.queryParameters.get("done") {
            flashed.flash = Strings.text("secretary.page.done.\(done)", page.language)
        }
        if let certificate = request.uri.queryParameters.get("certificate"), Int64(certificate) != nil {
            flashed.values["issuedCertificate"] = "/api/v1/certificates/\(certificate)/pdf"
        }
        return try await renderFile(flashed, student: StudentID(student), status: .ok)
    }

    private func renderFile(_ page: WebPage, student: StudentID, status: HTTPResponse.Status, form: FileForm? = nil)
        async throws -> Response
    {
        var page = page
        let view = try await service.personalFile(student: student, caller: page.session!.caller)
        let language = page.language
        page.title = Strings.text("secretary.page.file_of", language, ["student": view.name])
        let file = view.file
        func date(_ value: LocalDate?) -> String { value?.description ?? "" }
        page.values["file"] =
            [
                "studentID": student.rawValue, "name": view.name, "className": view.className,
                "birthDate": date(view.birthDate), "opened": file != nil, "canEdit": view.canEdit,
                "fileNumber": form?.fileNumber ?? file?.fileNumber ?? "",
                "enrolledOn": form?.enrolledOn ?? date(file?.enrolledOn),
                "enrolmentOrder": form?.enrolmentOrder ?? file?.enrolmentOrder ?? "",
                "enrolmentOrderDate": form?.enrolmentOrderDate ?? date(file?.enrolmentOrderDate),
                "enrolledFrom": form?.enrolledFrom ?? file?.enrolledFrom ?? "",
                "leftOn": form?.leftOn ?? date(file?.leftOn),
                "leavingOrder": form?.leavingOrder ?? file?.leavingOrder ?? "",
                "leavingOrderDate": form?.leavingOrderDate ?? date(file?.leavingOrderDate),
                "leftTo": form?.leftTo ?? file?.leftTo ?? "",
                "transfers": view.transfers.map {
                    [
                        "date": $0.date.description, "from": $0.fromClassName, "to": $0.toClassName,
                        "order": "№ \($0.orderNumber) от \($0.orderDate)",
                    ]
                },
                "noTransfers": view.transfers.isEmpty,
                "classes": view.classes.filter { $0 != view.className }.map { ["name": $0] },
                "documents": view.documents.map { document -> [String: Any] in
                    [
                        "id": document.id ?? 0,
                        "kind": Strings.text("secretary.document.kind.\(document.kind.rawValue)", language),
                        "receivedOn": document.receivedOn.description, "note": document.note ?? "",
                        "returnedOn": date(document.returnedOn), "returned": document.returnedOn != nil,
                    ]
                },
                "noDocuments": view.documents.isEmpty,
                "documentKinds": StudentDocumentKind.allCases.map {
                    ["value": $0.rawValue, "label": Strings.text("secretary.document.kind.\($0.rawValue)", language)]
                },
                "applications": view.applications.map {
                    [
                        "number": "\($0.number)/\($0.year)", "receivedOn": $0.receivedOn.description,
                        "kind": Strings.text("secretary.application.kind.\($0.kind.rawValue)", language),
                        "summary": $0.summary,
                        "status": Strings.text("secretary.application.status.\($0.status.rawValue)", language),
                    ]
                },
                "noApplications": view.applications.isEmpty,
                "representatives": view.representatives.map {
                    ["id": $0.id.rawValue, "name": $0.name] as [String: Any]
                },
                "kinds": ApplicationKind.allCases.map {
                    [
                        "value": $0.rawValue,
                        "label": Strings.text("secretary.application.kind.\($0.rawValue)", language),
                    ]
                },
                "certificates": view.certificates.map {
                    [
                        "id": $0.id ?? 0, "number": $0.numberText, "issuedOn": $0.issuedOn.description,
                        "purpose": $0.purpose,
                    ] as [String: Any]
                },
                "noCertificates": view.certificates.isEmpty,
                "today": try await service.today().description,
            ] as [String: Any]
        return web.render("secretary_file", page, status: status)
    }

    /// Runs a change of a personal file; a refusal shows the file again with the message.
    private func change(
        _ request: Request, _ context: JournalRequestContext, form: FileForm? = nil,
        _ body: (Caller, StudentID) async throws -> String
    ) async throws -> Response {
        var page = try startPage(request, context, "secretary.page.file")
        let student = StudentID(try Self.id(context, "student"))
        do {
            let next = try await body(page.session!.caller, student)
            return WebResponse.redirect(next)
        } catch let error as JournalError {
            page.error = error.text(page.language)
            return try await renderFile(page, student: student, status: .unprocessableContent, form: form)
        }
    }

    @Sendable func saveFile(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let form = try await request.decodeForm(FileForm.self)
        return try await change(request, context, form: form) { caller, student in
            let input = PersonalFileForm(
                fileNumber: form.fileNumber ?? "", enrolledOn: try Self.date(form.enrolledOn, "enrolledOn"),
                enrolmentOrder: form.enrolmentOrder ?? "",
                enrolmentOrderDate: try Self.date(form.enrolmentOrderDate, "enrolmentOrderDate"),
                enrolledFrom: form.enrolledFrom, leftOn: try Self.optionalDate(form.leftOn, "leftOn"),
                leavingOrder: form.leavingOrder,
                leavingOrderDate: try Self.optionalDate(form.leavingOrderDate, "leavingOrderDate"), leftTo: form.leftTo)
            try await service.savePersonalFile(student: student, input, caller: caller)
            return "/secretary/students/\(student.rawValue)?done=file"
        }
    }

    @Sendable func transfer(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let form = try await request.decodeForm(TransferForm.self)
        return try await change(request, context) { caller, student in
            try await service.transferStudent(
                student, toClass: form.toClass, on: try Self.date(form.date, "date"), order: form.order ?? "",
                orderDate: try Self.date(form.orderDate, "orderDate"), caller: caller)
            return "/secretary/students/\(student.rawValue)?done=transfer"
        }
    }

    @Sendable func addDocument(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let form = try await request.decodeForm(DocumentForm.self)
        return try await change(request, context) { caller, student in
            guard let kind = StudentDocumentKind(rawValue: form.kind) else {
                throw JournalError.invalid(
                    field: "kind",
                    message: .init(
                        "secretary.error.choice",
                        [
                            "value": form.kind,
                            "accepted": StudentDocumentKind.allCases.map(\.rawValue).joined(separator: ", "),
                        ]))
            }
            try await service.addStudentDocument(
                student: student, kind: kind, receivedOn: try Self.date(form.receivedOn, "receivedOn"), note: form.note,
                caller: caller)
            return "/secretary/students/\(student.rawValue)?done=document"
        }
    }

    @Sendable func issueCertificate(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let form = try await request.decodeForm(CertificateForm.self)
        let language = web.language(request)
        return try await change(request, context) { caller, student in
            let issued = try await service.issueCertificate(
                student: student, purpose: form.purpose ?? "", language: language, caller: caller)
            return "/secretary/students/\(student.rawValue)?done=certificate&certificate=\(issued.certificate.id ?? 0)"
        }
    }

    @Sendable func returnDocument(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "secretary.page.file")
        let form = try await request.decodeForm(ReturnForm.self)
        let document = try Self.id(context, "document")
        do {
            try await service.returnStudentDocument(
                document, on: try Self.date(form.returnedOn, "returnedOn"), caller: page.session!.caller)
        } catch let error as JournalError {
            page.error = error.text(page.language)
            return try await renderFile(page, student: StudentID(form.student), status: .unprocessableContent)
        }
        return WebResponse.redirect("/secretary/students/\(form.student)?done=returned")
    }

    // MARK: The registers

    @Sendable func applicationsPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context, "secretary.applications.title")
        let year = try await Self.year(request, service)
        return try await renderApplications(page, year: year, status: .ok)
    }

    private func renderApplications(_ page: WebPage, year: Int, status: HTTPResponse.Status) async throws -> Response {
        var page = page
        let entries = try await service.applications(year: year, caller: page.session!.caller)
        let language = page.language
        page.values["register"] =
            [
                "year": year, "previous": year - 1, "next": year + 1,
                "rows": entries.map { applicationRow($0, language) }, "none": entries.isEmpty,
                "canEdit": page.session!.capabilities.contains(.personalFilesEdit),
                "kinds": ApplicationKind.allCases.map {
                    [
                        "value": $0.rawValue,
                        "label": Strings.text("secretary.application.kind.\($0.rawValue)", language),
                    ]
                },
                "today": try await service.today().description,
            ] as [String: Any]
        return web.render("secretary_applications", page, status: status)
    }

    @Sendable func registerApplication(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "secretary.applications.title")
        let form = try await request.decodeForm(ApplicationFormFields.self)
        let today = try await service.today()
        do {
            guard let kind = ApplicationKind(rawValue: form.kind) else {
                throw JournalError.invalid(
                    field: "kind",
                    message: .init(
                        "secretary.error.choice",
                        [
                            "value": form.kind,
                            "accepted": ApplicationKind.allCases.map(\.rawValue).joined(separator: ", "),
                        ]))
            }
            let application = try await service.registerApplication(
                ApplicationForm(
                    receivedOn: try Self.optionalDate(form.receivedOn, "receivedOn") ?? today,
                    representativeID: try Self.optionalID(form.representativeID, "representativeID").map {
                        RepresentativeID($0)
                    }, applicantName: form.applicantName, kind: kind,
                    studentID: try Self.optionalID(form.studentID, "studentID").map { StudentID($0) },
                    summary: form.summary ?? ""), caller: page.session!.caller)
            if form.back == "file", let student = application.studentID {
                return WebResponse.redirect("/secretary/students/\(student.rawValue)?done=application")
            }
            return WebResponse.redirect("/secretary/applications?year=\(application.year)")
        } catch let error as JournalError {
            page.error = error.text(page.language)
            return try await renderApplications(page, year: today.year, status: .unprocessableContent)
        }
    }

    @Sendable func decide(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "secretary.applications.title")
        let form = try await request.decodeForm(DecisionForm.self)
        let id = try Self.id(context, "application")
        let today = try await service.today()
        do {
            guard let status = ApplicationStatus(rawValue: form.status) else {
                throw JournalError.invalid(
                    field: "status",
                    message: .init("secretary.error.decision_status", ["accepted": "considered, refused"]))
            }
            let decided = try await service.decideApplication(
                id, status: status, decision: form.decision,
                on: try Self.optionalDate(form.decidedOn, "decidedOn") ?? today, caller: page.session!.caller)
            return WebResponse.redirect("/secretary/applications?year=\(decided.year)")
        } catch let error as JournalError {
            page.error = error.text(page.language)
            return try await renderApplications(page, year: today.year, status: .unprocessableContent)
        }
    }

    @Sendable func certificatesPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "secretary.certificates.title")
        let year = try await Self.year(request, service)
        let entries = try await service.certificates(year: year, caller: page.session!.caller)
        page.values["register"] =
            [
                "year": year, "previous": year - 1, "next": year + 1, "none": entries.isEmpty,
                "rows": entries.map { entry -> [String: Any] in
                    let certificate = entry.certificate
                    return [
                        "id": certificate.id ?? 0, "number": certificate.numberText,
                        "issuedOn": certificate.issuedOn.description, "student": entry.student,
                        "studentID": certificate.studentID.rawValue, "className": certificate.className,
                        "purpose": certificate.purpose, "issuedBy": certificate.issuedBy,
                    ]
                },
            ] as [String: Any]
        return web.render("secretary_certificates", page)
    }

    @Sendable func bookPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "secretary.book.title")
        let book = try await service.alphabetBook(caller: page.session!.caller)
        let letters = Dictionary(grouping: book, by: \.letter)
        page.values["letters"] = letters.keys.sorted().map { letter in
            ["letter": letter, "rows": letters[letter]!.map { bookRow($0, page.language) }] as [String: Any]
        }
        page.values["index"] = letters.keys.sorted().map { ["letter": $0] }
        page.values["none"] = book.isEmpty
        return web.render("secretary_book", page)
    }

    @Sendable func importFiles(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "secretary.page.title")
        let form = try await request.decodeForm(ImportForm.self)
        do {
            let summary = try await service.importPersonalFiles(
                file: "personal-files.csv", bytes: Array((form.csv ?? "").utf8), caller: page.session!.caller)
            return WebResponse.redirect("/secretary?opened=\(max(summary.opened, 0))&updated=\(summary.updated)")
        } catch let error as JournalError {
            page.error = error.text(page.language)
        } catch let error as ImportFailure {
            page.error = error.text(page.language)
        }
        page.values["importText"] = form.csv ?? ""
        let day = try await service.secretaryDay(caller: page.session!.caller)
        page.values["day"] =
            [
                "pending": day.pending.map { applicationRow($0, page.language) }, "noPending": day.pending.isEmpty,
                "certificates": day.certificatesToIssue.map { applicationRow($0, page.language) },
                "noCertificates": day.certificatesToIssue.isEmpty,
                "recent": day.recentEnrolments.map { bookRow($0, page.language) },
                "noRecent": day.recentEnrolments.isEmpty,
                "withoutFile": day.studentsWithoutFile, "canEdit": true,
            ] as [String: Any]
        return web.render("secretary", page, status: .unprocessableContent)
    }

    /// The home page's line for those who keep the files (`personal_files.edit`): how many
    /// applications wait for a decision and how many certificates are asked for.
    func homeValues(_ session: AuthenticatedSession) async throws -> [String: Any] {
        guard session.capabilities.contains(.personalFilesEdit),
            let day = try? await service.secretaryDay(caller: session.caller)
        else { return [:] }
        return ["secretary": ["pending": day.pending.count, "certificates": day.certificatesToIssue.count]]
    }

    // MARK: Helpers

    private func startPage(_ request: Request, _ context: JournalRequestContext, _ title: String) throws -> WebPage {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text(title, language), language: language, session: session)
        page.active = "/secretary"
        return page
    }

    private func applicationRow(_ entry: ApplicationEntry, _ language: Language) -> [String: Any] {
        let application = entry.application
        return [
            "id": application.id ?? 0, "number": application.number, "receivedOn": application.receivedOn.description,
            "applicant": application.applicantName,
            "kind": Strings.text("secretary.application.kind.\(application.kind.rawValue)", language),
            "student": entry.student ?? "", "studentID": application.studentID?.rawValue ?? 0,
            "hasStudent": application.studentID != nil, "className": entry.className ?? "",
            "summary": application.summary,
            "status": Strings.text("secretary.application.status.\(application.status.rawValue)", language),
            "pending": application.status == .received, "decision": application.decision ?? "",
            "decidedOn": application.decidedOn?.description ?? "",
            "namedBy": entry.namedBy, "isInformationForm": application.kind == .informationForm,
        ]
    }

    private func bookRow(_ entry: AlphabetBookEntry, _ language: Language) -> [String: Any] {
        let file = entry.file
        func order(_ number: String?, _ date: LocalDate?) -> String {
            [number.map { "№ \($0)" }, date.map { "\($0)" }].compactMap { $0 }.joined(separator: ", ")
        }
        return [
            "studentID": entry.studentID.rawValue, "name": entry.name, "className": entry.className,
            "birthDate": entry.birthDate?.description ?? "", "fileNumber": file?.fileNumber ?? "",
            "enrolledOn": file?.enrolledOn.description ?? "",
            "enrolmentOrder": order(file?.enrolmentOrder, file?.enrolmentOrderDate),
            "leftOn": file?.leftOn?.description ?? "",
            "leavingOrder": order(file?.leavingOrder, file?.leavingOrderDate),
            "leftTo": file?.leftTo ?? "", "noFile": file == nil,
        ]
    }

    static func id(_ context: JournalRequestContext, _ name: String) throws -> Int64 {
        guard let id = context.parameters.get(name).flatMap({ Int64($0) }), id > 0 else {
            throw Problem.badRequest("problem.path_id", ["name": name], field: name)
        }
        return id
    }

    static func date(_ text: String?, _ field: String) throws -> LocalDate {
        guard let date = try optionalDate(text, field) else {
            throw JournalError.invalid(field: field, message: .init("secretary.error.required"))
        }
        return date
    }

    static func optionalDate(_ text: String?, _ field: String) throws -> LocalDate? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        guard let date = LocalDate(text) else {
            throw JournalError.invalid(field: field, message: .init("secretary.import.not_a_date", ["value": text]))
        }
        return date
    }

    static func optionalID(_ text: String?, _ field: String) throws -> Int64? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        guard let id = Int64(text), id > 0 else {
            throw JournalError.invalid(field: field, message: .init("secretary.page.not_an_id", ["value": text]))
        }
        return id
    }

    static func year(_ request: Request, _ service: JournalService) async throws -> Int {
        guard let text = request.uri.queryParameters.get("year"), !text.isEmpty else {
            return try await service.today().year
        }
        guard let year = Int(text), (2000...2100).contains(year) else {
            throw Problem.badRequest("problem.year_query", ["text": text], field: "year")
        }
        return year
    }
}
