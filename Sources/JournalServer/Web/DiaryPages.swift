import Foundation
import Hummingbird
import JournalModel
import JournalRules
import JournalService
import Localization

/// The family's diary in the browser (R1–R7, R12–R14): the week, marks by subject with the
/// forecast and its explanation, attestation results and the timetable; a parent switches
/// between their children.
struct DiaryPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/diary", use: weekPage)
            .get("/diary/marks", use: marksPage)
            .get("/diary/attestation", use: attestationPage)
            .get("/diary/timetable", use: timetablePage)
    }

    /// A student's week in the diary.
    @Sendable func weekPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page, student) = try await prepare(request, context, active: "/diary")
        let today = try await service.today()
        let week = try DiaryController.week(request.query("week")) ?? today
        let diary = try await service.diaryWeek(student: student.id, week: week, caller: session.caller)
        page.title = Strings.text("diary.title", page.language)
        page.values["week"] = weekValues(diary, today: today, language: page.language)
        return web.render("diary_week", page)
    }

    /// A student's marks by subject in a period, with the forecast.
    @Sendable func marksPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page, student) = try await prepare(request, context, active: "/diary/marks")
        let marks = try await service.studentMarks(
            student: student.id, period: request.query("period") ?? "current", caller: session.caller)
        page.title = Strings.text("marks.title", page.language)
        page.values["period"] = marks.period.title
        page.values["periods"] = try await periodChoices(student: student, current: marks.period.key, page.language)
        let targets = try await service.markTargets(for: marks, caller: session.caller)
        let work = try chosenWorkType(request.query("work"), of: targets.workTypes)
        page.values["workTypes"] = targets.workTypes.map {
            ["code": $0.code, "title": $0.title, "weight": $0.weight.formattedNumber, "current": $0.code == work.code]
        }
        page.values["periodKey"] = marks.period.key
        page.values["hasTargets"] = !marks.period.isYear
        let bySubject = Dictionary(targets.subjects.map { ($0.subjectID, $0) }, uniquingKeysWith: { first, _ in first })
        page.values["subjects"] = marks.subjects.map { row in
            var values = subjectValues(row, language: page.language)
            if let subject = bySubject[row.subjectID], !marks.period.isYear {
                values["targets"] = targetValues(subject, work: work, language: page.language)
            }
            return values
        }
        return web.render("diary_marks", page)
    }

    /// A student's attestation: period, year and final marks, the exams, and the annual marks
    /// of the years before.
    @Sendable func attestationPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page, student) = try await prepare(request, context, active: "/diary/attestation")
        let attestation = try await service.attestation(student: student.id, caller: session.caller)
        page.title = Strings.text("attestation.title", page.language)
        // As the paper diary has them: a row per subject, a column per period, then the
        // year and the final mark.
        let columns = attestation.marks.reduce(into: [AttestationColumn]()) { columns, entry in
            let column = AttestationColumn(kind: entry.kind, period: entry.period, title: entry.periodTitle)
            if !columns.contains(column) { columns.append(column) }
        }.sorted()
        let values = Dictionary(
            attestation.marks.map { (AttestationCell(subject: $0.subject, period: $0.period), $0.value ?? "—") },
            uniquingKeysWith: { first, _ in first })
        page.values["columns"] = columns.map { column in
            column.kind == .period
                ? column.title : Strings.text("attestation.kind_\(column.kind.rawValue)", page.language)
        }
        page.values["marks"] = Set(attestation.marks.map(\.subject)).sorted().map { subject in
            [
                "subject": subject,
                "values": columns.map { values[AttestationCell(subject: subject, period: $0.period)] ?? "" },
            ]
        }
        page.values["noMarks"] = attestation.marks.isEmpty
        page.values["exams"] = attestation.exams.map {
            [
                "subject": $0.subject, "kind": $0.examKind, "score": $0.score.map { $0.formattedNumber } ?? "—",
                "mark": $0.mark ?? $0.passed.map { Strings.text($0 ? "exam.passed" : "exam.not_passed", page.language) }
                    ?? "—",
                "known": DateText.short($0.resultsKnownOn), "protocol": $0.protocolNumber ?? "",
            ]
        }
        page.values["noExams"] = attestation.exams.isEmpty
        page.values["earlierYears"] = attestation.earlierYears.map { year in
            [
                "title": year.title,
                "marks": year.marks.map { mark in
                    var values = ["subject": mark.subject, "value": mark.value ?? "—"]
                    // Only a real reason opens the template's section: an empty string would too.
                    values["reason"] = mark.reason.nonEmpty.map {
                        Strings.text(
                            "attestation.recommended_was", page.language,
                            ["mark": mark.recommended ?? "—", "reason": $0])
                    }
                    return values
                },
            ] as [String: Any]
        }
        page.values["hasEarlierYears"] = !attestation.earlierYears.isEmpty
        return web.render("diary_attestation", page)
    }

    /// A student's timetable and this week's changes.
    @Sendable func timetablePage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page, student) = try await prepare(request, context, active: "/diary")
        let today = try await service.today()
        let week = try DiaryController.week(request.query("week")) ?? today
        let timetable = try await service.studentTimetable(student: student.id, week: week, caller: session.caller)
        page.title = Strings.text("timetable.title", page.language)
        page.values["days"] = (1...6).map { weekday -> [String: Any] in
            [
                "name": Strings.text("weekday.\(weekday)", page.language),
                "slots": timetable.entries.filter { $0.weekday == weekday }.map {
                    [
                        "number": $0.number, "time": $0.startsAt.map { "\($0)" } ?? "", "subject": $0.subject,
                        "teacher": $0.teacher ?? "", "room": $0.room.nonEmpty as Any,
                    ]
                },
            ]
        }
        page.values["lineChanges"] = timetable.lineChanges.map { Self.lineNewsText($0, page.language) }
        page.values["hasLineChanges"] = !timetable.lineChanges.isEmpty
        page.values["changes"] = timetable.changes.map {
            [
                "date": DateText.short($0.date), "number": $0.number, "subject": $0.subject,
                "text": Self.changeText($0.change, language: page.language),
            ]
        }
        page.values["noChanges"] = timetable.changes.isEmpty
        return web.render("diary_timetable", page)
    }

    /// The signed-in person, the page and the student shown: `?student=` among their
    /// students, or the first.
    func prepare(_ request: Request, _ context: JournalRequestContext, active: String) async throws -> (
        AuthenticatedSession, WebPage, StudentSummary
    ) {
        let session = try context.signedIn
        let language = web.language(request)
        let profile = try await service.profile(session)
        var page = WebPage(title: "", language: language, session: session)
        page.active = active
        let requested = request.query("student").flatMap { Int64($0) }.map { StudentID($0) }
        let student: StudentSummary
        if let requested {
            if let own = profile.students.first(where: { $0.id == requested }) {
                student = own
            } else {
                // Staff with a right to a student's diary (a class teacher): the service decides.
                let today = try await service.today()
                let week = try await service.diaryWeek(student: requested, week: today, caller: session.caller)
                student = week.student
            }
        } else if let first = profile.students.first {
            student = first
        } else {
            throw WebForbidden(reason: Strings.text("diary.no_students", language))
        }
        page.values["student"] = ["id": student.id.rawValue, "name": student.name, "className": student.className]
        page.values["children"] =
            profile.students.count > 1
            ? profile.students.map {
                [
                    "id": $0.id.rawValue, "name": $0.name, "className": $0.className, "current": $0.id == student.id,
                    // Brothers and sisters share a last name: the first name tells them apart.
                    "short": $0.name.split(separator: " ").dropFirst().first.map(String.init) ?? $0.name,
                ]
            } : []
        page.values["hasChildren"] = profile.students.count > 1
        page.values["query"] = "student=\(student.id)"
        return (session, page, student)
    }

    func weekValues(_ diary: DiaryWeek, today: LocalDate, language: Language) -> [String: Any] {
        [
            "title": "\(DateText.short(diary.weekStart))–\(DateText.short(diary.weekStart.adding(days: 6)))",
            "previous": diary.weekStart.adding(days: -7).description,
            "next": diary.weekStart.adding(days: 7).description,
            "days": diary.days.filter { $0.weekday != 7 || !$0.lessons.isEmpty }.map { day -> [String: Any] in
                [
                    "date": DateText.long(day.date, language), "today": day.date == today,
                    "holiday": day.holiday as Any,
                    "lessons": day.lessons.map { Self.lessonValues($0, language: language) },
                    "none": day.lessons.isEmpty && day.holiday == nil,
                ]
            },
        ]
    }

    static func lessonValues(_ lesson: DiaryLesson, language: Language) -> [String: Any] {
        [
            "number": lesson.number, "time": lesson.startsAt.map { "\($0)" } ?? "", "subject": lesson.subject,
            "teacher": lesson.teacher ?? "", "room": lesson.room.nonEmpty as Any, "topic": lesson.topic.nonEmpty as Any,
            "material": lesson.material.nonEmpty as Any, "homework": lesson.homework.nonEmpty as Any,
            "individual": lesson.individualHomework.joined(separator: "; ").nonEmpty as Any,
            "cancelled": lesson.status == .cancelled,
            "marks": lesson.marks.map { mark in
                [
                    "value": mark.value ?? "•", "type": mark.workTypeTitle, "weight": mark.weight.formattedNumber,
                    "comment": mark.comment.nonEmpty as Any, "debt": mark.isDebt,
                    "debtDue": mark.debtDueOn.map(DateText.short) ?? "",
                ] as [String: Any]
            },
            "absence": lesson.attendance.map { ["code": $0.code, "title": $0.title] } as Any,
            "changes": lesson.changes.map { ["text": changeText($0, language: language)] },
            "changed": !lesson.changes.isEmpty,
        ]
    }

    /// A change of the weekly timetable in words: from when, which subject, where it was and is.
    static func lineNewsText(_ news: TimetableLineNews, _ language: Language) -> String {
        func place(_ place: TimetableLineNews.Place) -> String {
            let slot = Strings.text(
                "timetable.place", language,
                ["weekday": Strings.text("weekday.\(place.weekday)", language), "number": String(place.number)])
            return place.room.map { "\(slot), \(Strings.text("diary.room", language)) \($0)" } ?? slot
        }
        var values = ["date": DateText.short(news.from), "subject": news.subject]
        values["before"] = news.before.map(place)
        values["after"] = news.after.map(place)
        let key =
            switch (news.before, news.after) {
            case (.some, .some): "timetable.line_moved"
            case (nil, _): "timetable.line_new"
            case (_, nil): "timetable.line_ended"
            }
        return Strings.text(key, language, values)
    }

    static func changeText(_ change: DiaryChange, language: Language) -> String {
        let reason = change.reason.map { " (\($0))" } ?? ""
        switch change.kind {
        case .cancellation: return Strings.text("change.cancelled", language) + reason
        case .substitution:
            return Strings.text("change.substitution", language, ["teacher": change.substitute ?? "—"]) + reason
        case .roomChange:
            return Strings.text("change.room", language, ["room": change.previousRoom ?? "—"]) + reason
        case .merge:
            return Strings.text(
                "change.merged", language,
                ["group": change.joins ?? "—", "teacher": change.substitute ?? "—", "room": change.previousRoom ?? "—"])
                + reason
        case .move:
            return Strings.text(
                "change.moved", language,
                [
                    "date": change.previousDate.map(DateText.short) ?? "—",
                    "number": change.previousNumber.map(String.init) ?? "—",
                ])
                + reason
        }
    }

    func subjectValues(_ row: SubjectStanding, language: Language) -> [String: Any] {
        if let failure = row.failure {
            return [
                "subject": row.subjectName, "noMarks": true, "failed": true,
                "failure": Strings.text("marks.not_computed", language) + ": " + failure,
            ]
        }
        guard let standing = row.standing else {
            return ["subject": row.subjectName, "noMarks": true, "failed": false]
        }
        return [
            "subject": row.subjectName, "id": row.subjectID.rawValue,
            "average": standing.weighted.roundedAverage.map { $0.formattedNumber } ?? "—",
            "recommended": standing.recommended ?? "—", "forecast": standing.forecast ?? "—",
            "hasForecast": standing.forecast != nil, "rule": standing.rule,
            "marks": standing.weighted.marks.map { mark in
                [
                    "value": mark.value ?? "•", "date": DateText.short(mark.date), "type": mark.workTypeTitle,
                    "weight": mark.weight.formattedNumber, "counted": mark.counted, "note": mark.note ?? "",
                ] as [String: Any]
            },
        ]
    }

    func periodChoices(student: StudentSummary, current: String, _ language: Language) async throws -> [[String: Any]] {
        let rules = try await service.rules()
        let grade = Int(student.className.prefix { $0.isNumber }) ?? 5
        return rules.calendar.periodsAndYear(grade: grade).map {
            ["key": $0.key, "title": $0.title, "current": $0.key == current]
        }
    }
}

extension Double {
    /// `4.5`, `3`, `4.33`: as a journal writes numbers.
    var formattedNumber: String {
        if self == rounded() { return String(Int(self)) }
        return String((self * 100).rounded() / 100)
    }
}

extension Optional where Wrapped == String {
    /// The text, or nil when missing or empty: templates show a section only for real text.
    var nonEmpty: String? {
        guard let self, !self.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return self
    }
}

extension String {
    var nonEmpty: String? { Optional(self).nonEmpty }
}

/// A column of the attestation table: a period, the year or the final mark.
private struct AttestationColumn: Hashable, Comparable {
    var kind: AttestationMark.Kind
    var period: String
    var title: String

    static func < (lhs: Self, rhs: Self) -> Bool {
        let order: [AttestationMark.Kind] = [.period, .annual, .final]
        return (order.firstIndex(of: lhs.kind)!, lhs.period) < (order.firstIndex(of: rhs.kind)!, rhs.period)
    }
}

private struct AttestationCell: Hashable {
    var subject: String
    var period: String
}
