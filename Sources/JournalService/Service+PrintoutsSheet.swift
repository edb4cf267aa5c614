import JournalDocuments
import JournalModel
import JournalRules
import Localization

/// One student's weekly sheet before it is laid out: the diary's week, the standings of the
/// period, and what the register and the school add (R19).
struct WeeklySheetView: Sendable {
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
            .field(label: text("school"), value: schoolName),
            .field(label: text("class"), value: week.student.className),
            .field(label: text("student"), value: week.student.name),
            .field(
                label: text("week"),
                value: Self.dateText(week.weekStart) + " – " + Self.dateText(week.weekStart.adding(days: 6))),
            .field(label: text("number"), value: number),
            .space(6),
            .table(lessonsTable(text, language)),
        ]
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
            footer: text("footer", ["number": number, "class": week.student.className, "student": week.student.name]))
    }

    private func lessonsTable(_ text: (String, [String: String]) -> String, _ language: Language) -> DocumentTable {
        let columns = [
            DocumentColumn(text("column.day", [:]), width: 1.3), DocumentColumn("№", width: 0.4),
            DocumentColumn(text("column.subject", [:]), width: 1.8), DocumentColumn(text("column.topic", [:]), width: 2.2),
            DocumentColumn(text("column.marks", [:]), width: 2), DocumentColumn(text("column.attendance", [:]), width: 1.2),
            DocumentColumn(text("column.homework", [:]), width: 2.6),
        ]
        var rows: [[String]] = []
        for day in week.days {
            let dayText = Strings.text("weekday.\(day.weekday)", language) + "\n" + Self.dateText(day.date)
            if let holiday = day.holiday, day.lessons.isEmpty {
                rows.append([dayText, "", holiday, "", "", "", ""])
                continue
            }
            for lesson in day.lessons {
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
                    dayText, String(lesson.number), lesson.subject, lesson.topic ?? "", marks.joined(separator: "\n"),
                    lesson.attendance.map { "\($0.code) (\($0.title))" } ?? "", homework.joined(separator: "\n"),
                ])
            }
        }
        if rows.isEmpty { rows.append([text("no_lessons", [:]), "", "", "", "", "", ""]) }
        return DocumentTable(columns: columns, rows: rows)
    }

    private func standingsTable(_ text: (String, [String: String]) -> String) -> DocumentTable {
        let columns = [
            DocumentColumn(text("column.subject", [:]), width: 2), DocumentColumn(text("column.period_marks", [:]), width: 3),
            DocumentColumn(text("column.average", [:]), width: 1), DocumentColumn(text("column.forecast", [:]), width: 1),
        ]
        let rows = standings.map { row -> [String] in
            guard let standing = row.standing else { return [row.subjectName, "", "—", "—"] }
            return [
                row.subjectName, standing.weighted.marks.compactMap(\.value).joined(separator: " "),
                standing.weighted.roundedAverage.map(Self.numberText) ?? "—", standing.forecast ?? "—",
            ]
        }
        return DocumentTable(columns: columns, rows: rows)
    }

    /// `16.11.2026`.
    static func dateText(_ date: LocalDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(two(date.day)).\(two(date.month)).\(date.year)"
    }

    /// `3`, `4.5`, `4.67`: a weight or an average as people write it.
    static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String((value * 100).rounded() / 100)
    }
}
