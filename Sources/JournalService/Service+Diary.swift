import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
import Synchronization

extension JournalService {
    /// A week of a student's diary, Monday to Sunday, for the student, their parents and the
    /// staff whose rights cover them (R1, R4–R7, R12).
    public func diaryWeek(student id: StudentID, week: LocalDate, caller: Caller) async throws -> DiaryWeek {
        let rules = try await rules()
        let start = week.startOfWeek
        let range = DateRange(start: start, end: start.adding(days: 6))
        let context = try await studentContext(id, capability: .diaryView, caller: caller)
        let data = try await database.read { reader in
            let lessons = try reader.lessons(assignments: Array(context.assignments.keys).sorted(), range: range)
            let lessonIDs = lessons.compactMap(\.id)
            let works = try reader.works(lessons: lessonIDs)
            let changes = try reader.timetableChanges(lessons: lessonIDs)
            let others = Set(lessons.compactMap(\.taughtByID) + changes.compactMap(\.substituteID))
                .subtracting(context.staff.keys)
            return DiaryData(
                lessons: lessons, works: works, marks: try reader.marks(works: works.compactMap(\.id), students: [id]),
                attendance: try reader.attendance(lessons: lessonIDs, students: [id]),
                homework: try reader.individualHomework(lessons: lessonIDs, students: [id]),
                changes: changes, joined: try Self.joinedGroups(changes, reader),
                staff: context.staff.merging(try Self.staffNames(reader, Array(others))) { first, _ in first })
        }
        let worksByLesson = Dictionary(grouping: data.works, by: \.lessonID)
        let marksByWork = Dictionary(grouping: data.marks, by: \.workID)
        let attendanceByLesson = Dictionary(uniqueKeysWithValues: data.attendance.map { ($0.lessonID, $0) })
        let homeworkByLesson = Dictionary(grouping: data.homework, by: \.lessonID)
        let changesByLesson = Dictionary(grouping: data.changes, by: \.lessonID)
        let lessonsByDate = Dictionary(grouping: data.lessons, by: \.date)
        let days = (0..<7).map { offset -> DiaryDay in
            let date = start.adding(days: offset)
            let lessons = (lessonsByDate[date] ?? []).map { lesson -> DiaryLesson in
                let assignment = context.assignments[lesson.assignmentID]!
                let bell = context.bells[lesson.number]
                let marks = (worksByLesson[lesson.id] ?? []).flatMap { work in
                    (marksByWork[work.id!] ?? []).map { mark in
                        let type = rules.workTypes[work.workType]
                        return DiaryMark(
                            markID: mark.id!, workID: work.id!, value: mark.value, workType: work.workType,
                            workTypeTitle: type?.title ?? work.workType,
                            weight: work.weightOverride ?? type?.weight ?? 1, title: work.title, comment: mark.comment,
                            isDebt: mark.isDebt, debtDueOn: mark.debtDueOn)
                    }
                }
                let attendance = attendanceByLesson[lesson.id!].map {
                    DiaryAttendance(code: $0.code, title: rules.attendanceCodes[$0.code]?.title ?? $0.code)
                }
                return DiaryLesson(
                    lessonID: lesson.id!, number: lesson.number, startsAt: bell?.startsAt, endsAt: bell?.endsAt,
                    subject: context.subjects[assignment.subjectID] ?? "",
                    teacher: data.staff[lesson.taughtByID ?? assignment.teacherID], room: lesson.room,
                    status: lesson.status, topic: lesson.topic, material: lesson.material, homework: lesson.homework,
                    individualHomework: (homeworkByLesson[lesson.id!] ?? []).map(\.text), marks: marks,
                    attendance: attendance,
                    changes: (changesByLesson[lesson.id!] ?? []).map {
                        Self.describe($0, staff: data.staff, joined: data.joined)
                    })
            }
            return DiaryDay(
                date: date, weekday: date.weekday,
                holiday: rules.calendar.holiday(on: date, grade: context.grade)?.title, lessons: lessons)
        }
        return DiaryWeek(student: context.summary, weekStart: start, days: days)
    }

