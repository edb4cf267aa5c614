import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalPlugins
import JournalService
import Localization
import NIOCore

/// The reports plugins made (issue 15), for those who read reports: the list, one report's
/// table, and the table as CSV (`/reports/{id}.csv`).
struct ReportPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/reports", use: listPage)
            .get("/reports/:report", use: reportPage)
    }

    @Sendable func listPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        var page = startPage(request, session)
        let language = page.language
        let reports = try await service.pluginReports(caller: session.caller)
        let time = TimeText(timeZone: try await service.school().timeZone)
        let catalog = service.plugins
        page.values = [
            "reports": reports.map { report -> [String: Any] in
                [
                    "id": report.id ?? 0, "title": report.title, "period": report.period,
                    "plugin": catalog.plugin(report.pluginID)?.manifest.title.text(language) ?? report.pluginID,
                    "madeAt": time(report.madeAt),
                ]
            },
            "none": reports.isEmpty,
        ]
        return web.render("reports", page)
    }

    /// One report's table, or with `.csv` after its id the same table to download.
    @Sendable func reportPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let raw = context.parameters.get("report") ?? ""
        let csv = raw.hasSuffix(".csv")
        guard let id = Int64(csv ? String(raw.dropLast(4)) : raw), id > 0 else {
            throw Problem.badRequest("problem.path_id", ["name": "report"], field: "report")
        }
        if csv {
            return Self.csvResponse(try await service.pluginReportCSV(id, caller: session.caller), id: id)
        }
        var page = startPage(request, session)
        let report = try await service.pluginReport(id, caller: session.caller)
        let time = TimeText(timeZone: try await service.school().timeZone)
        page.title = report.title
        page.values = [
            "id": id, "heading": report.title, "period": report.period, "madeAt": time(report.madeAt),
            "plugin": service.plugins.plugin(report.pluginID)?.manifest.title.text(page.language) ?? report.pluginID,
            "version": report.pluginVersion, "columns": report.columnTitles,
            "rows": report.cells.map { ["cells": $0] }, "empty": report.cells.isEmpty,
        ]
        return web.render("report", page)
    }

    /// A report's CSV as a download, in UTF-8 with a byte-order mark so that spreadsheets
    /// read the Cyrillic right.
    static func csvResponse(_ text: String, id: Int64) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = ExportController.contentDisposition("report-\(id).csv")
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func startPage(_ request: Request, _ session: AuthenticatedSession) -> WebPage {
        let language = web.language(request)
        var page = WebPage(title: Strings.text("report.pages.title", language), language: language, session: session)
        page.active = "/reports"
        return page
    }
}
