import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization

/// The weekly timetable as staff keep it (R5): a class's lines by weekday, each changed or
/// ended from a day on, a new line for one of the class's assignments, and the bells. Anyone
/// with timetable.view reads it; holders of timetable.edit get the forms.
struct TimetablePages {
    let web: WebSupport
    var service: JournalService { web.service }

    struct AddForm: Decodable {
        var className: String
        var assignment: Int64
        var weekday: Int
        var lessonNumber: Int
        var room: String?
        var from: String
    }

    struct ChangeForm: Decodable {
        var className: String
        var weekday: Int?
        var lessonNumber: Int?
        var room: String?
        var from: String
    }

    struct EndForm: Decodable {
        var className: String
        var from: String
    }

    /// The bell rows of the form, in order; a row left blank is dropped.
    struct BellsForm: Decodable {
        var className: String?
        var number: [String]
        var startsAt: [String]
        var endsAt: [String]
    }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/timetable", use: timetablePage)
            .post("/timetable/lines", use: addLine)
            .post("/timetable/lines/:id", use: changeLine)
            .post("/timetable/lines/:id/end", use: endLine)
            .post("/timetable/bells", use: setBells)
    }

    @Sendable func timetablePage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        if request.query("saved") != nil { page.flash = Strings.text("weekly.saved", page.language) }
        let from = try QueryFilters(request, fromForm: true).text("from").map { try Self.day($0) }
        return try await render(page, className: request.query("className") ?? "", from: from, status: .ok)
    }

    @Sendable func addLine(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context)
        let form = try await request.decodeForm(AddForm.self)
        return try await perform(page, className: form.className) {
            _ = try await service.addTimetableLine(
                assignment: AssignmentID(form.assignment), weekday: form.weekday, lessonNumber: form.lessonNumber,
                room: form.room, from: try Self.day(form.from), caller: page.session!.caller)
        }
    }

    @Sendable func changeLine(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context)
        let id = try context.parameters.id("id")
        let form = try await request.decodeForm(ChangeForm.self)
        return try await perform(page, className: form.className) {
            _ = try await service.changeTimetableLine(
                TimetableEntryID(id),
                TimetableLineChange(
                    weekday: form.weekday, lessonNumber: form.lessonNumber, room: form.room ?? "",
                    from: try Self.day(form.from)),
                caller: page.session!.caller)
        }
    }

    @Sendable func endLine(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context)
        let id = try context.parameters.id("id")
        let form = try await request.decodeForm(EndForm.self)
        return try await perform(page, className: form.className) {
            try await service.endTimetableLine(
                TimetableEntryID(id), from: try Self.day(form.from), caller: page.session!.caller)
        }
    }

    @Sendable func setBells(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context)
        let form = try await request.decodeForm(BellsForm.self)
        return try await perform(page, className: form.className ?? "") {
            _ = try await service.setBells(try Self.bells(form), caller: page.session!.caller)
        }
    }

    /// Runs a change and goes back to the class's timetable, or shows the page again with
    /// what was refused.
    private func perform(
        _ page: WebPage, className: String, _ change: () async throws -> Void
    ) async throws -> Response {
        do {
            try await change()
        } catch let error as JournalError {
            var page = page
            page.error = error.text(page.language)
            return try await render(page, className: className, from: nil, status: .unprocessableContent)
        } catch let clash as TimetableClash {
            var page = page
            page.error = clash.message.text(page.language)
            return try await render(page, className: className, from: nil, status: .conflict)
        } catch let closed as PeriodClosed {
            var page = page
            page.error = closed.message.text(page.language)
            return try await render(page, className: className, from: nil, status: .forbidden)
        }
        return WebResponse.redirect("/timetable?className=\(WebSupport.escapeQuery(className))&saved=1")
    }

    /// The bells typed into the form's rows; blank rows are dropped.
    static func bells(_ form: BellsForm) throws -> [Bell] {
        guard form.number.count == form.startsAt.count, form.number.count == form.endsAt.count else {
            throw JournalError.invalid(field: "bells", message: .init("error.bells_rows"))
        }
        return try zip(form.number, zip(form.startsAt, form.endsAt)).compactMap { number, times in
            let (number, start, end) = (
                number.trimmingWhitespace(), times.0.trimmingWhitespace(), times.1.trimmingWhitespace()
            )
            if number.isEmpty && start.isEmpty && end.isEmpty { return nil }
            guard let lesson = Int(number) else {
                throw JournalError.invalid(
                    field: "number",
                    message: .init(
                        "error.lesson_number",
                        [
                            "min": String(Limits.lessonNumbers.lowerBound),
                            "max": String(Limits.lessonNumbers.upperBound),
                        ]
                    ))
            }
            guard let startsAt = LocalTime(start), let endsAt = LocalTime(end) else {
                throw JournalError.invalid(
                    field: "startsAt",
                    message: .init("error.bell_time", ["number": number, "start": start, "end": end]))
            }
            return Bell(number: lesson, startsAt: startsAt, endsAt: endsAt)
        }
    }

    static func day(_ text: String) throws -> LocalDate {
        guard let day = LocalDate(text.trimmingWhitespace()) else {
            throw JournalError.invalid(field: "from", message: .init("error.move_date"))
        }
        return day
    }

    private func startPage(_ request: Request, _ context: JournalRequestContext) throws -> WebPage {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text("weekly.title", language), language: language, session: session)
        page.active = "/timetable"
        return page
    }

    private func render(
        _ page: WebPage, className: String, from: LocalDate?, status: HTTPResponse.Status
    ) async throws -> Response {
        var page = page
        let language = page.language
        let caller = page.session!.caller
        let editable = page.session!.capabilities.contains(.timetableEdit)
        page.values["className"] = className
        page.values["editable"] = editable
        guard !className.isEmpty else {
            page.values["noClass"] = true
            return web.render("timetable", page, status: status)
        }
        let timetable = try await service.weeklyTimetable(className: className, from: from, caller: caller)
        let bells = Dictionary(uniqueKeysWithValues: timetable.bells.map { ($0.number, $0) })
        let yearEnd = timetable.lines.map(\.entry.validTo).max()
        let weekdays = JournalService.weekdays.map { ["value": $0, "name": Strings.text("weekday.\($0)", language)] }
        page.values["from"] = timetable.from.description
        page.values["days"] = JournalService.weekdays.map { weekday -> [String: Any] in
            [
                "name": Strings.text("weekday.\(weekday)", language),
                "lines": timetable.lines.filter { $0.entry.weekday == weekday }.map { line -> [String: Any] in
                    let entry = line.entry
                    var validity: [String] = []
                    if entry.validFrom > timetable.from {
                        validity.append(
                            Strings.text("weekly.from_day", language, ["date": entry.validFrom.description]))
                    }
                    if entry.validTo < yearEnd ?? entry.validTo {
                        validity.append(Strings.text("weekly.until_day", language, ["date": entry.validTo.description]))
                    }
                    return [
                        "id": entry.id!.rawValue, "number": entry.lessonNumber,
                        "time": bells[entry.lessonNumber].map { "\($0.startsAt)–\($0.endsAt)" } ?? "",
                        "subject": line.subject,
                        "group": (line.group == timetable.className ? nil : line.group) as Any,
                        "teacher": line.teacher, "room": entry.room.nonEmpty as Any,
                        "validity": validity.joined(separator: ", ").nonEmpty as Any,
                        "weekdays": weekdays.map { option in
                            option.merging(["selected": option["value"] as? Int == weekday]) { $1 }
                        },
                        "changeFrom": max(timetable.from, entry.validFrom).description,
                    ]
                },
            ]
        }
        page.values["weekdays"] = weekdays
        page.values["assignments"] = timetable.assignments.map {
            [
                "id": $0.id.rawValue,
                "label": "\($0.subject), \($0.group == timetable.className ? "" : "\($0.group), ")\($0.teacher)",
            ]
        }
        let rows = timetable.bells.map {
            ["number": String($0.number), "startsAt": $0.startsAt.description, "endsAt": $0.endsAt.description]
        }
        page.values["bells"] = rows + Array(repeating: ["number": "", "startsAt": "", "endsAt": ""], count: 2)
        return web.render("timetable", page, status: status)
    }
}