    /// A student's marks in every subject for a period, with averages, recommendations,
    /// forecasts and their explanations (R1, R2, R13).
    public func studentMarks(student id: StudentID, period name: String, caller: Caller) async throws
        -> StudentPeriodMarks
    {
        let active = try await rules()
        let today = try await today()
        let context = try await studentContext(id, capability: .marksView, caller: caller)
        let period = try active.calendar.resolve(name, grade: context.grade, today: today)
        let rules = try await rules(for: period, active: active, today: today)
        let (snapshot, marks) = try await database.read { reader in
            let schoolClass = try reader.schoolClass(context.classID)!
            let snapshot = try TeachingSnapshot.load(reader, classes: [schoolClass], withPeriodMarks: period.isYear)
            return (snapshot, try snapshot.marks(reader) { _ in period })
        }
        let visible = try await visibleAssignments(context, .marksView, caller: caller)
        let subjects = Set(context.assignments.values.filter { visible.contains($0.id!) }.map(\.subjectID))
        let rows = try await rules.withEvaluator(budget: Self.pageBudget()) { evaluator in
            try Self.standings(
                snapshot, marks: marks, rules: rules, today: today, recommender: evaluator, only: id,
                failures: ruleFailures
            ) { _ in period }
        }
        return StudentPeriodMarks(
            student: context.summary, period: period, subjects: rows.filter { subjects.contains($0.subjectID) })
    }

    /// Period, annual and final marks and exam results (R2, R3, R14), and the annual marks of
    /// the years before.
    public func attestation(student id: StudentID, caller: Caller) async throws -> StudentAttestation {
        let rules = try await rules()
        let context = try await studentContext(id, capability: .examsView, caller: caller)
        let (marks, exams, earlier) = try await database.read {
            reader -> ([AttestationMark], [ExamResult], (years: [AcademicYear], marks: [AttestationMark])) in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            let years = try reader.years().filter { $0.startsOn < year.startsOn }
            let annual = try reader.annualMarks(student: id, years: years.compactMap(\.id))
            return (
                try reader.attestationMarks(students: [id], year: year.id!), try reader.examResults(student: id),
                (years, annual)
            )
        }
        let periodTitles = Dictionary(
            rules.calendar.periods(grade: context.grade).map { ($0.key, $0.title) }, uniquingKeysWith: { a, _ in a })
        let entries = marks.map { mark in
            AttestationEntry(
                subject: context.subjects[mark.subjectID] ?? "", kind: mark.kind, period: mark.period,
                periodTitle: periodTitles[mark.period]
                    ?? (mark.kind == .annual ? "год" : mark.kind == .final ? "итог" : mark.period),
                value: mark.value, recommended: mark.recommended)
        }.sorted { ($0.subject, $0.period) < ($1.subject, $1.period) }
        return StudentAttestation(
            student: context.summary, marks: entries,
            exams: exams.map {
                ExamEntry(
                    subject: context.subjects[$0.subjectID] ?? "", examKind: $0.examKind, score: $0.score,
                    mark: $0.mark, resultsKnownOn: $0.resultsKnownOn, passed: $0.passed,
                    protocolNumber: $0.protocolNumber)
            },
            earlierYears: Self.earlierYears(earlier.years, marks: earlier.marks, subjects: context.subjects))
    }

    /// The annual marks by year, the latest year first, leaving out the years without one.
    static func earlierYears(_ years: [AcademicYear], marks: [AttestationMark], subjects: [SubjectID: String])
        -> [EarlierYearMarks]
    {
        let byYear = Dictionary(grouping: marks, by: \.yearID)
        return years.sorted { $0.startsOn > $1.startsOn }.compactMap { year in
            guard let marks = byYear[year.id!], !marks.isEmpty else { return nil }
            return EarlierYearMarks(
                title: year.title,
                marks: marks.map { mark in
                    EarlierAnnualMark(
                        subject: subjects[mark.subjectID] ?? "", value: mark.value, recommended: mark.recommended,
                        reason: mark.value != mark.recommended ? mark.overrideReason : nil)
                }.sorted { $0.subject < $1.subject })
        }
    }

