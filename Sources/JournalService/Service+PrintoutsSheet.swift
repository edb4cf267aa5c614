import JournalDocuments
import JournalModel
import JournalRules
import Localization

/// One student's weekly sheet before it is laid out: the diary's week, the standings of the
/// period, and what the register and the school add (R19).
struct WeeklySheetView: Sendable {
    /// Small enough for a school week of six days and its standings to fit one A4 page.
    static let fontSize = 7.0
    /// The smallest type a full week is set in to keep it on one page (a heavy week of the
    /// senior grades); a longer one flows onto a second page.
    static let smallestFontSize = 6.0

    var week: DiaryWeek
    var schoolName = ""
    var number = ""
    /// When the data was read, by the school's clock.
    var dataAt = ""
    var periodTitle: String?
    var standings: [SubjectStanding] = []

    /// The sheet as a section of a document: it starts on a page of its own.
    func section(_ language: Language) -> DocumentSection {
        func text(_ key: String, _ values: [String: String] = [:]) -> String {
            Strings.text("printout.\(key)", language, values)
        }
        var blocks: [DocumentBlock] = [
            .heading(text("title")),
            .fields([
                DocumentField(text("school"), schoolName), DocumentField(text("class"), week.student.className),
            ]),
            .fields([
                DocumentField(text("student"), week.student.name),
                DocumentField(
                    text("week"),
                    Self.dateText(week.weekStart) + " – " + Self.dateText(week.weekStart.adding(days: 6))),
                DocumentField(text("number"), number),
            ]),
            .space(4),
            .table(lessonsTable(text, language)),
        ]
        let codes = Dictionary(
            week.days.flatMap(\.lessons).compactMap(\.attendance).map { ($0.code, $0.title) },
            uniquingKeysWith: { first, _ in first })
        if !codes.isEmpty {
            let legend = codes.sorted { $0.key < $1.key }.map { "\($0.key) — \($0.value)" }
            blocks.append(.field(label: text("codes"), value: legend.joined(separator: "; ")))
        }
        if let periodTitle {
            blocks.append(.subheading(text("standings", ["period": periodTitle])))
            blocks.append(.table(standingsTable(text)))
        }
        blocks += [
            .field(label: text("data_at"), value: dataAt),
            .space(14),
            .paragraph(text("signature"), bold: false),
        ]
        return DocumentSection(
            blocks: blocks,
            footer: text("footer", ["number": number, "class": week.student.className, "student": week.student.name]),
            shrinkToOnePage: Self.smallestFontSize)
    }

    private func lessonsTable(_ text: (String, [String: String]) -> String, _ language: Language) -> DocumentTable {
        let columns = [
            DocumentColumn(text("column.day", [:]), width: 0.75),
            DocumentColumn(text("column.subject", [:]), width: 1.7),
            DocumentColumn(text("column.topic", [:]), width: 3),
            DocumentColumn(text("column.marks", [:]), width: 1.6),
            DocumentColumn(text("column.attendance", [:]), width: 0.5),
            DocumentColumn(text("column.homework", [:]), width: 2.6),
        ]
        var rows: [[String]] = []
        for day in week.days {
            // The day once, on its first lesson: «пн 16.11».
            let dayText = text("weekday.\(day.weekday)", [:]) + " " + Self.shortDateText(day.date)
            if let holiday = day.holiday, day.lessons.isEmpty {
                if day.weekday <= 6 { rows.append([dayText, holiday, "", "", "", ""]) }
                continue
            }
            for (index, lesson) in day.lessons.enumerated() {
                let marks = lesson.marks.map { mark in
                    text(
                        "mark",
                        [
                            "value": mark.value ?? "—", "type": mark.workTypeTitle,
                            "weight": Self.numberText(mark.weight),
                        ])
                }
                let homework = ([lesson.homework].compactMap { $0 } + lesson.individualHomework)
                    .filter { !$0.isEmpty }
                rows.append([
                    index == 0 ? dayText : "", "\(lesson.number). \(lesson.subject)", lesson.topic ?? "",
                    marks.joined(separator: "\n"), lesson.attendance?.code ?? "",
                    homework.joined(separator: "\n"),
                ])
            }
        }
        if rows.isEmpty { rows.append([text("no_lessons", [:]), "", "", "", "", ""]) }
        return DocumentTable(columns: columns, rows: rows)
    }

    /// Two subjects a row: the subject, its average of the period so far and the forecast.
    private func standingsTable(_ text: (String, [String: String]) -> String) -> DocumentTable {
        let half = [
            DocumentColumn(text("column.subject", [:]), width: 2.2),
            DocumentColumn(text("column.average", [:]), width: 0.9),
            DocumentColumn(text("column.forecast", [:]), width: 0.8),
        ]
        let cells = standings.map { row -> [String] in
            guard let standing = row.standing else { return [row.subjectName, "—", "—"] }
            return [
                row.subjectName, standing.weighted.roundedAverage.map(Self.numberText) ?? "—", standing.forecast ?? "—",
            ]
        }
        let rows = stride(from: 0, to: cells.count, by: 2).map { index in
            cells[index] + (index + 1 < cells.count ? cells[index + 1] : ["", "", ""])
        }
        return DocumentTable(columns: half + half, rows: rows)
    }

    /// `16.11.2026`.
    static func dateText(_ date: LocalDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(two(date.day)).\(two(date.month)).\(date.year)"
    }

    /// `16.11`.
    static func shortDateText(_ date: LocalDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(two(date.day)).\(two(date.month))"
    }

    /// `3`, `4.5`, `4.67`: a weight or an average as people write it.
    static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String((value * 100).rounded() / 100)
    }
}
