public import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
public import Localization

/// A family's subscription to a student's calendar, as its owner sees it (never the token).
public struct CalendarFeed: Codable, Sendable, Hashable {
    public var id: Int64
    public var student: StudentSummary
    public var createdAt: Date
}

/// A feed just made: the only time its token is shown.
public struct CreatedCalendarFeed: Codable, Sendable, Hashable {
    public var feed: CalendarFeed
    public var token: String
    /// `/calendar/<token>.ics`, to append to the journal's address.
    public var path: String
}

extension JournalService {
    /// The weeks a feed covers around today: two back, eight ahead.
    static let calendarWeeks = -2...8

    /// Makes a secret calendar address for a student's lessons, homework and planned works.
    /// Only the student and their representatives may (the diary's right alone is not enough:
    /// a teacher reads the diary but subscribes to nobody's life).
    public func createCalendarFeed(student id: StudentID, caller: Caller) async throws -> CreatedCalendarFeed {
        let context = try await studentContext(id, capability: .diaryView, caller: caller)
        guard let subject = caller.subject, subject.studentID == id || subject.children.contains(id) else {
            throw JournalError.refused(.init("calendar.error.family_only"))
        }
        let token = Self.randomToken()
        let record = try await database.insertCalendarFeed(
            CalendarFeedRecord(
                tokenHash: Self.hashToken(token), accountID: subject.accountID, studentID: id, createdAt: now()))
        return CreatedCalendarFeed(
            feed: CalendarFeed(id: record.id!, student: context.summary, createdAt: record.createdAt), token: token,
            path: "/calendar/\(token).ics")
    }

    /// The caller's feeds that are not revoked.
    public func calendarFeeds(caller: Caller) async throws -> [CalendarFeed] {
        guard let subject = caller.subject else { return [] }
        let records = try await database.calendarFeeds(account: subject.accountID)
        return try await database.read { reader in
            try records.map { record in
                let student = try reader.student(record.studentID)
                let className = try student.flatMap { try reader.schoolClass($0.classID) }?.name ?? ""
                return CalendarFeed(
                    id: record.id!,
                    student: StudentSummary(
                        id: record.studentID, name: student?.name.description ?? "", className: className),
                    createdAt: record.createdAt)
            }
        }
    }

    /// Revokes one of the caller's feeds: its address answers 404 from now on.
    public func revokeCalendarFeed(id: Int64, caller: Caller) async throws {
        guard let subject = caller.subject,
            try await database.revokeCalendarFeed(id: id, account: subject.accountID, at: now())
        else { throw JournalError.notFound(entity: "calendar feed", id: String(id)) }
    }

    /// The calendar behind a feed's token, as iCalendar text; nil when the token is unknown,
    /// revoked, its owner's account is disabled, or its owner may no longer read the diary.
    public func calendar(token: String, language: Language = .ru) async throws -> String? {
        guard token.count == 43, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }),
            let feed = try await database.activeCalendarFeed(tokenHash: Self.hashToken(token)),
            // A disabled account's links stop with it.
            try await database.read({ try $0.account(feed.accountID) })?.isDisabled == false
        else { return nil }
        let caller: Caller
        let today = try await today()
        var weeks: [DiaryWeek] = []
        do {
            caller = .person(try await subject(account: feed.accountID))
            for offset in Self.calendarWeeks {
                weeks.append(
                    try await diaryWeek(student: feed.studentID, week: today.adding(days: 7 * offset), caller: caller))
            }
        } catch is AccessDenied {
            return nil
        } catch ServiceError.unknown {
            return nil
        }
        let lessonIDs = weeks.flatMap(\.days).flatMap(\.lessons).map(\.lessonID)
        let works = try await database.read { reader in try reader.works(lessons: lessonIDs) }
            .filter { $0.date >= today }
        let rules = try await rules()
        let school = try await school()
        return CalendarFeedText(
            weeks: weeks, works: works, workTitles: rules.workTypes.all.reduce(into: [:]) { $0[$1.code] = $1.title },
            timeZone: school.timeZone, stamp: now(), language: language
        ).text
    }
}

/// One student's weeks as an iCalendar feed: a VEVENT per lesson (cancelled ones marked so),
/// an all-day VEVENT per homework on the day of the subject's next lesson, and one per planned
/// work. UIDs are stable (`lesson-12@schooljournal`), so a phone updates rather than duplicates.
struct CalendarFeedText {
    var weeks: [DiaryWeek]
    var works: [Work]
    var workTitles: [String: String]
    var timeZone: String
    var stamp: Date
    var language: Language

