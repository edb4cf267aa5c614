import Foundation
import Hummingbird
import JournalModel
import JournalService
import Localization

/// The pages of special-category protection: the administrator's log of special reads and
/// emergency accesses, and the form that opens an emergency access to a student's data.
struct SpecialDataPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/admin/special-reads", use: logPage)
            .get("/students/:student/emergency-access", use: emergencyPage)
            .post("/students/:student/emergency-access", use: openEmergency)
    }

    @Sendable func logPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(
            title: Strings.text("special_reads.title", language), language: language, session: session)
        page.active = "/admin/special-reads"
        let query = QueryFilters(request, fromForm: true)
        let filter = try SpecialDataController.filter(query)
        let log = try await service.specialReadLog(filter, caller: session.caller)
        let time = TimeText(timeZone: try await service.school().timeZone)
        page.values = [
            "reads": log.reads.map { read -> [String: Any] in
                [
                    "at": time(read.at), "reader": read.actorName,
                    "domain": Strings.text("domain.\(read.domain.rawValue)", language),
                    "what": Strings.text("special_read.what.\(read.what)", language),
                    "about": read.studentID.flatMap { log.studentNames[$0] }
                        ?? read.staffID.flatMap { log.staffNames[$0] } ?? "",
                    "purpose": read.purpose, "emergency": read.emergencyAccessID != nil,
                ]
            },
            "none": log.reads.isEmpty,
            "accesses": log.emergencyAccesses.map { access -> [String: Any] in
                [
                    "openedAt": time(access.openedAt), "until": time(access.until), "by": access.actorName,
                    "student": log.studentNames[access.studentID] ?? "",
                    "domain": Strings.text("domain.\(access.domain.rawValue)", language), "reason": access.reason,
                ]
            },
            "noAccesses": log.emergencyAccesses.isEmpty,
            "domains": DataDomain.allCases.map { domain -> [String: Any] in
                [
                    "value": domain.rawValue, "label": Strings.text("domain.\(domain.rawValue)", language),
                    "selected": filter.domain == domain,
                ]
            },
            "student": filter.student.map { String($0.rawValue) } ?? "",
            "emergencyOnly": filter.emergencyOnly,
        ]
        return web.render("special_reads", page)
    }

    @Sendable func emergencyPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let student = try Self.student(context)
        return try await renderForm(request, session, student: student, domain: nil, reason: "")
    }

    /// Opens the access; a refused reason shows the form again with what was typed.
    @Sendable func openEmergency(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let student = try Self.student(context)
        var body = request
        let form = try await FormData.read(&body)
        let domainText = form["domain"] ?? ""
        let reason = form["reason"] ?? ""
        let language = web.language(request)
        guard let domain = DataDomain(rawValue: domainText) else {
            return try await renderForm(
                request, session, student: student, domain: nil, reason: reason,
                error: Strings.text(
                    "problem.domain_value", language, ["text": domainText, "accepted": "health, psychology"]))
        }
        do {
            _ = try await service.openEmergencyAccess(
                student: student, domain: domain, reason: reason, caller: session.caller)
        } catch JournalError.invalid(_, let message) {
            return try await renderForm(
                request, session, student: student, domain: domain, reason: reason,
                error: Strings.text(message.key, language, message.values))
        } catch JournalError.refused(let message) {
            return try await renderForm(
                request, session, student: student, domain: domain, reason: reason,
                error: Strings.text(message.key, language, message.values))
        }
        return WebResponse.redirect("/students/\(student.rawValue)/emergency-access?opened=1")
    }

    private func renderForm(
        _ request: Request, _ session: AuthenticatedSession, student: StudentID, domain: DataDomain?, reason: String,
        error: String? = nil
    ) async throws -> Response {
        let language = web.language(request)
        let found = try await service.emergencyAccessContext(student: student, caller: session.caller)
        let time = TimeText(timeZone: try await service.school().timeZone)
        var page = WebPage(
            title: Strings.text("emergency.title", language), language: language, session: session)
        page.error = error
        if request.uri.queryParameters.get("opened") != nil {
            page.flash = Strings.text("emergency.opened", language)
        }
        page.values = [
            "studentID": student.rawValue, "student": found.studentName, "className": found.className,
            "reason": reason, "minimum": EmergencyAccess.minimumReason,
            "domains": [DataDomain.health, .psychology].map { option -> [String: Any] in
                [
                    "value": option.rawValue, "label": Strings.text("domain.\(option.rawValue)", language),
                    "selected": option == domain,
                ]
            },
            "open": found.open.map { access -> [String: Any] in
                [
                    "domain": Strings.text("domain.\(access.domain.rawValue)", language), "until": time(access.until),
                    "href": Self.domainPage(access.domain, student: student),
                ]
            },
        ]
        return web.render("emergency_access", page, status: error == nil ? .ok : .unprocessableContent)
    }

    /// The page where a domain's data about a student is read.
    static func domainPage(_ domain: DataDomain, student: StudentID) -> String {
        switch domain {
        case .health: "/health/students/\(student.rawValue)"
        case .psychology: "/psychology/students/\(student.rawValue)"
        case .personnel, .personalFile: "/"
        }
    }

    static func student(_ context: JournalRequestContext) throws -> StudentID {
        guard let text = context.parameters.get("student"), let id = Int64(text), id > 0 else {
            throw Problem.badRequest("problem.path_id", ["name": "student"], field: "student")
        }
        return StudentID(id)
    }
}
