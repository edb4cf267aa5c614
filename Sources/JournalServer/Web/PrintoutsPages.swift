import Foundation
import Hummingbird
import JournalModel
import JournalService
import Localization

/// The weekly paper sheets in the browser (R19), for the class teacher and management: the
/// class's students with a link to each one's sheet and to the whole class's, and the week's
/// issuance register with a form to record a sheet handed over.
struct PrintoutsPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// A sheet handed over, as the register's form posts it.
    struct IssueForm: Decodable {
        var className: String
        var week: String
        var number: Int64
        var issuedTo: String
    }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/printouts", use: printoutsPage)
            .post("/printouts/issue", use: issue)
    }

    @Sendable func printoutsPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let filters = QueryFilters(request, fromForm: true)
        let today = try await service.today()
        let week = try filters.date("week") ?? today.startOfWeek
        if let number = try filters.positiveNumber("issued") {
            page.flash = Strings.text("printouts.page.issued_done", page.language, ["number": Self.number(number)])
        }
        return try await render(page, className: filters.filled("className") ?? "", week: week, status: .ok)
    }

    @Sendable func issue(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let form = try await request.decodeForm(IssueForm.self)
        let today = try await service.today()
        let week = LocalDate(form.week) ?? today.startOfWeek
        do {
            _ = try await service.recordIssue(sheet: form.number, issuedTo: form.issuedTo, caller: page.session!.caller)
        } catch let error as JournalError {
            page.error = error.text(page.language)
            return try await render(page, className: form.className, week: week, status: .unprocessableContent)
        }
        return WebResponse.redirect(
            "/printouts?className=\(WebSupport.escapeQuery(form.className))&week=\(week)&issued=\(form.number)")
    }

    private func startPage(_ request: Request, _ context: JournalRequestContext) throws -> WebPage {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text("printouts.page.link", language), language: language, session: session)
        page.active = "/printouts"
        return page
    }

    private func render(_ page: WebPage, className: String, week: LocalDate, status: HTTPResponse.Status)
        async throws -> Response
    {
        var page = page
        page.values["className"] = className
        page.values["week"] = week.startOfWeek.description
        guard !className.isEmpty else {
            page.values["noClass"] = true
            return web.render("printouts", page, status: status)
        }
        let time = TimeText(timeZone: try await service.school().timeZone)
        let printouts: PrintoutClass
        do {
            printouts = try await service.printoutClass(className: className, week: week, caller: page.session!.caller)
        } catch let error as JournalError {
            page.error = error.text(page.language)
            page.values["noClass"] = true
            return web.render("printouts", page, status: .unprocessableContent)
        }
        page.title = Strings.text("printouts.page.title", page.language, ["class": printouts.className])
        let base =
            "/api/v1/classes/\(WebSupport.escapeQuery(printouts.className))/printouts?week=\(printouts.weekStart)"
        page.values["sheet"] = [
            "className": printouts.className,
            "all": base,
            "students": printouts.students.map {
                [
                    "name": $0.name, "href": "\(base)&students=\($0.id.rawValue)",
                    "paper": printouts.onPaper.contains($0.id),
                ] as [String: Any]
            },
            "paper": printouts.onPaper.isEmpty
                ? nil
                : "\(base)&students=\(printouts.onPaper.map { String($0.rawValue) }.sorted().joined(separator: ","))",
            "paperCount": printouts.onPaper.count,
            "none": printouts.register.isEmpty,
            "register": printouts.register.map { entry -> [String: Any] in
                [
                    "number": entry.number, "numberText": entry.numberText, "student": entry.student,
                    "printed": "\(time(entry.printedAt)), \(entry.printedBy)",
                    "issued": entry.issuedTo != nil,
                    "issuedText": [
                        entry.issuedTo, entry.issuedAt.map(time.callAsFunction), entry.issuedBy,
                    ].compactMap { $0 }.joined(separator: ", "),
                ]
            },
        ]
        return web.render("printouts", page, status: status)
    }

    static func number(_ value: Int64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
