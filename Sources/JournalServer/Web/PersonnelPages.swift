import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization
import NIOCore

/// The HR specialist's pages (issue 16): who is due (courses, medical checks, certificates)
/// with its CSV, a staff member's file with the forms that keep it, and each member of
/// staff's own file, "Мой кадровый файл".
struct PersonnelPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/hr", use: duePage)
            .get("/hr/due.csv", use: dueCSV)
            .get("/hr/staff/:staff", use: filePage)
            .post("/hr/staff/:staff/file", use: setFile)
            .post("/hr/staff/:staff/education", use: addEducation)
            .post("/hr/staff/:staff/courses", use: addCourse)
            .post("/hr/staff/:staff/medical-checks", use: addMedicalCheck)
            .post("/hr/staff/:staff/criminal-record", use: addCertificate)
            .get("/me/personnel", use: myFilePage)
    }

    private func startPage(_ request: Request, _ context: JournalRequestContext, _ title: String) throws -> WebPage {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text(title, language), language: language, session: session)
        page.active = "/hr"
        if request.query("done") != nil { page.flash = Strings.text("psychology.page.saved", language) }
        return page
    }

    static func dueValues(_ row: PersonnelDue, _ language: Language) -> [String: Any] {
        func status(_ value: DueStatus) -> [String: Any] {
            ["text": Strings.text("hr.due.\(value.rawValue)", language), "class": value.rawValue]
        }
        return [
            "id": row.staffID.rawValue, "name": row.name, "position": row.position,
            "courseDue": row.courseDue.map(DateText.full) ?? "—", "course": status(row.course),
            "medicalValid": row.medicalValidUntil.map(DateText.full) ?? "—", "medical": status(row.medical),
            "certificateValid": row.certificateValidUntil.map(DateText.full) ?? "—",
            "certificate": status(row.certificate),
        ]
    }

    @Sendable func duePage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "hr.page.title")
        let due = try await service.personnelDue(caller: page.session!.caller)
        let attention = due.filter { $0.status != .ok }
        page.values = [
            "attention": attention.map { Self.dueValues($0, page.language) }, "none": attention.isEmpty,
            "all": due.map { Self.dueValues($0, page.language) },
        ]
        return web.render("hr", page)
    }

    @Sendable func dueCSV(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let csv = try await service.personnelDueCSV(web.language(request), caller: session.caller)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = ExportController.contentDisposition("hr-due.csv")
        headers[.cacheControl] = "private, no-store"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "\u{FEFF}" + csv)))
    }

    @Sendable func filePage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context, "hr.page.file")
        // One's own file opened here is shown as "my file" shows it: the forms are HR's.
        let editable = page.session!.capabilities.contains(.hrEdit)
        return try await renderFile(page, try Self.staff(context), editable: editable, status: .ok)
    }

    @Sendable func myFilePage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "hr.page.mine")
        page.active = "/me/personnel"
        guard let staff = page.session!.subject.staffID else {
            _ = try await service.myPersonnelFile(caller: page.session!.caller)
            throw WebRedirect(location: "/")
        }
        return try await renderFile(page, staff, editable: false, status: .ok)
    }

    static func staff(_ context: JournalRequestContext) throws -> StaffID {
        guard let id = context.parameters.get("staff").flatMap(Int64.init), id > 0 else {
            throw Problem.badRequest("problem.path_id", ["name": "staff"], field: "staff")
        }
        return StaffID(id)
    }

    private func renderFile(_ page: WebPage, _ staff: StaffID, editable: Bool, status: HTTPResponse.Status)
        async throws -> Response
    {
        var page = page
        let language = page.language
        let file = try await service.personnelFile(staff, caller: page.session!.caller)
        if editable { page.title = file.name }
        page.values = [
            "id": staff.rawValue, "name": file.name, "position": file.position, "editable": editable,
            "hired": file.file?.hiredOn.map(DateText.full) ?? "—", "hiredValue": file.file?.hiredOn?.description ?? "",
            "category": Strings.text("hr.category.\((file.file?.category ?? .none).rawValue)", language),
            "attested": file.file?.attestedOn.map(DateText.full) ?? "—",
            "attestedValue": file.file?.attestedOn?.description ?? "",
            "categories": QualificationCategory.allCases.map {
                [
                    "value": $0.rawValue, "label": Strings.text("hr.category.\($0.rawValue)", language),
                    "selected": $0 == (file.file?.category ?? .none),
                ] as [String: Any]
            },
            "education": file.education.map {
                ["institution": $0.institution, "year": $0.year, "qualification": $0.qualification] as [String: Any]
            },
            "courses": file.courses.reversed().map {
                [
                    "title": $0.title, "provider": $0.provider, "hours": $0.hours,
                    "period": "\(DateText.full($0.from)) – \(DateText.full($0.to))", "certificate": $0.certificate,
                ] as [String: Any]
            },
            "checks": file.medicalChecks.reversed().map {
                ["date": DateText.full($0.date), "validUntil": DateText.full($0.validUntil)]
            },
            "certificates": file.certificates.reversed().map {
                [
                    "number": $0.number, "issued": DateText.full($0.issuedOn),
                    "validUntil": DateText.full($0.validUntil),
                ]
            },
            "due": Self.dueValues(file.due, language),
        ]
        return web.render("hr_file", page, status: status)
    }

    /// Runs a form's act on a staff member's file: back to the file, or the file with the error.
    private func act(
        _ request: Request, _ context: JournalRequestContext,
        _ body: @Sendable (FormData, StaffID, Caller) async throws -> Void
    ) async throws -> Response {
        var request = request
        let form = try await FormData.read(&request)
        let staff = try Self.staff(context)
        var page = try startPage(request, context, "hr.page.file")
        do {
            try await body(form, staff, page.session!.caller)
        } catch let error as JournalError {
            page.error = error.text(page.language)
            return try await renderFile(page, staff, editable: true, status: .unprocessableContent)
        }
        return WebResponse.redirect("/hr/staff/\(staff)?done=1")
    }

    static func date(_ form: FormData, _ field: String) throws -> LocalDate {
        guard let date = form[field].flatMap(LocalDate.init) else {
            throw JournalError.invalid(field: field, message: .init("psychology.page.date_invalid"))
        }
        return date
    }

    static func optionalDate(_ form: FormData, _ field: String) throws -> LocalDate? {
        guard let text = form[field], !text.isEmpty else { return nil }
        return try date(form, field)
    }

    static func number(_ form: FormData, _ field: String) throws -> Int {
        guard let number = form[field].flatMap(Int.init) else {
            throw JournalError.invalid(field: field, message: .init("hr.page.number_invalid"))
        }
        return number
    }

    @Sendable func setFile(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await act(request, context) { form, staff, caller in
            _ = try await service.setStaffFile(
                staff,
                StaffFileInput(
                    hiredOn: try Self.optionalDate(form, "hired_on"), category: form["category"] ?? "",
                    attestedOn: try Self.optionalDate(form, "attested_on")), caller: caller)
        }
    }

    @Sendable func addEducation(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await act(request, context) { form, staff, caller in
            _ = try await service.addStaffEducation(
                staff, institution: form["institution"] ?? "", year: try Self.number(form, "year"),
                qualification: form["qualification"] ?? "", caller: caller)
        }
    }

    @Sendable func addCourse(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await act(request, context) { form, staff, caller in
            _ = try await service.addStaffCourse(
                staff,
                StaffCourseInput(
                    title: form["title"] ?? "", provider: form["provider"] ?? "", hours: try Self.number(form, "hours"),
                    from: try Self.date(form, "from"), to: try Self.date(form, "to"),
                    certificate: form["certificate"] ?? ""), caller: caller)
        }
    }

    @Sendable func addMedicalCheck(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await act(request, context) { form, staff, caller in
            _ = try await service.addStaffMedicalCheck(
                staff, date: try Self.date(form, "date"), validUntil: try Self.date(form, "valid_until"), caller: caller
            )
        }
    }

    @Sendable func addCertificate(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await act(request, context) { form, staff, caller in
            _ = try await service.addCriminalRecordCertificate(
                staff, number: form["number"] ?? "", issuedOn: try Self.date(form, "issued_on"),
                validUntil: try Self.date(form, "valid_until"), caller: caller)
        }
    }
}