    /// A student's attendance over a period (R4).
    public func attendanceSummary(student id: StudentID, period name: String, caller: Caller) async throws
        -> AttendanceSummary
    {
        let rules = try await rules()
        let today = try await today()
        let context = try await studentContext(id, capability: .attendanceView, caller: caller)
        let period = try rules.calendar.resolve(name, grade: context.grade, today: today)
        let until = min(period.range.end, today)
        let visible = try await visibleAssignments(context, .attendanceView, caller: caller)
        let (lessons, records) = try await database.read { reader in
            let lessons = try reader.lessons(
                assignments: visible.sorted(),
                range: DateRange(start: period.range.start, end: max(until, period.range.start))
            )
            .filter { $0.status != .cancelled && $0.date <= until }
            return (lessons, try reader.attendance(lessons: lessons.compactMap(\.id), students: [id]))
        }
        let lessonsByID = Dictionary(uniqueKeysWithValues: lessons.map { ($0.id!, $0) })
        let list = records.compactMap { record -> AttendanceRecord? in
            guard let lesson = lessonsByID[record.lessonID], let assignment = context.assignments[lesson.assignmentID]
            else {
                return nil
            }
            return AttendanceRecord(
                date: lesson.date, number: lesson.number, subject: context.subjects[assignment.subjectID] ?? "",
                code: record.code, title: rules.attendanceCodes[record.code]?.title ?? record.code)
        }.sorted { ($0.date, $0.number) < ($1.date, $1.number) }
        return AttendanceSummary(
            student: context.summary, period: period, lessons: lessons.count,
            counts: Dictionary(grouping: list, by: \.code).mapValues(\.count), records: list)
    }

    /// The weekly timetable of a student and the changes of one week (R5, R6).
    public func studentTimetable(student id: StudentID, week: LocalDate, caller: Caller) async throws
        -> StudentTimetable
    {
        let context = try await studentContext(id, capability: .timetableView, caller: caller)
        let start = week.startOfWeek
        let range = DateRange(start: start, end: start.adding(days: 6))
        let (lines, entries, lessons, changes, joined, staff, bells) = try await database.read { reader in
            let ids = Set(context.assignments.keys)
            let lines = try reader.timetable().filter { ids.contains($0.assignmentID) }
            let entries = lines.filter { $0.validFrom <= range.end && $0.validTo >= range.start }
            let lessons = try reader.lessons(assignments: Array(ids).sorted(), range: range)
            let changes = try reader.timetableChanges(lessons: lessons.compactMap(\.id))
            return (
                lines, entries, lessons, changes, try Self.joinedGroups(changes, reader),
                try Self.staffNames(
                    reader, context.teacherIDs + lessons.compactMap(\.taughtByID) + changes.compactMap(\.substituteID)),
                Dictionary(uniqueKeysWithValues: try reader.bells().map { ($0.number, $0) })
            )
        }
        let lessonsByID = Dictionary(uniqueKeysWithValues: lessons.map { ($0.id!, $0) })
        let slots = entries.compactMap { entry -> TimetableSlot? in
            guard let assignment = context.assignments[entry.assignmentID] else { return nil }
            return TimetableSlot(
                weekday: entry.weekday, number: entry.lessonNumber, startsAt: bells[entry.lessonNumber]?.startsAt,
                endsAt: bells[entry.lessonNumber]?.endsAt, subject: context.subjects[assignment.subjectID] ?? "",
                teacher: staff[assignment.teacherID], room: entry.room)
        }.sorted { ($0.weekday, $0.number, $0.subject) < ($1.weekday, $1.number, $1.subject) }
        let dated = changes.compactMap { change -> DatedChange? in
            guard let lesson = lessonsByID[change.lessonID], let assignment = context.assignments[lesson.assignmentID]
            else {
                return nil
            }
            return DatedChange(
                date: lesson.date, number: lesson.number, subject: context.subjects[assignment.subjectID] ?? "",
                change: Self.describe(change, staff: staff, joined: joined))
        }
        return StudentTimetable(
            student: context.summary, weekStart: start, entries: slots, changes: dated,
            lineChanges: Self.lineNews(
                lines, context: context, within: DateRange(start: start, end: start.adding(days: 20))))
    }

