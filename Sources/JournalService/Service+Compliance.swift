public import Foundation
import JournalAccess
public import JournalModel
public import JournalRules
import JournalStore
import Localization
import LuaRuntime

/// What the journal-keeping monitor is asked for: every condition given must hold.
public struct ComplianceQuery: Sendable, Hashable {
    /// Days in the school's time zone, both included; the future owes nothing yet.
    public var from: LocalDate
    public var to: LocalDate
    public var teacher: StaffID?
    /// The lessons and works of a class's groups, by its name (`5А`).
    public var className: String?
    /// One duty of `deadlines.lua`.
    public var duty: String?

    /// The longest span one report covers: a school year.
    public static let maximumDays = 366

    public init(from: LocalDate, to: LocalDate, teacher: StaffID? = nil, className: String? = nil, duty: String? = nil)
    {
        self.from = from
        self.to = to
        self.teacher = teacher
        self.className = className
        self.duty = duty
    }
}

/// One thing the regulation expects entered, and whether it was entered on time.
public struct ComplianceItem: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable, CaseIterable {
        /// Entered by its deadline (and grace).
        case onTime = "on_time"
        /// Entered after its deadline: a later edit never makes it on time.
        case late
        /// Not entered, and the deadline has passed.
        case missing
        /// Not entered yet, and there is still time.
        case due
        /// The school's rule failed for this item; the reason is in `failure`.
        case ruleFailed = "rule_failed"
    }

    public var duty: String
    public var status: Status
    /// Whoever owes it: the lesson's teacher or substitute, the work's teacher; nil for the
    /// school's management (exam results).
    public var teacherID: StaffID?
    public var teacher: String
    public var assignmentID: AssignmentID?
    public var subject: String
    public var group: String
    /// The lesson whose page fixes it.
    public var lessonID: LessonID?
    public var workID: WorkID?
    public var examResultID: ExamResultID?
    /// The lesson's or the work's day, or the day results became known.
    public var date: LocalDate
    public var due: LocalMoment?
    /// The first entry, by the server's clock.
    public var enteredAt: Date?
    public var failure: String?
}

/// The monitor's answer: per teacher the counts of each status, and every item.
public struct ComplianceReport: Sendable, Codable {
    public struct Summary: Sendable, Codable, Hashable {
        public var teacherID: StaffID?
        public var teacher: String
        public var counts: [String: Int]
    }

    public var from: LocalDate
    public var to: LocalDate
    /// The rules version whose deadlines decided each item.
    public var rulesVersion: Int64?
    public var duties: [Deadlines.Duty]
    public var teachers: [Summary]
    public var items: [ComplianceItem]
}

extension JournalService {
    /// The journal-keeping monitor (compliance.view: management and the administrator): every
    /// lesson record, homework, work's marks and exam result the regulation expects within the
    /// days, with its deadline from `deadlines.lua`, its first entry and its status. A rule that
    /// fails for one item marks that item and never stops the report.
    public func compliance(_ query: ComplianceQuery, caller: Caller) async throws -> ComplianceReport {
        try await authorize(caller, .complianceView, AccessObject(kind: .school))
        guard query.from <= query.to else {
            throw JournalError.invalid(
                field: "to",
                message: .init("error.to_before_from", ["to": query.to.description, "from": query.from.description]))
        }
        guard query.to.dayNumber - query.from.dayNumber < ComplianceQuery.maximumDays else {
            throw JournalError.invalid(
                field: "to", message: .init("error.compliance_span", ["days": String(ComplianceQuery.maximumDays)]))
        }
        let year = try await currentYear()
        guard query.from >= year.startsOn else {
            throw JournalError.invalid(
                field: "from",
                message: .init(
                    "error.before_year", ["date": query.from.description, "start": year.startsOn.description]))
        }
        return try await compliance(query, rules: try await rules())
    }

