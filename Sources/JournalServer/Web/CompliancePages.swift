import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// The journal-keeping monitor in the browser (R14–R17), for holders of compliance.view: per
/// teacher how many items were entered on time, late, not at all or are still due; the items
/// behind any count, each with its rule and a link to the page that fixes it; the file.
struct CompliancePages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// How many items the page lists at once; the file has them all.
    static let listed = 300

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/compliance", use: compliancePage)
    }

    @Sendable func compliancePage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text("compliance.title", language), language: language, session: session)
        page.active = "/compliance"
        let query = try await ComplianceController.query(request, service: service, fromForm: true)
        let status = try QueryFilters(request, fromForm: true).text("status").map { text -> ComplianceItem.Status in
            guard let status = ComplianceItem.Status(rawValue: text) else {
                throw Problem.badRequest(
                    "problem.status_query",
                    ["accepted": ComplianceItem.Status.allCases.map(\.rawValue).joined(separator: ", ")],
                    field: "status")
            }
            return status
        }
        let report: ComplianceReport
        do {
            report = try await service.compliance(query, caller: session.caller)
        } catch let error as JournalError {
            page.error = error.text(language)
            page.values = filterValues(query, status: status, duties: [], language: language)
            return web.render("compliance", page, status: .unprocessableContent)
        }
        let time = TimeText(timeZone: try await service.school().timeZone)
        let duties = Dictionary(uniqueKeysWithValues: report.duties.map { ($0.id, $0) })
        var values = filterValues(query, status: status, duties: report.duties, language: language)
        let statuses = ComplianceItem.Status.allCases
        values["statuses"] = statuses.map { ["title": Strings.text("compliance.status.\($0.rawValue)", language)] }
        values["teachers"] = report.teachers.map { summary -> [String: Any] in
            [
                "name": summary.teacher,
                "counts": statuses.map { status -> [String: Any] in
                    let count = summary.counts[status.rawValue] ?? 0
                    var link = query
                    link.teacher = summary.teacherID
                    return [
                        "count": count, "none": count == 0, "status": status.rawValue,
                        "href": Self.href(link, status: status) + "#items",
                    ]
                },
            ]
        }
        values["calendar"] = Self.calendar(report, query: query, language: language)
        values["teacherChoices"] = report.teachers.compactMap { summary -> [String: Any]? in
            guard let id = summary.teacherID else { return nil }
            return ["id": id.rawValue, "name": summary.teacher, "selected": id == query.teacher]
        }
        let shown = report.items.filter { item in status.map { item.status == $0 } ?? (item.status != .onTime) }
        values["items"] = shown.prefix(Self.listed).map { item -> [String: Any] in
            let duty = duties[item.duty]
            return [
                "date": DateText.short(item.date), "teacher": item.teacher, "subject": item.subject,
                "group": item.group, "duty": duty?.title ?? item.duty, "clause": duty?.clause ?? "",
                "severity": duty.map { Strings.text("compliance.severity.\($0.severity.rawValue)", language) } ?? "",
                "severityKey": duty?.severity.rawValue ?? "normal",
                "due": item.due?.description ?? "—", "entered": item.enteredAt.map(time.callAsFunction) ?? "—",
                "status": Strings.text("compliance.status.\(item.status.rawValue)", language),
                "statusKey": item.status.rawValue, "failure": item.failure ?? "",
                "href": item.lessonID.map { "/journal/lessons/\($0.rawValue)" }
                    ?? (item.examResultID != nil ? "/exams" : ""),
            ]
        }
        values["none"] = shown.isEmpty
        values["more"] = shown.count > Self.listed
        values["shownCount"] = min(shown.count, Self.listed)
        values["totalCount"] = shown.count
        values["rulesVersion"] = report.rulesVersion.map(String.init) ?? "—"
        values["export"] = Self.exportQuery(query)
        page.values = values
        return web.render("compliance", page)
    }

    private func filterValues(
        _ query: ComplianceQuery, status: ComplianceItem.Status?, duties: [Deadlines.Duty], language: Language
    ) -> [String: Any] {
        [
            "from": query.from.description, "to": query.to.description, "className": query.className ?? "",
            "teacherID": query.teacher.map { String($0.rawValue) } ?? "",
            "duties": duties.map {
                ["id": $0.id, "title": "\($0.title) (\($0.clause))", "selected": $0.id == query.duty]
            },
            "statusChoices": ComplianceItem.Status.allCases.map {
                [
                    "key": $0.rawValue, "title": Strings.text("compliance.status.\($0.rawValue)", language),
                    "selected": $0 == status,
                ] as [String: Any]
            },
        ]
    }

    /// Teachers × days (weeks for a span over two weeks): in each cell how many items were on
    /// time, late, missing and still due, linking to those items.
    static func calendar(_ report: ComplianceReport, query: ComplianceQuery, language: Language) -> [String: Any] {
        let byWeek = query.to.dayNumber - query.from.dayNumber > 13
        func bucket(_ date: LocalDate) -> LocalDate { byWeek ? max(date.startOfWeek, query.from) : date }
        var columns: [LocalDate] = []
        var day = query.from
        while day <= query.to {
            if columns.last != bucket(day) { columns.append(bucket(day)) }
            day = day.adding(days: 1)
        }
        var cells: [String: [LocalDate: [ComplianceItem.Status: Int]]] = [:]
        for item in report.items {
            cells[item.teacherID.map { String($0.rawValue) } ?? "school", default: [:]][
                bucket(item.date), default: [:]][
                    item.status, default: 0] += 1
        }
        let marks: [(ComplianceItem.Status, String)] = [
            (.onTime, "✓"), (.late, "⏰"), (.missing, "✗"), (.due, "…"), (.ruleFailed, "⚠"),
        ]
        return [
            "byWeek": byWeek,
            "columns": columns.map {
                ["title": (byWeek ? Strings.text("compliance.week_of", language) + " " : "") + DateText.short($0)]
            },
            "rows": report.teachers.map { summary -> [String: Any] in
                let key = summary.teacherID.map { String($0.rawValue) } ?? "school"
                return [
                    "name": summary.teacher,
                    "cells": columns.enumerated().map { index, start -> [String: Any] in
                        let counts = cells[key]?[start] ?? [:]
                        var link = query
                        link.teacher = summary.teacherID
                        link.from = start
                        link.to = index + 1 < columns.count ? columns[index + 1].adding(days: -1) : query.to
                        return [
                            "parts": marks.compactMap { status, sign -> [String: Any]? in
                                guard let count = counts[status], count > 0 else { return nil }
                                return [
                                    "text": "\(sign)\(count)", "status": status.rawValue,
                                    "title": Strings.text("compliance.status.\(status.rawValue)", language),
                                ]
                            },
                            "href": "/compliance?\(exportQuery(link))#items", "empty": counts.isEmpty,
                        ]
                    },
                ]
            },
        ]
    }

    /// The page for the same filters, narrowed to one status.
    static func href(_ query: ComplianceQuery, status: ComplianceItem.Status) -> String {
        "/compliance?\(exportQuery(query))&status=\(status.rawValue)"
    }

    /// The filters as a query string (the file and the links keep them).
    static func exportQuery(_ query: ComplianceQuery) -> String {
        var parts = ["from=\(query.from)", "to=\(query.to)"]
        if let teacher = query.teacher { parts.append("teacherID=\(teacher.rawValue)") }
        if let className = query.className { parts.append("className=\(WebSupport.escapeQuery(className))") }
        if let duty = query.duty { parts.append("duty=\(WebSupport.escapeQuery(duty))") }
        return parts.joined(separator: "&")
    }
}
