import Foundation
import Hummingbird
import JournalDocuments
import JournalModel
import JournalService
import Localization

/// A closed survey's results: a bar chart per question, the free texts without names, the
/// breakdown by class where groups are large enough, what the script derived, the exports.
extension SurveyPages {
    @Sendable func resultsPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = SurveyID(try context.parameters.id("id"))
        var page = startPage(request, session, "survey.pages.results")
        let language = page.language
        let results: SurveyResults
        do {
            results = try await service.surveyResults(id, caller: session.caller)
        } catch let error as JournalError {
            // Before the close there is nothing to read yet.
            page.values = ["id": id.rawValue, "notYet": error.text(language)]
            return web.render("survey_results", page)
        }
        page.title = results.title
        page.values = [
            "id": id.rawValue, "title": results.title,
            "summary": Strings.text(
                "survey.pages.results_summary", language,
                [
                    "ballots": String(results.ballots), "audience": String(results.audience),
                    "paper": String(results.paperBallots),
                ]),
            "suppressed": results.suppressed
                ? Strings.text("survey.pages.suppressed_all", language, ["k": String(results.minimumGroup)]) : "",
            "questions": results.questions.map { Self.questionValues($0, language) },
            "derived": results.derived.map { ["title": $0.title, "value": $0.value] },
            "hasDerived": !results.derived.isEmpty,
            "classes": Self.groupValues(results.classes, k: results.minimumGroup, language),
            "hasClasses": !results.classes.isEmpty,
            "grades": Self.groupValues(results.grades, k: results.minimumGroup, language),
            "hasGrades": !results.grades.isEmpty,
            "named": results.named.map { named in
                [
                    "questions": results.questions.map { ["text": $0.text] },
                    "rows": named.map { ballot -> [String: Any] in
                        [
                            "label": ballot.label, "className": ballot.className ?? "", "paper": ballot.isPaper,
                            "answers": results.questions.map { ["text": ballot.answers[$0.id] ?? ""] },
                        ]
                    },
                ] as [String: Any]
            } as Any,
        ]
        return web.render("survey_results", page)
    }

    static func questionValues(_ question: SurveyResults.Question, _ language: Language) -> [String: Any] {
        let chart = BarChart(
            title: question.text, bars: question.rows.map { BarChart.Bar(label: $0.label, value: $0.count) },
            total: question.answered)
        return [
            "text": question.text, "answered": question.answered,
            "chart": (question.rows.isEmpty ? nil : chart.svg()) as Any,
            "rows": question.rows.map { row -> [String: Any] in
                [
                    "label": row.label, "count": row.count, "percent": row.percent,
                    "rowMean": row.mean.map { String(format: "%.2f", $0) } as Any,
                ]
            },
            "hasRows": !question.rows.isEmpty,
            "mean": question.mean.map {
                Strings.text("survey.pages.mean", language, ["mean": String(format: "%.2f", $0)])
            }
                as Any,
            "texts": question.texts, "hasTexts": !question.texts.isEmpty,
        ]
    }

    static func groupValues(_ groups: [SurveyResults.Group], k: Int, _ language: Language) -> [[String: Any]] {
        groups.map { group in
            [
                "title": group.title, "ballots": group.ballots, "suppressed": group.suppressed,
                "hidden": Strings.text("survey.pages.suppressed", language, ["k": String(k)]),
                "questions": group.questions.filter { !$0.rows.isEmpty || $0.mean != nil }.map { question in
                    [
                        "text": question.text,
                        "rows": question.rows.map { "\($0.label): \($0.count) (\($0.percent) %)" }.joined(
                            separator: "; "),
                        "mean": question.mean.map {
                            Strings.text("survey.pages.mean", language, ["mean": String(format: "%.2f", $0)])
                        } as Any,
                    ] as [String: Any]
                },
            ]
        }
    }
}
