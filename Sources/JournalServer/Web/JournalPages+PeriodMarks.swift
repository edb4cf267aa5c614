import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// The period marks of a group (R2, R13): per student the weighted average, the recommended
/// mark and the mark set, all set with one submit. A mark other than the recommendation needs
/// a reason.
extension JournalPages {
    /// A student's row as typed: the mark, the reason, and what was wrong with them.
    struct PeriodMarkRow {
        var mark: String
        var reason: String
        var markError: String?
        var reasonError: String?
    }

    func periodMarksPage(
        _ session: AuthenticatedSession, _ page: WebPage, id: AssignmentID, period: String, fill: Bool = false,
        rows: [StudentID: PeriodMarkRow] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var page = page
        let language = page.language
        let grid = try await grid(id, period: period, session, language)
        let standings = Dictionary(grid.standings.map { ($0.studentID, $0) }, uniquingKeysWith: { first, _ in first })
        page.title = "\(Strings.text("period.title", language)): \(grid.assignment.subject), \(grid.assignment.group)"
        page.values["marks"] = [
            "id": id.rawValue, "subject": grid.assignment.subject, "group": grid.assignment.group,
            "period": grid.period.title, "periodKey": grid.period.key, "noStudents": grid.students.isEmpty,
            "students": grid.students.map { student -> [String: Any] in
                let standing = standings[student.id]
                let set = standing?.periodMark ?? ""
                let row =
                    rows[student.id]
                    ?? PeriodMarkRow(
                        mark: set.isEmpty && fill ? standing?.recommended ?? "" : set,
                        reason: standing?.overrideReason ?? "")
                let differs = !row.mark.isEmpty && row.mark != standing?.recommended
                return [
                    "id": student.id.rawValue, "name": student.name,
                    "average": standing?.average?.formattedNumber ?? "—",
                    "recommended": standing?.failure != nil
                        ? Strings.text("marks.not_computed", language) : standing?.recommended ?? "—",
                    "forecast": standing?.failure != nil
                        ? Strings.text("marks.not_computed", language) : standing?.forecast ?? "—",
                    "failure": standing?.failure ?? "", "set": set.nonEmpty as Any,
                    "ruleFailed": standing?.failure != nil,
                    "version": standing?.periodMarkVersion.map(String.init) ?? "", "reason": row.reason,
                    "differs": differs, "markError": row.markError as Any, "reasonError": row.reasonError as Any,
                    "failed": row.markError != nil || row.reasonError != nil, "none": row.mark.isEmpty,
                    "options": grid.scaleValues.map { ["value": $0, "selected": $0 == row.mark] as [String: Any] },
                ]
            },
        ]
        page.values["periods"] = try await periodChoices(grid)
        return web.render("journal_period_marks", page, status: status)
    }

    /// What the period marks form posts: the period, and each student's mark, reason and
    /// version as `mark-<student>`, `reason-<student>` and `version-<student>`.
    struct PeriodMarksForm: Decodable {
        var period: String?
        var rows: RowFields

        init(from decoder: any Decoder) throws {
            period = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .period)
            rows = try RowFields(from: decoder)
        }

        enum CodingKeys: String, CodingKey {
            case period
        }
    }

    /// Sets every mark that changed. The rows refused keep what was typed, with the reason
    /// next to the field; the others are saved.
    @Sendable func savePeriodMarks(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        let id = try assignmentID(context)
        let form = try await request.decodeForm(PeriodMarksForm.self)
        let language = page.language
        let grid = try await grid(id, period: form.period ?? "current", session, language)
        let subject = try await service.subject(ofAssignment: id, caller: session.caller)
        var rows: [StudentID: PeriodMarkRow] = [:]
        var saved = 0
        for standing in grid.standings {
            let student = standing.studentID
            var row = PeriodMarkRow(
                mark: (form.rows["mark", student] ?? standing.periodMark ?? "").trimmingCharacters(in: .whitespaces),
                reason: (form.rows["reason", student] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            defer { rows[student] = row }
            let current = standing.periodMark ?? ""
            let unchanged =
                row.mark == current
                && (row.mark.isEmpty || row.mark == standing.recommended
                    || row.reason == (standing.overrideReason ?? ""))
            if unchanged { continue }
            do {
                _ = try await service.setPeriodMark(
                    student: student, subject: subject, period: grid.period.key, value: row.mark.nonEmpty,
                    reason: row.reason.nonEmpty, version: Int(form.rows["version", student] ?? ""),
                    caller: session.caller)
                saved += 1
            } catch let error as JournalError {
                switch error {
                case .invalid(field: "reason", _):
                    row.reasonError = Strings.text(
                        "period.reason_required", language, ["recommended": standing.recommended ?? "—"])
                case .invalid(field: "value", _):
                    row.markError = Strings.text(
                        "period.value_invalid", language, ["values": grid.scaleValues.joined(separator: ", ")])
                case .conflict:
                    row.markError = Strings.text("period.changed_meanwhile", language)
                default:
                    row.markError = error.text(language)
                }
            } catch let denied as AccessDenied {
                row.markError = ErrorPage.denied(denied.decision, language)
            } catch let error as ServiceError {
                row.markError = error.message.text(language)
            }
        }
        guard rows.values.contains(where: { $0.markError != nil || $0.reasonError != nil }) else {
            return WebResponse.redirect(
                "/journal/assignments/\(id)/period-marks?period=\(WebSupport.escapeQuery(grid.period.key))&saved=\(saved)"
            )
        }
        page.error = Strings.text("journal.fix_fields", language)
        if saved > 0 { page.flash = Strings.text("period.saved", language, ["count": String(saved)]) }
        return try await periodMarksPage(
            session, page, id: id, period: grid.period.key, rows: rows, status: .unprocessableContent)
    }
}
