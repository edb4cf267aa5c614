import Foundation
import JournalModel
import JournalRules
import JournalService
import Localization

/// The journal grid's header cells and rows, written in Swift: a quarter's grid has a thousand
/// cells, each an input with its marks; filling them through Mustache cost most of the page's
/// time (a dynamic lookup per variable per cell). The page's template places the result as is.
struct JournalGridRows {
    let grid: JournalGrid
    let columns: [JournalPages.GridColumn]
    let today: LocalDate
    let language: Language
    /// Whether each row links to its history: the reader holds audit.view in some scope.
    var showsHistory = false
    /// The flags plugins raised on each student in the grid's subject or in none (issue 15).
    var flags: [StudentID: [PluginFlagBadge]] = [:]

    /// The `<th>` cells of the lessons and works, in order.
    func headerCells() -> String {
        let types = Dictionary(grid.workTypes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let latest = columns.lastIndex { $0.date <= today }
        var html = ""
        html.reserveCapacity(columns.count * 260)
        for (index, column) in columns.enumerated() {
            let type = column.work.flatMap { types[$0.workType] }
            let date = DateText.short(column.date)
            html += "<th scope=\"col\" class=\"col"
            if column.startsLesson { html += " starts" }
            if column.lesson?.status == .cancelled { html += " cancelled" }
            if column.date == today { html += " today" }
            html += "\""
            if index == latest { html += " data-latest=\"true\"" }
            html += " data-lesson=\"\(column.lesson.map { String($0.id.rawValue) } ?? "")\""
            html += " data-work=\"\(column.work.map { String($0.id.rawValue) } ?? "")\" data-date=\"\(date)\""
            if let topic = column.lesson?.topic, !topic.isEmpty { html += " title=\"\(topic.htmlEscaped)\"" }
            html += ">"
            if let lesson = column.lesson {
                html += "<a href=\"/journal/lessons/\(lesson.id.rawValue)\">\(date)</a>"
                html += "<span class=\"num\">\(lesson.number)</span>"
            } else {
                html += date
            }
            let abbreviation = type.map(JournalPages.abbreviation) ?? column.work?.workType ?? ""
            var title = type?.title ?? column.work?.workType ?? ""
            if let workTitle = column.work?.title, !workTitle.isEmpty { title += ": " + workTitle }
            html += "<br><abbr class=\"type\" title=\"\(title.htmlEscaped)\">\(abbreviation.htmlEscaped)</abbr>"
            if let weight = column.work?.weight { html += "<span class=\"weight\">×\(weight.formattedNumber)</span>" }
            html += "</th>"
        }
        return html
    }

    /// One `<tr>` per student: the inputs of every column, then the standing.
    func bodyRows() -> String {
        let marks = Dictionary(grouping: grid.marks) { JournalPages.MarkKey(work: $0.workID, student: $0.studentID) }
        let absences = Dictionary(
            grid.attendance.map { (JournalPages.AbsenceKey(lesson: $0.lessonID, student: $0.studentID), $0) },
            uniquingKeysWith: { first, _ in first })
        let absent = Set(grid.attendanceCodes.filter(\.absent).map(\.code))
        let standings = Dictionary(grid.standings.map { ($0.studentID, $0) }, uniquingKeysWith: { first, _ in first })
        let notComputed = Strings.text("marks.not_computed", language).htmlEscaped
        let explain = Strings.text("journal.explain", language).htmlEscaped
        let history = Strings.text("changes.link", language).htmlEscaped
        let canReadHistory = showsHistory
        let closed = columns.map { $0.lesson?.status == .cancelled || $0.date > today }
        var html = ""
        html.reserveCapacity(grid.students.count * columns.count * 60)
        for (index, student) in grid.students.enumerated() {
            let name = student.name.htmlEscaped
            let id = student.id.rawValue
            html += "<tr data-student=\"\(id)\" data-name=\"\(name)\">\n"
            html += "    <th scope=\"row\" class=\"name\"><span class=\"muted\">\(index + 1).</span> \(name)"
            for flag in flags[student.id] ?? [] { html += " " + flag.html }
            html += "</th>\n    "
            for (column, isClosed) in zip(columns, closed) {
                let cellMarks =
                    column.work.map { marks[JournalPages.MarkKey(work: $0.id, student: student.id)] ?? [] } ?? []
                let absence = column.lesson.flatMap {
                    absences[JournalPages.AbsenceKey(lesson: $0.id, student: student.id)]
                }
                let code = absence?.code
                html += "<td class=\"\(column.startsLesson ? "starts" : "")"
                if let code, absent.contains(code) { html += " absent" }
                var value = code ?? ""
                for mark in cellMarks {
                    if !value.isEmpty { value += " " }
                    value += mark.value ?? JournalPages.debtSign
                }
                html += "\"><input value=\"\(value.htmlEscaped)\""
                if !cellMarks.isEmpty { html += " data-marks=\"\(Self.marksJSON(cellMarks).htmlEscaped)\"" }
                if let absence {
                    // The version a change of the absence sends (see static/journal.js).
                    html += " data-absence=\"\(absence.code.htmlEscaped)\" data-absence-version=\"\(absence.version)\""
                }
                let comments = cellMarks.compactMap { $0.comment?.isEmpty == false ? $0.comment : nil }
                if !comments.isEmpty { html += " title=\"\(comments.joined(separator: "; ").htmlEscaped)\"" }
                html += " autocomplete=\"off\""
                if isClosed { html += " disabled" }
                html += "></td>"
            }
            let standing = standings[student.id]
            let failed = standing?.failure != nil
            let failure = failed ? " title=\"\(standing!.failure!.htmlEscaped)\"" : ""
            html += "\n    <td class=\"standing average\">\(standing?.average?.formattedNumber ?? "—")</td>\n"
            html += "    <td class=\"standing recommended\"\(failure)><strong>"
            html += failed ? notComputed : (standing?.recommended ?? "—").htmlEscaped
            html += "</strong></td>\n    <td class=\"standing forecast\"\(failure)>"
            html += failed ? notComputed : (standing?.forecast ?? "—").htmlEscaped
            html += "</td>\n    <td class=\"standing period-mark\">\((standing?.periodMark ?? "").htmlEscaped)</td>\n"
            html += "    <td class=\"standing\"><button type=\"button\" class=\"secondary explain-button\" "
            html +=
                "data-student=\"\(id)\" data-name=\"\(name)\" aria-controls=\"explanation\">\(explain)</button>"
            if canReadHistory {
                html +=
                    " <a class=\"history-link\" href=\"/history?assignmentID=\(grid.assignment.id.rawValue)&amp;studentID=\(id)\">"
                    + "\(history)</a>"
            }
            html += "</td>\n"
            html += "  </tr>\n"
        }
        return html
    }

    /// The marks of a cell for the script: id, version, value and comment, which a change keeps.
    static func marksJSON(_ marks: [GridMark]) -> String {
        var json = "["
        for (index, mark) in marks.enumerated() {
            if index > 0 { json += "," }
            if let comment = mark.comment { json += "{\"comment\":\(jsonString(comment))," } else { json += "{" }
            if mark.isDebt { json += "\"debt\":true," }
            json += "\"id\":\(mark.id.rawValue)"
            if let value = mark.value { json += ",\"value\":\(jsonString(value))" }
            json += ",\"version\":\(mark.version)}"
        }
        return json + "]"
    }

    /// A JSON string literal of `text`.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20: out += String(format: "\\u%04x", control.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    /// Text safe in HTML content and in quoted attribute values.
    var htmlEscaped: String {
        guard contains(where: { "&<>\"'".contains($0) }) else { return self }
        var escaped = ""
        escaped.reserveCapacity(count + 16)
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
