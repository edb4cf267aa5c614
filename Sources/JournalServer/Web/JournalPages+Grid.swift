import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// The journal grid: students × lessons, one column per work of a lesson (or one for a lesson
/// without a work), each cell an input that `static/journal.js` saves through the JSON API.
extension JournalPages {
    /// One column of the grid: a lesson's work, a lesson without a work, or a work outside
    /// any lesson of the period.
    struct GridColumn {
        var lesson: GridLesson?
        var work: GridWork?
        var date: LocalDate
        /// The first column of its lesson, which a thicker line separates from the previous.
        var startsLesson: Bool
    }

    func gridPage(_ request: Request, _ session: AuthenticatedSession, _ page: WebPage, id: AssignmentID)
        async throws -> Response
    {
        var page = page
        let language = page.language
        let grid = try await grid(id, period: request.query("period") ?? "current", session, language)
        let subject = try await service.subject(ofAssignment: id, caller: session.caller)
        let columns = Self.columns(grid)
        let today = try await service.today()
        let defaultType = grid.workTypes.first { $0.code == "answer" } ?? grid.workTypes.first
        let absent = Set(grid.attendanceCodes.filter(\.absent).map(\.code))
        let rows = JournalGridRows(
            grid: grid, columns: columns, today: today, language: language,
            showsHistory: session.capabilities.contains(.auditView),
            flags: try await PluginFlagBadge.badges(
                service, students: grid.students.map(\.id), subject: subject, language))

        page.title = "\(grid.assignment.subject), \(grid.assignment.group)"
        page.values["grid"] = [
            "id": id.rawValue, "subject": grid.assignment.subject, "subjectID": subject.rawValue,
            "group": grid.assignment.group, "period": grid.period.title, "periodKey": grid.period.key,
            "codes": grid.attendanceCodes.map(\.code).joined(separator: " "),
            "absentCodes": absent.sorted().joined(separator: " "),
            "scale": grid.scaleValues.joined(separator: " "),
            "defaultType": defaultType?.code ?? "", "defaultAbbreviation": defaultType.map(Self.abbreviation) ?? "",
            "defaultWeight": defaultType?.weight.formattedNumber ?? "",
            "headerCells": rows.headerCells(), "rows": rows.bodyRows(),
            "noStudents": grid.students.isEmpty, "showsHistory": rows.showsHistory,
            "workTypes": grid.workTypes.map {
                ["abbreviation": Self.abbreviation($0), "title": $0.title, "weight": $0.weight.formattedNumber]
            },
            "attendanceCodes": grid.attendanceCodes.map { ["code": $0.code, "title": $0.title] },
        ]
        page.values["periods"] = try await periodChoices(grid)
        return web.render("journal_grid", page)
    }

    struct MarkKey: Hashable {
        var work: WorkID
        var student: StudentID
    }

    struct AbsenceKey: Hashable {
        var lesson: LessonID
        var student: StudentID
    }

    /// How a debt (a work owed, without a value yet) shows in a cell.
    static let debtSign = "•"

    /// Lessons by date and number, each with its works (or one empty column), and works
    /// outside the period's lessons on their dates.
    static func columns(_ grid: JournalGrid) -> [GridColumn] {
        let lessonIDs = Set(grid.lessons.map(\.id))
        let worksByLesson = Dictionary(grouping: grid.works.filter { $0.lessonID.map(lessonIDs.contains) ?? false }) {
            $0.lessonID!
        }
        var entries: [(key: (LocalDate, Int, Int64), column: GridColumn)] = []
        for lesson in grid.lessons {
            let works = (worksByLesson[lesson.id] ?? []).sorted { $0.id < $1.id }
            if works.isEmpty {
                entries.append(
                    ((lesson.date, lesson.number, 0), GridColumn(lesson: lesson, date: lesson.date, startsLesson: true))
                )
            }
            for (index, work) in works.enumerated() {
                entries.append(
                    (
                        (lesson.date, lesson.number, work.id.rawValue),
                        GridColumn(lesson: lesson, work: work, date: lesson.date, startsLesson: index == 0)
                    ))
            }
        }
        for work in grid.works where !(work.lessonID.map(lessonIDs.contains) ?? false) {
            entries.append(
                ((work.date, Int.max, work.id.rawValue), GridColumn(work: work, date: work.date, startsLesson: true)))
        }
        return entries.sorted { $0.key < $1.key }.map(\.column)
    }

    /// A work type's short form for a column header: the initials of its significant words,
    /// `Контрольная работа` → `КР`, `Ответ на уроке` → `ОУ`; the legend gives the full title.
    static func abbreviation(_ type: WorkTypes.WorkType) -> String {
        var depth = 0
        let outside = String(
            type.title.filter { character in
                if character == "(" { depth += 1 }
                defer { if character == ")" { depth = max(0, depth - 1) } }
                return depth == 0 && character != ")"
            })
        let words = outside.split { !$0.isLetter }
        let significant = words.filter { $0.count > 2 }
        let initials = (significant.isEmpty ? words : significant).prefix(3).compactMap(\.first)
        return initials.isEmpty ? type.code : String(initials).uppercased()
    }
}
