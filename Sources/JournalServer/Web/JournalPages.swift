import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// The teacher's journal in the browser (R1, R2, R4, R7, R13, R15–R17): their groups, the
/// journal grid with keyboard entry, the lesson's record and the period marks. Forms post
/// back here with the session's CSRF token; the grid writes through the JSON API.
struct JournalPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/journal", use: groupsPage)
            .get("/journal/class", use: classPage)
            .get("/journal/assignments/:id", use: gridPage)
            .get("/journal/assignments/:id/period-marks", use: periodMarksPage)
            .post("/journal/assignments/:id/period-marks", use: savePeriodMarks)
            .get("/journal/lessons/:id", use: lessonPage)
            .post("/journal/lessons/:id", use: saveLesson)
            .post("/journal/lessons/:id/students", use: saveStudents)
            .post("/journal/lessons/:id/substitution", use: recordSubstitution)
            .post("/journal/lessons/:id/cancel", use: cancelLesson)
            .post("/journal/lessons/:id/move", use: moveLesson)
            .post("/journal/lessons/:id/room", use: changeRoom)
            .post("/journal/lessons/:id/merge", use: mergeLesson)
            .post("/journal/lessons/:id/unlock", use: unlockLesson)
    }

    /// What the timetable forms of a lesson post: a cancellation's reason, a move's day and
    /// number, a room.
    struct TimetableChangeForm: Decodable {
        var reason: String?
        var date: String?
        var number: String?
        var room: String?
        /// The lesson whose group this lesson's group joins.
        var host: Int64?
    }

    /// What the substitution form posts.
    struct SubstitutionForm: Decodable {
        var substitute: String?
        var reason: String?
    }

    /// The teacher's groups and today's lessons.
    @Sendable func groupsPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        let today = try await service.today()
        let assignments = try await service.myAssignments(caller: session.caller)
        let lessons = try await service.teacherDay(date: today, caller: session.caller)
        page.title = Strings.text("journal.title", page.language)
        page.values["today"] = DateText.long(today, page.language)
        page.values["groups"] = assignments.map {
            [
                "id": $0.id.rawValue, "subject": $0.subject, "group": $0.group,
                "className": ($0.className != $0.group ? $0.className : nil) as Any, "hours": $0.hoursPerWeek,
            ] as [String: Any]
        }
        page.values["noGroups"] = assignments.isEmpty
        page.values["lessons"] = lessons.map {
            [
                "id": $0.lessonID.rawValue, "assignment": $0.assignmentID.rawValue, "number": $0.number,
                "subject": $0.subject, "group": $0.group, "topic": $0.topic.nonEmpty as Any,
                "substitution": $0.isSubstitution, "cancelled": $0.status == .cancelled,
            ] as [String: Any]
        }
        page.values["noLessons"] = lessons.isEmpty
        if session.subject.staffID != nil {
            page.values["duties"] = try await HomePage(web: web).dutyValues(
                caller: session.caller, language: page.language)
        }
        return web.render("journal_groups", page)
    }

    /// A class teacher's classes: each student and their family, with their accounts.
    @Sendable func classPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        page.active = "/journal/class"
        page.title = Strings.text("roster.title", page.language)
        let rosters = try await service.classRosters(caller: session.caller)
        guard !rosters.isEmpty else {
            throw WebForbidden(reason: Strings.text("roster.not_class_teacher", page.language))
        }
        page.values["classes"] = rosters.map { rosterValues($0, page.language) }
        return web.render("journal_class", page)
    }

    /// The journal grid of an assignment.
    @Sendable func gridPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let (session, page) = try signedInPage(request, context)
        return try await gridPage(request, session, page, id: try assignmentID(context))
    }

    /// The period marks of an assignment's group, with the recommended ones.
    @Sendable func periodMarksPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        if let saved = request.query("saved").flatMap(Int.init) {
            page.flash = Strings.text("period.saved", page.language, ["count": String(saved)])
        }
        return try await periodMarksPage(
            session, page, id: try assignmentID(context), period: request.query("period") ?? "current",
            fill: request.query("fill") == "recommended")
    }

    /// A lesson's record.
    @Sendable func lessonPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        if request.query("saved") != nil { page.flash = Strings.text("journal.saved", page.language) }
        let record = try await service.lessonRecord(try lessonID(context), caller: session.caller)
        return lessonPage(record, page, flags: try await lessonFlags(record, page.language))
    }

    /// Records that another teacher taught the lesson.
    @Sendable func recordSubstitution(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        let id = try lessonID(context)
        let form = try await request.decodeForm(SubstitutionForm.self)
        do {
            guard let chosen = form.substitute.trimmedText.flatMap(Int64.init) else {
                throw JournalError.invalid(
                    field: "substitute", message: .init("lesson.substitute_missing"))
            }
            _ = try await service.recordSubstitution(
                lesson: id, substitute: StaffID(chosen), reason: form.reason.trimmedText, caller: session.caller)
        } catch let error as JournalError {
            page.error = error.message.text(page.language)
            let record = try await service.lessonRecord(id, caller: session.caller)
            return lessonPage(
                record, page, flags: try await lessonFlags(record, page.language), status: .unprocessableContent)
        }
        return WebResponse.redirect("/journal/lessons/\(id)?saved=1")
    }

    @Sendable func cancelLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await changeTimetable(request, context) { service, id, form, caller in
            _ = try await service.cancelLesson(id, reason: form.reason ?? "", caller: caller)
        }
    }

    /// Opens a lesson's entries locked after their deadline, with a reason (journal.unlock).
    @Sendable func unlockLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await changeTimetable(request, context) { service, id, form, caller in
            let until = try form.date.trimmedText.map { text in
                guard let day = LocalDate(text) else {
                    throw JournalError.invalid(field: "date", message: .init("error.move_date"))
                }
                return day
            }
            _ = try await service.unlockEntries(
                lesson: id, work: nil, reason: form.reason ?? "", until: until, caller: caller)
        }
    }

    @Sendable func mergeLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await changeTimetable(request, context) { service, id, form, caller in
            guard let host = form.host else {
                throw JournalError.invalid(field: "host", message: .init("error.merge_host_missing"))
            }
            _ = try await service.mergeLesson(id, into: LessonID(host), reason: form.reason ?? "", caller: caller)
        }
    }

    @Sendable func moveLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await changeTimetable(request, context) { service, id, form, caller in
            guard let date = form.date.trimmedText.flatMap(LocalDate.init) else {
                throw JournalError.invalid(field: "date", message: .init("error.move_date"))
            }
            guard let number = form.number.trimmedText.flatMap(Int.init) else {
                throw JournalError.invalid(
                    field: "number",
                    message: .init(
                        "error.move_number",
                        [
                            "min": String(Limits.lessonNumbers.lowerBound),
                            "max": String(Limits.lessonNumbers.upperBound),
                        ]))
            }
            _ = try await service.moveLesson(id, to: date, number: number, reason: form.reason ?? "", caller: caller)
        }
    }

    @Sendable func changeRoom(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await changeTimetable(request, context) { service, id, form, caller in
            _ = try await service.changeRoom(id, to: form.room ?? "", reason: form.reason.trimmedText, caller: caller)
        }
    }

    /// Runs one timetable change of a lesson from its page: back to the lesson when it is
    /// made, or the page again with what was wrong — a clash, a closed period, a holiday.
    func changeTimetable(
        _ request: Request, _ context: JournalRequestContext,
        _ change: (JournalService, LessonID, TimetableChangeForm, Caller) async throws -> Void
    ) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        let id = try lessonID(context)
        let form = try await request.decodeForm(TimetableChangeForm.self)
        do {
            try await change(service, id, form, session.caller)
        } catch let error as JournalError {
            page.error = error.text(page.language)
        } catch let clash as TimetableClash {
            page.error = clash.message.text(page.language)
        } catch let closed as PeriodClosed {
            page.error = closed.message.text(page.language)
        }
        if page.error != nil {
            let record = try await service.lessonRecord(id, caller: session.caller)
            return lessonPage(
                record, page, flags: try await lessonFlags(record, page.language), status: .unprocessableContent)
        }
        return WebResponse.redirect("/journal/lessons/\(id)?saved=1")
    }

    /// A class teacher's class: each student and their family, with their accounts.
    func rosterValues(_ roster: ClassRoster, _ language: Language) -> [String: Any] {
        func person(_ person: ClassRoster.Person) -> [String: Any] {
            [
                "name": person.name,
                "relation": person.relation.map { Strings.text("relation.\($0.rawValue)", language) } ?? "",
                "hasAccount": person.account != nil, "login": person.account?.login ?? "",
                "id": person.account?.accountID.rawValue ?? 0, "mayReset": person.mayReset,
                "firstSignIn": person.account?.mustChangePassword ?? false,
                "locked": person.account?.isLocked ?? false,
            ]
        }
        return [
            "name": roster.className, "classID": roster.classID.rawValue,
            "students": roster.students.map { entry -> [String: Any] in
                var values = person(entry.student)
                values["studentID"] = entry.studentID.rawValue
                values["representatives"] = entry.representatives.map(person)
                values["noRepresentatives"] = entry.representatives.isEmpty
                return values
            },
        ]
    }

    /// The signed-in person and a page in their language, with the journal menu item active.
    func signedInPage(_ request: Request, _ context: JournalRequestContext) throws -> (AuthenticatedSession, WebPage) {
        let session = try context.signedIn
        var page = WebPage(title: "", language: web.language(request), session: session)
        page.active = "/journal"
        return (session, page)
    }

    func assignmentID(_ context: JournalRequestContext) throws -> AssignmentID {
        AssignmentID(try context.parameters.id("id"))
    }

    func lessonID(_ context: JournalRequestContext) throws -> LessonID {
        LessonID(try context.parameters.id("id"))
    }

    /// The grid of an assignment, or a plain 403 when it is another teacher's group.
    func grid(_ id: AssignmentID, period: String, _ session: AuthenticatedSession, _ language: Language) async throws
        -> JournalGrid
    {
        do {
            return try await service.journalGrid(assignment: id, period: period, caller: session.caller)
        } catch is AccessDenied {
            throw WebForbidden(reason: Strings.text("journal.not_yours", language))
        }
    }

    /// The periods of the group's grade, for the period switcher.
    func periodChoices(_ grid: JournalGrid) async throws -> [[String: Any]] {
        let rules = try await service.rules()
        let className = grid.assignment.className ?? grid.students.first?.className ?? ""
        let grade = Int(className.prefix { $0.isNumber }) ?? 0
        return rules.calendar.periodsAndYear(grade: grade).map {
            ["key": $0.key, "title": $0.title, "current": $0.key == grid.period.key]
        }
    }
}