    var text: String {
        var out = ICalendarWriter()
        out.begin("VCALENDAR")
        out.raw("VERSION", "2.0")
        out.raw("PRODID", "-//SchoolJournal//Calendar feed//RU")
        out.raw("CALSCALE", "GREGORIAN")
        out.raw("METHOD", "PUBLISH")
        let student = weeks.first?.student
        out.text(
            "X-WR-CALNAME",
            Strings.text(
                "calendar.feed.name", language, ["student": student?.name ?? "", "class": student?.className ?? ""]))
        out.raw("X-WR-TIMEZONE", timeZone)
        let lessons = weeks.flatMap { week in week.days.flatMap { day in day.lessons.map { (day.date, $0) } } }
        let bySubject = Dictionary(grouping: lessons.filter { $0.1.status != .cancelled }, by: { $0.1.subject })
        let subjectsByLesson = Dictionary(lessons.map { ($0.1.lessonID, $0.1.subject) }) { first, _ in first }
        for (date, lesson) in lessons {
            event(&out, lesson: lesson, on: date)
            let homework = ([lesson.homework].compactMap { $0 } + lesson.individualHomework)
                .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if !homework.isEmpty {
                let due = bySubject[lesson.subject]?.map(\.0).filter { $0 > date }.min() ?? date
                allDay(
                    &out, uid: "homework-\(lesson.lessonID)", on: due,
                    summary: Strings.text("calendar.feed.homework", language, ["subject": lesson.subject]),
                    description: homework.joined(separator: "\n"))
            }
        }
        for work in works {
            let subject = work.lessonID.flatMap { subjectsByLesson[$0] } ?? ""
            let kind = workTitles[work.workType] ?? work.workType
            allDay(
                &out, uid: "work-\(work.id ?? 0)", on: work.date,
                summary: Strings.text("calendar.feed.work", language, ["kind": kind, "subject": subject]),
                description: work.title ?? "")
        }
        out.end("VCALENDAR")
        return out.text
    }

    private func event(_ out: inout ICalendarWriter, lesson: DiaryLesson, on date: LocalDate) {
        out.begin("VEVENT")
        out.raw("UID", "lesson-\(lesson.lessonID)@schooljournal")
        out.raw("DTSTAMP", ICalendarWriter.utc(stamp))
        if let startsAt = lesson.startsAt, let endsAt = lesson.endsAt,
            let start = Calendar.instant(date, startsAt, timeZone: timeZone),
            let end = Calendar.instant(date, endsAt, timeZone: timeZone)
        {
            out.raw("DTSTART", ICalendarWriter.utc(start))
            out.raw("DTEND", ICalendarWriter.utc(end))
        } else {
            out.raw("DTSTART;VALUE=DATE", ICalendarWriter.day(date))
        }
        out.text("SUMMARY", lesson.subject)
        if let room = lesson.room, !room.isEmpty { out.text("LOCATION", room) }
        var description: [String] = []
        if let teacher = lesson.teacher {
            description.append(Strings.text("calendar.feed.teacher", language, ["name": teacher]))
        }
        if let topic = lesson.topic, !topic.isEmpty {
            description.append(Strings.text("calendar.feed.topic", language, ["topic": topic]))
        }
        if !description.isEmpty { out.text("DESCRIPTION", description.joined(separator: "\n")) }
        out.raw("STATUS", lesson.status == .cancelled ? "CANCELLED" : "CONFIRMED")
        out.raw("TRANSP", "OPAQUE")
        out.end("VEVENT")
    }

    private func allDay(
        _ out: inout ICalendarWriter, uid: String, on date: LocalDate, summary: String, description: String
    ) {
        out.begin("VEVENT")
        out.raw("UID", "\(uid)@schooljournal")
        out.raw("DTSTAMP", ICalendarWriter.utc(stamp))
        out.raw("DTSTART;VALUE=DATE", ICalendarWriter.day(date))
        out.raw("DTEND;VALUE=DATE", ICalendarWriter.day(date.adding(days: 1)))
        out.text("SUMMARY", summary)
        if !description.isEmpty { out.text("DESCRIPTION", description) }
        out.raw("TRANSP", "TRANSPARENT")
        out.end("VEVENT")
    }
}