    /// The report as `rules` decide it: the active rules, or candidates in a dry-run.
    func compliance(_ query: ComplianceQuery, rules: SchoolRules) async throws -> ComplianceReport {
        if let duty = query.duty, !rules.deadlines.duties.contains(where: { $0.id == duty }) {
            throw JournalError.invalid(
                field: "duty",
                message: .init(
                    "error.not_a_duty",
                    ["value": duty, "accepted": rules.deadlines.duties.map(\.id).joined(separator: ", ")]))
        }
        let now = now()
        let school = try await school()
        let today = Self.localDate(of: now, timeZone: school.timeZone)
        let absentCodes = Set(rules.attendanceCodes.all.filter(\.absent).map(\.code))
        var facts = try await database.read { reader in
            try ComplianceFacts(query, today: today, absentCodes: absentCodes, reader)
        }
        // Holidays and days off owe nothing, even for a lesson put there by hand.
        facts.lessons.removeAll { lesson in
            !rules.calendar.isSchoolDay(lesson.date, grade: facts.teachings[lesson.assignmentID]?.grade ?? 0)
        }
        let duties = rules.deadlines.duties.filter { query.duty == nil || $0.id == query.duty }
        let clock = MomentClock(timeZone: school.timeZone)
        let items = try await rules.withEvaluator { evaluator in
            try facts.items(duties: duties, evaluator: evaluator, now: now, clock: clock)
        }
        return ComplianceReport(
            from: query.from, to: query.to, rulesVersion: rules.version, duties: duties,
            teachers: Self.summaries(items), items: items)
    }

    /// The days of a study period by its key or title (`q2`, «2 четверть», `year`) for a class's
    /// grade, or for grade 5 (quarters) when no class is named: what the monitor's period filter
    /// asks for.
    public func periodRange(_ name: String, className: String?) async throws -> DateRange {
        let rules = try await rules()
        let today = try await today()
        var grade = 5
        if let className { grade = try await database.read { reader in try Self.findClass(className, reader).grade } }
        do throws(SchoolCalendar.UnknownPeriod) {
            return try rules.calendar.resolve(name, grade: grade, today: today).range
        } catch {
            throw JournalError.invalid(field: "period", message: error.message)
        }
    }

    /// The dry-run of `deadlines.lua`: which items of the days would change status if `files`
    /// were the active rules (rules.view, as the dry-run of marks).
    public func diffDeadlines(_ files: RuleFiles, from: LocalDate, to: LocalDate, caller: Caller) async throws
        -> [DeadlineChange]
    {
        try await authorize(caller, .rulesView, .init(kind: .rules))
        try await authorize(caller, .complianceView, AccessObject(kind: .school))
        let query = ComplianceQuery(from: from, to: to)
        let before = try await compliance(query, rules: try await rules())
        let after = try await compliance(query, rules: try await checkRules(files))
        func key(_ item: ComplianceItem) -> String {
            "\(item.duty) \(item.lessonID?.rawValue ?? 0) \(item.workID?.rawValue ?? 0) \(item.examResultID?.rawValue ?? 0)"
        }
        let old = Dictionary(before.items.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.items.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        return Set(old.keys).union(new.keys).compactMap { key -> DeadlineChange? in
            let (was, will) = (old[key], new[key])
            guard was?.status != will?.status || was?.due != will?.due else { return nil }
            return DeadlineChange(
                item: (will ?? was)!, before: was?.status, after: will?.status, dueBefore: was?.due,
                dueAfter: will?.due)
        }
        .sorted { ($0.item.date, $0.item.teacher, $0.item.duty) < ($1.item.date, $1.item.teacher, $1.item.duty) }
    }

    static func summaries(_ items: [ComplianceItem]) -> [ComplianceReport.Summary] {
        var byTeacher: [String: ComplianceReport.Summary] = [:]
        for item in items {
            let key = item.teacherID.map { String($0.rawValue) } ?? "school"
            byTeacher[key, default: .init(teacherID: item.teacherID, teacher: item.teacher, counts: [:])]
                .counts[item.status.rawValue, default: 0] += 1
        }
        return byTeacher.values.sorted {
            ($0.teacher, $0.teacherID?.rawValue ?? 0) < ($1.teacher, $1.teacherID?.rawValue ?? 0)
        }
    }
}

/// An item whose status or deadline the candidate rules would change; nil status: the item
/// would not be owed (before) or no longer owed (after).
public struct DeadlineChange: Sendable, Hashable {
    public var item: ComplianceItem
    public var before: ComplianceItem.Status?
    public var after: ComplianceItem.Status?
    public var dueBefore: LocalMoment?
    public var dueAfter: LocalMoment?
}

/// Turns a local moment of the school into an instant.
struct MomentClock {
    let calendar: Calendar

