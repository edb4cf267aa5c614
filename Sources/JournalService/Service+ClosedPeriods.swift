public import Foundation
import JournalAccess
public import JournalModel
public import JournalRules
import JournalStore
import Localization

/// A write into a period that has closed and is not reopened for the class: refused, naming
/// the calendar's rule and the right that reopens it.
public struct PeriodClosed: Error, Sendable, CustomStringConvertible {
    public var period: SchoolCalendar.Period
    /// The last day entries were accepted: the period's end plus `close_after_days`.
    public var closedAfter: LocalDate
    public var closeAfterDays: Int

    /// What is refused and why, as a key of the localisation table with its values.
    public var message: JournalError.Message {
        JournalError.Message(
            "error.period_closed",
            [
                "period": period.title, "end": period.range.end.description, "closed": closedAfter.description,
                "days": String(closeAfterDays),
            ])
    }

    public var description: String { message.text(.en) }
}

/// The calendar's closing rule applied to writes: a period closes `close_after_days` after its
/// end, and after that its entries change only within a reopening.
struct PeriodGate {
    let calendar: SchoolCalendar
    let today: LocalDate

    func isClosed(_ period: SchoolCalendar.Period) -> Bool { today > calendar.closeDate(of: period) }

    /// Refuses a write dated `date` for a group when the period of that day is closed for it.
    func check(date: LocalDate, group: GroupID, _ reader: StoreReader) throws {
        guard let grade = try JournalService.grade(ofGroup: group, reader),
            let period = calendar.period(containing: date, grade: grade), isClosed(period)
        else { return }
        try check(period: period, classes: try Self.classes(ofGroup: group, reader), reader)
    }

    /// Refuses a write into a lesson's day, or into a work's, when that period is closed.
    func check(lesson: Lesson, _ reader: StoreReader) throws {
        guard let assignment = try reader.assignment(lesson.assignmentID) else { return }
        try check(date: lesson.date, group: assignment.groupID, reader)
    }

    func check(work: Work, _ reader: StoreReader) throws {
        guard let assignment = try reader.assignment(work.assignmentID) else { return }
        try check(date: work.date, group: assignment.groupID, reader)
    }

    /// Refuses a write of `period`'s own marks for `classes` when it is closed and no
    /// reopening covers them today.
    func check(period: SchoolCalendar.Period, classes: Set<ClassID>, _ reader: StoreReader) throws {
        guard isClosed(period) else { return }
        if let year = try reader.currentYear(),
            try reader.periodReopenings(year: year.id!).contains(where: {
                $0.period == period.key && $0.opens(classes, on: today)
            })
        {
            return
        }
        throw PeriodClosed(
            period: period, closedAfter: calendar.closeDate(of: period), closeAfterDays: calendar.closeAfterDays)
    }

    static func classes(ofGroup id: GroupID, _ reader: StoreReader) throws -> Set<ClassID> {
        guard let group = try reader.group(id) else { return [] }
        if let classID = group.classID { return [classID] }
        return Set(try reader.members(group: id).compactMap { try reader.student($0.studentID)?.classID })
    }
}

/// A reopening as the API shows it.
public struct PeriodReopeningSummary: Sendable, Codable, Hashable {
    public var id: Int64
    public var period: String
    public var periodTitle: String
    /// Nil when reopened for every class.
    public var className: String?
    public var until: LocalDate
    public var reason: String
    public var openedBy: String
    public var openedAt: Date
    /// Whether corrections are accepted today.
    public var isOpen: Bool
}

extension JournalService {
    /// The closing rule with today's date, for a write to check against.
    func periodGate() async throws -> PeriodGate {
        PeriodGate(calendar: try await rules().calendar, today: try await today())
    }

