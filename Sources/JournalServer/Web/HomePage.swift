import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// What each person needs today: a teacher's lessons, a family's day in the diary, an
/// administrator's tools.
struct HomePage {
    let web: WebSupport

    func render(_ request: Request, _ session: AuthenticatedSession) async throws -> Response {
        let language = web.language(request)
        let service = web.service
        let today = try await service.today()
        var page = WebPage(title: Strings.text("home.title", language), language: language, session: session)
        page.active = "/"
        if request.query("changed") != nil { page.flash = Strings.text("password.changed", language) }
        if request.query("done") != nil { page.flash = Strings.text("home.tasks_done_flash", language) }
        var values: [String: Any] = ["today": DateText.long(today, language)]
        let caller = session.caller
        if Navigation.showsTeacherDay(session) {
            let lessons = try await service.teacherDay(date: today, caller: caller)
            values["teacher"] = [
                "lessons": lessons.map { lesson -> [String: Any] in
                    [
                        "id": lesson.lessonID.rawValue, "assignment": lesson.assignmentID.rawValue,
                        "number": lesson.number,
                        "time": lesson.startsAt.map { "\($0)–\(lesson.endsAt.map(\.description) ?? "")" } ?? "",
                        "subject": lesson.subject, "group": lesson.group, "room": lesson.room.nonEmpty as Any,
                        "topic": lesson.topic ?? "", "recorded": lesson.topic != nil,
                        "substitution": lesson.isSubstitution, "cancelled": lesson.status == .cancelled,
                    ]
                }, "none": lessons.isEmpty,
                "duties": try await dutyValues(caller: caller, language: language),
            ]
        }
        let profile = try await service.profile(session)
        if !profile.students.isEmpty {
            var children: [[String: Any]] = []
            for student in profile.students {
                // A child whose diary a denial withholds is left out, not the whole page.
                guard let week = try? await service.diaryWeek(student: student.id, week: today, caller: caller)
                else { continue }
                let day = week.days.first { $0.date == today }
                children.append([
                    "id": student.id.rawValue, "name": student.name, "className": student.className,
                    "holiday": day?.holiday as Any,
                    "subjectAccess": session.capabilities.contains(.subjectAccessRequest),
                    "lessons": (day?.lessons ?? []).map { DiaryPages.lessonValues($0, language: language) },
                    "none": (day?.lessons ?? []).isEmpty,
                ])
            }
            values["children"] = children
        }
        if !profile.securityNotices.isEmpty {
            let time = TimeText(timeZone: try await service.school().timeZone)
            values["hasNotices"] = true
            values["notices"] = profile.securityNotices.map { notice in
                Strings.text(
                    "home.notice.\(notice.kind.rawValue)", language,
                    [
                        "time": time(notice.at), "actor": notice.actorName, "login": notice.accountLogin,
                        "role": Strings.text("role.\(notice.role.rawValue)", language),
                    ])
            }
        }
        values.merge(try await surveyValues(caller: caller, language: language)) { _, new in new }
        values.merge(try await taskValues(caller: caller, language: language)) { _, new in new }
        values.merge(try await personnelValues(session, language: language)) { _, new in new }
        values.merge(try await SecretaryPages(web: web).homeValues(session)) { _, new in new }
        // The same pages as the menu's, chosen by the same rights.
        let administrative = Navigation.administrativePages(for: session)
        if !administrative.isEmpty {
            values["admin"] = [
                "links": administrative.map { ["href": $0.href, "label": Strings.text($0.label, language)] }
            ]
        }
        values["capabilities"] = profile.capabilities.keys.sorted().map { key in
            [
                "name": key,
                "scopes": profile.capabilities[key]!.map { Strings.text("scope.\($0)", language) }.joined(
                    separator: ", "),
            ]
        }
        page.values = values
        return web.render("home", page)
    }
}

extension HomePage {
    /// The open surveys the person answers, each unit until answered (R8), and the paper
    /// ballots a class teacher has yet to enter.
    func surveyValues(caller: Caller, language: Language) async throws -> [String: Any] {
        let service = web.service
        var values: [String: Any] = [:]
        let open = try await service.openSurveys(caller: caller)
        if !open.isEmpty {
            values["hasSurveys"] = true
            values["surveys"] = open.map { survey -> [String: Any] in
                [
                    "title": survey.title,
                    "closes": Strings.text("home.surveys_closes", language, ["closes": DateText.full(survey.closes)]),
                    "units": survey.units.map { unit -> [String: Any] in
                        [
                            "label": unit.label, "answered": unit.answered, "canChange": unit.canChange,
                            "href": "/surveys/\(survey.id.rawValue)/answer?unit=\(WebSupport.escapeQuery(unit.key))",
                        ]
                    },
                ]
            }
        }
        let paper = try await service.paperSurveys(caller: caller)
        if !paper.isEmpty {
            values["hasPaperSurveys"] = true
            values["paperSurveys"] = paper.map { survey -> [String: Any] in
                [
                    "href": "/surveys/\(survey.id.rawValue)/paper",
                    "text": Strings.text(
                        "home.surveys_paper_units", language,
                        ["title": survey.title, "units": String(survey.units.count)]),
                ]
            }
        }
        return values
    }

    /// A teacher's own duties (R15–R17): what is due with its exact moment, what is overdue,
    /// each a link to the lesson that fixes it.
    func dutyValues(caller: Caller, language: Language) async throws -> [String: Any] {
        let service = web.service
        let duties = Dictionary(uniqueKeysWithValues: try await service.rules().deadlines.duties.map { ($0.id, $0) })
        let items = try await service.myDuties(caller: caller)
        return [
            "none": items.isEmpty,
            "items": items.map { item -> [String: Any] in
                let due = item.due.map { "\(DateText.short($0.date)) \($0.time)" } ?? "—"
                let when =
                    switch item.status {
                    case .missing: Strings.text("home.duty_overdue", language, ["due": due])
                    case .ruleFailed: Strings.text("compliance.status.rule_failed", language)
                    default: Strings.text("home.duty_due", language, ["time": due])
                    }
                return [
                    "title": duties[item.duty]?.title ?? item.duty, "subject": item.subject, "group": item.group,
                    "date": DateText.short(item.date), "overdue": item.status == .missing,
                    "when": when,
                    "href": item.lessonID.map { "/journal/lessons/\($0.rawValue)" } ?? "",
                ]
            },
        ]
    }
}

/// Dates as people read them.
enum DateText {
    static func long(_ date: LocalDate, _ language: Language) -> String {
        let weekday = Strings.text("weekday.\(date.weekday)", language)
        let month = Strings.text("month.\(date.month)", language)
        return language == .ru ? "\(weekday), \(date.day) \(month)" : "\(weekday), \(month) \(date.day)"
    }

    /// `05.12.2026`.
    static func full(_ date: LocalDate) -> String { short(date) + ".\(date.year)" }

    static func short(_ date: LocalDate) -> String {
        (date.day < 10 ? "0" : "") + "\(date.day)." + (date.month < 10 ? "0" : "") + "\(date.month)"
    }
}