    init(timeZone identifier: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "Europe/Moscow")!
        self.calendar = calendar
    }

    /// The last second of the minute: a deadline of 16:05 holds until 16:05:59.
    func instant(_ moment: LocalMoment, plusMinutes minutes: Int = 0) -> Date {
        let components = DateComponents(
            year: moment.date.year, month: moment.date.month, day: moment.date.day, hour: moment.time.minutes / 60,
            minute: moment.time.minutes % 60, second: 59)
        return calendar.date(from: components)!.addingTimeInterval(TimeInterval(minutes * 60))
    }
}

/// What the monitor reads in one transaction: the lessons, works, marks, attendance and exam
/// results of the days, with names.
struct ComplianceFacts {
    struct Teaching {
        var assignment: TeachingAssignment
        var subject: String
        var group: String
        var grade: Int
    }

    var lessons: [Lesson]
    var works: [Work]
    var teachings: [AssignmentID: Teaching]
    /// The assignments the query covers.
    var covered: Set<AssignmentID>
    var marks: [WorkID: [StudentID: Mark]]
    var absent: [LessonID: Set<StudentID>]
    var members: [GroupID: [StudentID]]
    var bells: [Int: Bell]
    var staff: [StaffID: String]
    var examResults: [ExamResult]
    var subjects: [SubjectID: String]
    /// Each teacher's last lesson number of each day, over all their lessons.
    var lastLesson: [TeacherDay: Int]
    var teacher: StaffID?

    struct TeacherDay: Hashable {
        var teacher: StaffID
        var date: LocalDate
    }

    /// `absentCodes`: the attendance codes of a student not present, who owes no mark.
    init(_ query: ComplianceQuery, today: LocalDate, absentCodes: Set<String>, _ reader: StoreReader) throws {
        let range = DateRange(start: query.from, end: min(query.to, today))
        guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
        let groups = Dictionary(uniqueKeysWithValues: try reader.groups(year: year.id!).map { ($0.id!, $0) })
        let classes = Dictionary(uniqueKeysWithValues: try reader.classes(year: year.id!).map { ($0.id!, $0) })
        let subjects = Dictionary(uniqueKeysWithValues: try reader.subjects().map { ($0.id!, $0.name) })
        self.subjects = subjects
        let allMembers = try reader.allGroupMembers()
        let members = Dictionary(grouping: allMembers, by: \.groupID).mapValues { $0.map(\.studentID) }
        self.members = members
        let classOfStudent = Dictionary(
            try reader.allStudents().map { ($0.id!, $0.classID) }, uniquingKeysWith: { first, _ in first })
        var teachings: [AssignmentID: Teaching] = [:]
        for assignment in try reader.allAssignments() {
            guard let group = groups[assignment.groupID] else { continue }
            let grade =
                group.classID.flatMap { classes[$0]?.grade }
                ?? (members[group.id!] ?? []).compactMap { classOfStudent[$0].flatMap { classes[$0]?.grade } }.min()
                ?? 0
            teachings[assignment.id!] = Teaching(
                assignment: assignment, subject: subjects[assignment.subjectID] ?? "", group: group.name, grade: grade)
        }
        self.teachings = teachings
        var covered = Set(teachings.keys)
        if let className = query.className {
            let schoolClass = try JournalService.findClass(className, reader)
            let students = Set(try reader.students(inClasses: [schoolClass.id!]).compactMap(\.id))
            covered = covered.filter { id in
                let group = teachings[id]!.assignment.groupID
                return groups[group]?.classID == schoolClass.id
                    || (members[group] ?? []).contains(where: students.contains)
            }
        }
        teacher = query.teacher
        let allLessons = try reader.lessons(range: range).filter { $0.status != .cancelled }
        if let teacher = query.teacher {
            // One teacher's duties: their own assignments and the lessons they substitute.
            let substituted = Set(allLessons.filter { $0.taughtByID == teacher }.map(\.assignmentID))
            covered = covered.filter { teachings[$0]!.assignment.teacherID == teacher || substituted.contains($0) }
        }
        self.covered = covered
        var lastLesson: [TeacherDay: Int] = [:]
        for lesson in allLessons {
            guard let teaching = teachings[lesson.assignmentID] else { continue }
            let key = TeacherDay(teacher: lesson.taughtByID ?? teaching.assignment.teacherID, date: lesson.date)
            lastLesson[key] = max(lastLesson[key] ?? lesson.number, lesson.number)
        }
        self.lastLesson = lastLesson
        lessons = allLessons.filter { covered.contains($0.assignmentID) }
        works = try reader.works(range: range).filter { covered.contains($0.assignmentID) }
        var marks: [WorkID: [StudentID: Mark]] = [:]
        for mark in try reader.marks(works: works.compactMap(\.id)) {
            let known = marks[mark.workID]?[mark.studentID]
            if known == nil || mark.createdAt < known!.createdAt {
                marks[mark.workID, default: [:]][mark.studentID] = mark
            }
        }
        self.marks = marks
        var absent: [LessonID: Set<StudentID>] = [:]
        for record in try reader.attendance(lessons: works.compactMap(\.lessonID))
        where absentCodes.contains(record.code) {
            absent[record.lessonID, default: []].insert(record.studentID)
        }
        self.absent = absent
        bells = Dictionary(uniqueKeysWithValues: try reader.bells().map { ($0.number, $0) })
        examResults = query.className == nil && query.teacher == nil ? try reader.examResults(knownIn: range) : []
        let staffIDs = Set(teachings.values.map(\.assignment.teacherID) + lessons.compactMap(\.taughtByID))
        staff = try JournalService.staffNames(reader, Array(staffIDs))
    }