    /// The student's assignments whose data `capability` lets the caller read: all of them for
    /// the family, the class teacher and management; for a subject teacher only those they
    /// teach (their subjects' marks, their lessons' attendance).
    func visibleAssignments(_ context: StudentContext, _ capability: Capability, caller: Caller) async throws
        -> Set<AssignmentID>
    {
        var visible: Set<AssignmentID> = []
        for (id, _) in context.assignments {
            let object = AccessObject(
                kind: .student, id: context.summary.id.rawValue, students: [context.summary.id],
                classes: [context.classID], assignments: [id])
            if try await may(caller, capability, object) { visible.insert(id) }
        }
        return visible
    }

    /// Checks that the caller may read the student's diary, cheaply (the student's context is
    /// cached), and returns the tag of the week as it is now: it changes whenever anything the
    /// week shows may have changed — their marks and attendance, the lessons and works of their
    /// groups, the rules, the school's reference data, in this process or another — and it
    /// never repeats, not even across restarts. For serving a cached answer or a 304.
    public func diaryTag(student id: StudentID, week: LocalDate, caller: Caller) async throws -> String {
        let context = try await studentContext(id, capability: .diaryView, caller: caller)
        let version = changes.diaryVersion(student: id, assignments: context.assignments.keys)
        return "W/\"\(changes.boot)-\(version)-\(id)-\(week.startOfWeek)\""
    }

    // MARK: Shared

    struct StudentContext: Sendable {
        var summary: StudentSummary
        var classID: ClassID
        var grade: Int
        var assignments: [AssignmentID: TeachingAssignment]
        var subjects: [SubjectID: String]
        var teacherIDs: [StaffID]
        /// Short names of their teachers.
        var staff: [StaffID: String]
        var bells: [Int: Bell]
    }

    struct DiaryData: Sendable {
        var lessons: [Lesson]
        var works: [Work]
        var marks: [Mark]
        var attendance: [Attendance]
        var homework: [IndividualHomework]
        var changes: [TimetableChange]
        /// The group each merged lesson joins, by the lesson joined.
        var joined: [LessonID: String]
        var staff: [StaffID: String]
    }

    /// Reads a student, checks the caller's right on them, and gathers who teaches them what.
    /// The context is cached until the next change of access facts or reference data.
    func studentContext(_ id: StudentID, capability: Capability, caller: Caller) async throws -> StudentContext {
        try changes.refreshIfWritten(database)
        // The context holds the bells too: reference data of the school.
        let version = max(changes.current.access, changes.current.school)
        var context: StudentContext
        if let cached = access.students.withLock({ $0[id] }), cached.version == version {
            context = cached.context
        } else {
            let loaded: StudentContext? = try await database.read { reader in
                guard let student = try reader.student(id), let schoolClass = try reader.schoolClass(student.classID)
                else { return nil }
                let groups = try reader.memberships(students: [id]).map(\.groupID)
                let assignments = try reader.assignments(groups: groups)
                let subjects = Dictionary(uniqueKeysWithValues: try reader.subjects().map { ($0.id!, $0.name) })
                let teachers = Set(assignments.map(\.teacherID))
                return StudentContext(
                    summary: StudentSummary(id: id, name: student.name.description, className: schoolClass.name),
                    classID: schoolClass.id!, grade: schoolClass.grade,
                    assignments: Dictionary(uniqueKeysWithValues: assignments.map { ($0.id!, $0) }), subjects: subjects,
                    teacherIDs: Array(teachers), staff: try Self.staffNames(reader, Array(teachers)),
                    bells: Dictionary(uniqueKeysWithValues: try reader.bells().map { ($0.number, $0) }))
            }
            guard let loaded else {
                // Whether a student exists is itself data: a person without the right to the id
                // asked for learns only that they may not see it.
                try await authorize(caller, capability, AccessObject(kind: .student, id: id.rawValue, students: [id]))
                throw ServiceError.unknown(entity: "student", id: id.description)
            }
            context = loaded
            access.students.withLock { students in
                if students.count > 5000 { students.removeAll() }
                students[id] = (version, loaded)
            }
        }
        try await authorize(
            caller, capability,
            AccessObject(kind: .student, id: id.rawValue, students: [id], classes: [context.classID]))
        return context
    }