    /// Reopens a closed period for a class (or every class) until a day, with a reason: a
    /// holder of `period.reopen` (management by default). The reopening is audited and listed.
    public func reopenPeriod(
        _ name: String, className: String?, until: LocalDate, reason: String, caller: Caller
    ) async throws -> PeriodReopeningSummary {
        let rules = try await rules()
        let today = try await today()
        let reason = reason.trimmingWhitespace()
        guard !reason.isEmpty else {
            throw JournalError.invalid(field: "reason", message: .init("error.reopen_reason"))
        }
        guard reason.count <= Limits.comment else {
            throw JournalError.invalid(field: "reason", message: .tooLong(Limits.comment))
        }
        guard until >= today, until <= today.adding(days: Limits.reopeningDays) else {
            throw JournalError.invalid(
                field: "until",
                message: .init(
                    "error.reopen_until",
                    [
                        "today": today.description, "days": String(Limits.reopeningDays),
                        "last": today.adding(days: Limits.reopeningDays).description,
                    ]))
        }
        let (schoolClass, grade) = try await database.read { reader -> (SchoolClass?, Int) in
            guard let className else { return (nil, 1) }
            let found = try Self.findClass(className, reader)
            return (found, found.grade)
        }
        let object = AccessObject(
            kind: schoolClass == nil ? .school : .group, id: schoolClass?.id?.rawValue,
            classes: schoolClass.map { [$0.id!] } ?? [])
        try await authorize(caller, .periodReopen, object)
        let period = try rules.calendar.resolve(name, grade: grade, today: today)
        guard today > rules.calendar.closeDate(of: period) else {
            throw JournalError.refused(
                .init(
                    "error.period_not_closed",
                    ["period": period.title, "date": rules.calendar.closeDate(of: period).description]))
        }
        let year = try await currentYear()
        let stored = try await database.write(actor: caller.actor, reason: reason) { writer in
            try writer.insert(
                PeriodReopening(
                    yearID: year.id!, period: period.key, classID: schoolClass?.id, until: until, reason: reason,
                    openedByID: writer.actor.staffID, openedBy: writer.actor.displayName, openedAt: writer.now))
        }
        return Self.summary(stored, title: period.title, className: schoolClass?.name, today: today)
    }

    /// The reopenings of this year's periods, newest first.
    public func periodReopenings(caller: Caller) async throws -> [PeriodReopeningSummary] {
        try await authorize(caller, .periodMarksView, AccessObject(kind: .school))
        let rules = try await rules()
        let today = try await today()
        return try await database.read { reader in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            let classes = Dictionary(uniqueKeysWithValues: try reader.classes(year: year.id!).map { ($0.id!, $0.name) })
            return try reader.periodReopenings(year: year.id!).map { reopening in
                Self.summary(
                    reopening, title: rules.calendar.anyPeriod(named: reopening.period)?.title ?? reopening.period,
                    className: reopening.classID.flatMap { classes[$0] }, today: today)
            }
        }
    }

    private static func summary(
        _ reopening: PeriodReopening, title: String, className: String?, today: LocalDate
    ) -> PeriodReopeningSummary {
        PeriodReopeningSummary(
            id: reopening.id!, period: reopening.period, periodTitle: title, className: className,
            until: reopening.until, reason: reopening.reason, openedBy: reopening.openedBy,
            openedAt: reopening.openedAt, isOpen: today <= reopening.until)
    }
}

extension JournalService {
    /// The rules a period's standings are computed with: the active ones while it is open;
    /// once it has closed, the version that was active when it closed, so that its
    /// recommendations stay what they were when the marks were set.
    func rules(for period: SchoolCalendar.Period, active: SchoolRules, today: LocalDate) async throws
        -> SchoolRules
    {
        guard today > active.calendar.closeDate(of: period),
            let version = try await closingVersion(of: period, calendar: active.calendar), version != active.version
        else { return active }
        return try await rules(version: version)
    }

    /// The version of the rules that was active when `period` closed: the last activated before
    /// the day after its close date began; the first version when the journal began later.
    func closingVersion(of period: SchoolCalendar.Period, calendar: SchoolCalendar) async throws -> Int64? {
        let closedAt = Self.start(
            of: calendar.closeDate(of: period).adding(days: 1), timeZone: try await school().timeZone)
        return try await database.read { reader in
            let versions = try reader.rulesets()
            return (versions.last { $0.createdAt < closedAt } ?? versions.first)?.id
        }
    }

    /// Midnight at the start of `day` in the school's time zone.
    static func start(of day: LocalDate, timeZone identifier: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "Europe/Moscow")!
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }
}