    /// One item a duty is asked about: the facts its Lua functions get, the item as reported
    /// before the rule decides, and its first entry.
    struct Case {
        var duty: Deadlines.Duty
        var facts: [String: LuaValue]
        var base: ComplianceItem
        var entered: Date?
    }

    /// The monitor's items, each decided by the school's duty.
    func items(duties: [Deadlines.Duty], evaluator: RuleEvaluator, now: Date, clock: MomentClock) throws
        -> [ComplianceItem]
    {
        cases(duties: duties).compactMap { item($0, evaluator: evaluator, now: now, clock: clock) }.sorted {
            ($0.date, $0.teacher, $0.subject, $0.duty) < ($1.date, $1.teacher, $1.subject, $1.duty)
        }
    }

    /// Every item each duty is asked about, with the facts the monitor passes to its rule.
    func cases(duties: [Deadlines.Duty]) -> [Case] {
        var cases: [Case] = []
        let lessonsByID = Dictionary(lessons.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        for duty in duties {
            switch duty.appliesTo {
            case .lessonRecord, .homework:
                for lesson in lessons {
                    let teaching = teachings[lesson.assignmentID]!
                    let teacherID = lesson.taughtByID ?? teaching.assignment.teacherID
                    if let teacher, teacher != teacherID { continue }
                    cases.append(
                        Case(
                            duty: duty, facts: lessonFacts(lesson, teaching, teacherID: teacherID),
                            base: base(duty, teaching, teacherID: teacherID, date: lesson.date, lesson: lesson.id),
                            entered: duty.appliesTo == .lessonRecord ? lesson.recordedAt : lesson.homeworkSetAt))
                }
            case .workMarks:
                for work in works {
                    let teaching = teachings[work.assignmentID]!
                    let lesson = work.lessonID.flatMap { lessonsByID[$0] }
                    let teacherID = lesson?.taughtByID ?? teaching.assignment.teacherID
                    if let teacher, teacher != teacherID { continue }
                    var facts: [String: LuaValue] = [
                        "date": .string(work.date.description), "work_type": .string(work.workType),
                        "grade": .integer(Int64(teaching.grade)), "subject": .string(teaching.subject),
                        "weekday": .integer(Int64(work.date.weekday)),
                    ]
                    if let lesson {
                        facts.merge(lessonFacts(lesson, teaching, teacherID: teacherID)) { ours, _ in ours }
                    }
                    let present = (members[teaching.assignment.groupID] ?? [])
                        .filter { !(work.lessonID.flatMap { absent[$0] }?.contains($0) ?? false) }
                    guard !present.isEmpty else { continue }
                    let given = marks[work.id!] ?? [:]
                    var itemBase = base(duty, teaching, teacherID: teacherID, date: work.date, lesson: work.lessonID)
                    itemBase.workID = work.id
                    cases.append(
                        Case(
                            duty: duty, facts: facts, base: itemBase,
                            entered: present.allSatisfy { given[$0] != nil }
                                ? present.compactMap { given[$0]?.createdAt }.max() : nil))
                }
            case .examResults:
                for result in examResults {
                    let subject = subjects[result.subjectID] ?? ""
                    cases.append(
                        Case(
                            duty: duty,
                            facts: [
                                "known_on": .string(result.resultsKnownOn.description),
                                "date": .string(result.resultsKnownOn.description), "subject": .string(subject),
                                "exam": .string(result.examKind),
                            ],
                            base: ComplianceItem(
                                duty: duty.id, status: .due, teacherID: nil,
                                teacher: Strings.text("compliance.management"), assignmentID: nil,
                                subject: "\(result.examKind): \(subject)", group: "", lessonID: nil, workID: nil,
                                examResultID: result.id, date: result.resultsKnownOn, due: nil, enteredAt: nil,
                                failure: nil),
                            entered: result.publishedAt))
                }
            }
        }
        return cases
    }

    private func lessonFacts(_ lesson: Lesson, _ teaching: Teaching, teacherID: StaffID) -> [String: LuaValue] {
        Self.lessonFacts(
            lesson, grade: teaching.grade, subject: teaching.subject, bells: bells,
            teachersLastLesson: lastLesson[TeacherDay(teacher: teacherID, date: lesson.date)] ?? lesson.number)
    }

    /// What a duty's Lua functions learn of a lesson: its day, number and bells, the class's
    /// grade, the subject, whether homework was given, and when its teacher's last lesson of
    /// the day ends.
    static func lessonFacts(
        _ lesson: Lesson, grade: Int, subject: String, bells: [Int: Bell], teachersLastLesson last: Int
    ) -> [String: LuaValue] {
        var facts: [String: LuaValue] = [
            "date": .string(lesson.date.description), "number": .integer(Int64(lesson.number)),
            "grade": .integer(Int64(grade)), "subject": .string(subject),
            "weekday": .integer(Int64(lesson.date.weekday)),
            "homework_given": .boolean(!(lesson.homework ?? "").isEmpty),
        ]
        if let bell = bells[lesson.number] {
            facts["starts"] = .string(bell.startsAt.description)
            facts["ends"] = .string(bell.endsAt.description)
        }
        facts["teacher_day_ends"] = .string(
            (bells[last]?.endsAt ?? bells[lesson.number]?.endsAt)?.description ?? "23:59")
        return facts
    }

    private func base(
        _ duty: Deadlines.Duty, _ teaching: Teaching, teacherID: StaffID, date: LocalDate, lesson: LessonID?
    ) -> ComplianceItem {
        ComplianceItem(
            duty: duty.id, status: .due, teacherID: teacherID, teacher: staff[teacherID] ?? "",
            assignmentID: teaching.assignment.id, subject: teaching.subject, group: teaching.group, lessonID: lesson,
            workID: nil, examResultID: nil, date: date, due: nil, enteredAt: nil, failure: nil)
    }

    /// The item with its deadline and status, nil when the duty does not apply to it.
    private func item(_ asked: Case, evaluator: RuleEvaluator, now: Date, clock: MomentClock) -> ComplianceItem? {
        let (duty, facts, entered) = (asked.duty, asked.facts, asked.entered)
        var item = asked.base
        item.enteredAt = entered
        do {
            guard try evaluator.applies(duty, facts) else { return nil }
            let due = try evaluator.due(duty, facts)
            item.due = due
            let deadline = clock.instant(due, plusMinutes: duty.graceMinutes)
            item.status =
                if let entered { entered <= deadline ? .onTime : .late } else { now > deadline ? .missing : .due }
        } catch {
            item.status = .ruleFailed
            item.failure = (error as? RulesError)?.text(.ru) ?? "\(error)"
        }
        return item
    }
}