    static func staffNames(_ reader: StoreReader, _ ids: [StaffID]) throws -> [StaffID: String] {
        Dictionary(
            uniqueKeysWithValues: try reader.staff(ids: Array(Set(ids))).map { ($0.id!, $0.name.short) })
    }

    static func describe(_ change: TimetableChange, staff: [StaffID: String], joined: [LessonID: String])
        -> DiaryChange
    {
        DiaryChange(
            kind: change.kind, substitute: change.substituteID.flatMap { staff[$0] }, previousDate: change.previousDate,
            previousNumber: change.previousNumber, previousRoom: change.previousRoom, reason: change.reason,
            joins: change.hostLessonID.flatMap { joined[$0] })
    }

    /// The weekly lines of a student's subjects that change on a day of `days`: a line that
    /// starts the day after another of its assignment ends is a move, one that starts alone is
    /// new, one that ends alone before the year's end stops.
    static func lineNews(_ lines: [TimetableEntry], context: StudentContext, within days: DateRange)
        -> [TimetableLineNews]
    {
        func place(_ line: TimetableEntry) -> TimetableLineNews.Place {
            .init(weekday: line.weekday, number: line.lessonNumber, room: line.room)
        }
        func subject(_ line: TimetableEntry) -> String {
            context.assignments[line.assignmentID].flatMap { context.subjects[$0.subjectID] } ?? ""
        }
        let yearStart = lines.map(\.validFrom).min()
        let yearEnd = lines.map(\.validTo).max()
        var news: [TimetableLineNews] = []
        for line in lines where days.contains(line.validFrom) && line.validFrom != yearStart {
            let before = lines.first {
                $0.assignmentID == line.assignmentID && $0.validTo == line.validFrom.adding(days: -1)
            }
            news.append(
                TimetableLineNews(
                    from: line.validFrom, subject: subject(line), before: before.map(place), after: place(line)))
        }
        for line in lines where line.validTo != yearEnd && days.contains(line.validTo.adding(days: 1)) {
            let next = line.validTo.adding(days: 1)
            guard !lines.contains(where: { $0.assignmentID == line.assignmentID && $0.validFrom == next }) else {
                continue
            }
            news.append(TimetableLineNews(from: next, subject: subject(line), before: place(line), after: nil))
        }
        return news.sorted { ($0.from, $0.subject) < ($1.from, $1.subject) }
    }

    /// The group of each lesson a merged lesson joins.
    static func joinedGroups(_ changes: [TimetableChange], _ reader: StoreReader) throws -> [LessonID: String] {
        var groups: [LessonID: String] = [:]
        for host in Set(changes.compactMap(\.hostLessonID)) {
            guard let lesson = try reader.lesson(host), let assignment = try reader.assignment(lesson.assignmentID)
            else { continue }
            groups[host] = try reader.group(assignment.groupID)?.name
        }
        return groups
    }
}
