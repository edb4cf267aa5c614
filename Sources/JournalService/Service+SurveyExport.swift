public import Foundation
public import JournalModel
public import Localization
import Spreadsheet

extension JournalService {
    /// A closed survey's results as a table (R8): the answers per question, a sheet per
    /// breakdown (class, grade) where suppressed groups are marked and show no numbers, the
    /// free texts without names, what the script derived and, for those who launch a named
    /// survey, its named ballots. The same rules as ``surveyResults(_:caller:)``: after the
    /// close only, to those who may read the results.
    public func surveyResultsExport(_ id: SurveyID, language: Language = .ru, caller: Caller) async throws -> Export {
        let results = try await surveyResults(id, caller: caller)
        return Export(
            fileName: Strings.text("survey.export.file", language, ["title": results.title]),
            workbook: Self.surveyWorkbook(results, language: language))
    }

    /// The results as one CSV file, a section per sheet; texts that a spreadsheet would run
    /// as formulas are neutralised.
    public func surveyResultsCSV(_ id: SurveyID, language: Language = .ru, caller: Caller) async throws -> String {
        CSVWriter.write(try await surveyResultsExport(id, language: language, caller: caller).workbook)
    }

    /// The results as an XLSX workbook.
    public func surveyResultsXLSX(_ id: SurveyID, language: Language = .ru, caller: Caller) async throws -> Data {
        Data(try XLSXWriter.write(try await surveyResultsExport(id, language: language, caller: caller).workbook))
    }

    /// The sheets of a survey's results.
    static func surveyWorkbook(_ results: SurveyResults, language: Language) -> Workbook {
        func text(_ key: String, _ values: [String: String] = [:]) -> Cell {
            .text(Strings.text("survey.export.\(key)", language, values))
        }
        let columns = [text("question"), text("answer"), text("count"), text("percent"), text("mean")]
        let summary: [[Cell]] = [
            [.text(results.title)],
            [
                text(
                    "summary",
                    [
                        "ballots": String(results.ballots), "audience": String(results.audience),
                        "paper": String(results.paperBallots), "k": String(results.minimumGroup),
                    ])
            ],
        ]
        var overall = results.questions.flatMap(Self.rows)
        if results.suppressed { overall = [[text("suppressed_all", ["k": String(results.minimumGroup)])]] }
        var sheets = [
            Sheet(
                title: Strings.text("survey.export.sheet_results", language), headerRows: summary + [columns],
                rows: overall, columnWidths: [48, 32, 8, 8, 8])
        ]
        for (key, groups) in [("sheet_classes", results.classes), ("sheet_grades", results.grades)]
        where !groups.isEmpty {
            var rows: [[Cell]] = []
            for group in groups {
                if group.suppressed {
                    rows.append([.text(group.title), text("suppressed_group", ["k": String(results.minimumGroup)])])
                    continue
                }
                guard !results.suppressed else { continue }
                let lead: [Cell] = [.text(group.title), .number(Double(group.ballots))]
                for row in group.questions.flatMap(Self.rows) { rows.append(lead + row) }
            }
            sheets.append(
                Sheet(
                    title: Strings.text("survey.export.\(key)", language),
                    headerRows: [[text("group"), text("ballots")] + columns], rows: rows,
                    columnWidths: [12, 8, 48, 32, 8, 8, 8]))
        }
        let texts: [[Cell]] = results.questions.flatMap { question in
            question.texts.map { [Cell.text(question.text), Cell.text($0)] }
        }
        if !texts.isEmpty {
            sheets.append(
                Sheet(
                    title: Strings.text("survey.export.sheet_texts", language),
                    headerRows: [[text("question"), text("text")]], rows: texts, columnWidths: [48, 80]))
        }
        if !results.derived.isEmpty {
            sheets.append(
                Sheet(
                    title: Strings.text("survey.export.sheet_derived", language),
                    headerRows: [[text("title"), text("value")]],
                    rows: results.derived.map { [.text($0.title), .mark($0.value)] }, columnWidths: [48, 16]))
        }
        if let named = results.named {
            var ids = results.questions.map(\.id)
            for id in Set(named.flatMap(\.answers.keys)).sorted() where !ids.contains(id) { ids.append(id) }
            let titles = Dictionary(results.questions.map { ($0.id, $0.text) }) { first, _ in first }
            let yes = Strings.text("survey.export.yes", language)
            sheets.append(
                Sheet(
                    title: Strings.text("survey.export.sheet_named", language),
                    headerRows: [
                        [text("respondent"), text("class"), text("paper")] + ids.map { Cell.text(titles[$0] ?? $0) }
                    ],
                    rows: named.map { ballot in
                        [.text(ballot.label), .text(ballot.className ?? ""), .text(ballot.isPaper ? yes : "")]
                            + ids.map { Cell.text(ballot.answers[$0] ?? "") }
                    }, columnWidths: [32, 8, 8]))
        }
        return Workbook(sheets: sheets)
    }

    /// A question's rows: its answer count and mean, then each option, point or statement.
    /// Free texts are listed on their own sheet.
    static func rows(_ question: SurveyResults.Question) -> [[Cell]] {
        let head: [Cell] = [.text(question.text), .empty, .number(question.answered), .empty, .number(question.mean)]
        return [head]
            + question.rows.map { row in
                [.text(question.text), .text(row.label), .number(row.count), .number(row.percent), .number(row.mean)]
            }
    }
}
