import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization

/// The change history in the browser (audit.view): who changed what, when, old → new, why and
/// through which page, with filters by person, class, day and kind of record. Management and
/// the administrator read the whole school's; a teacher their own groups'.
struct HistoryPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// Fields every change touches, left out of the "old → new" column.
    static let bookkeeping: Set<String> = ["id", "version", "updatedAt", "createdAt", "recordedAt"]

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/history", use: historyPage)
    }

    @Sendable func historyPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text("changes.title", language), language: language, session: session)
        page.active = "/history"
        let query = try AdminController.historyQuery(request, fromForm: true)
        let time = TimeText(timeZone: try await service.school().timeZone)
        let entries = try await service.history(query, caller: session.caller)
        page.values = [
            "kinds": try await service.readableHistoryKinds(caller: session.caller).keys.sorted().map { kind in
                [
                    "key": kind, "title": Strings.text("changes.kind.\(kind)", language),
                    "selected": kind == query.kind,
                ] as [String: Any]
            },
            "actor": query.actor ?? "", "className": query.className ?? "",
            "from": query.from?.description ?? "", "to": query.to?.description ?? "",
            "assignmentID": query.assignment.map { String($0.rawValue) } ?? "",
            "lessonID": query.lesson.map { String($0.rawValue) } ?? "",
            "workID": query.work.map { String($0.rawValue) } ?? "",
            "studentID": query.student.map { String($0.rawValue) } ?? "",
            "none": entries.isEmpty,
            "entries": entries.map { entry -> [String: Any] in
                [
                    "at": time(entry.at), "actor": entry.actor,
                    "kind": Strings.text("changes.kind.\(entry.kind)", language), "record": entry.recordID,
                    "action": Strings.text("changes.action.\(entry.action)", language),
                    "changes": Self.changes(before: entry.before, after: entry.after),
                    "reason": entry.reason ?? "", "via": entry.via ?? "",
                ]
            },
            "more": entries.count == query.limit ? Self.nextPage(request, before: entries.last!.id) : "",
        ]
        return web.render("changes", page)
    }

    /// The fields that differ between two JSON records, `value: 3 → 4`; every field of an
    /// insertion or a deletion.
    static func changes(before: String?, after: String?) -> [[String: String]] {
        func fields(_ json: String?) -> [String: String] {
            guard let data = json?.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return [:] }
            return object.compactMapValues { value in
                value is NSNull ? nil : (value as? String) ?? "\(value)"
            }
        }
        let old = fields(before)
        let new = fields(after)
        return Set(old.keys).union(new.keys).subtracting(bookkeeping).sorted().compactMap { key in
            guard old[key] != new[key] else { return nil }
            return ["field": key, "before": old[key] ?? "—", "after": new[key] ?? "—"]
        }
    }

    /// The same filters, older entries.
    static func nextPage(_ request: Request, before id: Int64) -> String {
        var components = URLComponents()
        components.path = "/history"
        components.queryItems =
            request.uri.queryParameters.filter { $0.key != "before" }.map {
                URLQueryItem(name: String($0.key), value: String($0.value))
            } + [URLQueryItem(name: "before", value: String(id))]
        return components.string ?? "/history"
    }
}
