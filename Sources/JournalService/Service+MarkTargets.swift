import JournalAccess
public import JournalModel
public import JournalRules
import JournalStore

/// "What it would take" for a student (issue 11, item 7): per subject and work type, the
/// fewest future marks that would reach each mark above the recommended one, or none when the
/// lessons left in the period are too few.
public struct StudentMarkTargets: Codable, Sendable {
    public var student: StudentSummary
    public var period: SchoolCalendar.Period
    /// The work types a family can plan with, in the rules' order.
    public var workTypes: [WorkTypes.WorkType]
    public var subjects: [SubjectTargets]
}

/// One subject's targets: where it stands, how many lessons are left, and for each work type
/// what each higher mark would take.
public struct SubjectTargets: Codable, Sendable {
    public var subjectID: SubjectID
    public var subjectName: String
    public var scaleID: String?
    public var recommended: String?
    public var average: Double?
    /// Lessons of the subject after today and before the period ends: at most one mark each.
    public var lessonsLeft: Int
    /// In the order of `StudentMarkTargets.workTypes`; empty when no marks are given in the
    /// subject, for the year (its mark comes from the period marks) or when the rules failed.
    public var byWorkType: [WorkTypeTargets]
    public var failure: String?
}

/// What each higher mark would take with marks of one work type.
public struct WorkTypeTargets: Codable, Sendable {
    public var workType: String
    public var weight: Double
    public var targets: [MarkTarget]
}

extension JournalService {
    /// What it would take for the student to reach each higher mark in each subject of the
    /// period: the same rights as their marks (the answer is built from them).
    public func studentMarkTargets(student id: StudentID, period name: String, caller: Caller) async throws
        -> StudentMarkTargets
    {
        try await markTargets(for: try await studentMarks(student: id, period: name, caller: caller), caller: caller)
    }

    /// What it would take, from marks already read (the family's marks page shows both).
    public func markTargets(for marks: StudentPeriodMarks, caller: Caller) async throws -> StudentMarkTargets {
        let id = marks.student.id
        let active = try await rules()
        let today = try await today()
        let rules = try await rules(for: marks.period, active: active, today: today)
        let context = try await studentContext(id, capability: .marksView, caller: caller)
        let lessonsLeft = try await lessonsLeft(context, period: marks.period, today: today, rules: rules)
        let workTypes = rules.workTypes.all
        let subjects = try await rules.withEvaluator(budget: Self.pageBudget()) { evaluator in
            try marks.subjects.map { row in
                var result = SubjectTargets(
                    subjectID: row.subjectID, subjectName: row.subjectName, scaleID: row.standing?.scaleID,
                    recommended: row.standing?.recommended, average: row.standing?.weighted.average,
                    lessonsLeft: lessonsLeft[row.subjectID] ?? 0, byWorkType: [], failure: row.failure)
                guard let standing = row.standing, let scale = rules.scales[standing.scaleID], !marks.period.isYear
                else { return result }
                let question = TargetQuestion(
                    scale: scale, weighted: standing.weighted, current: standing.recommended,
                    maxCount: result.lessonsLeft)
                do {
                    // Work types of the same weight take the same marks: searched once.
                    var byWeight: [Double: [MarkTarget]] = [:]
                    for type in workTypes where byWeight[type.weight] == nil {
                        byWeight[type.weight] = try MarkTargets.search(question, weight: type.weight) {
                            try evaluator.periodMark(scale, average: $0)
                        }
                    }
                    result.byWorkType = workTypes.map {
                        WorkTypeTargets(workType: $0.code, weight: $0.weight, targets: byWeight[$0.weight]!)
                    }
                } catch let error as RulesError {
                    result.failure = error.description
                }
                return result
            }
        }
        return StudentMarkTargets(
            student: marks.student, period: marks.period, workTypes: workTypes, subjects: subjects)
    }

    /// The lessons of each subject the student still has after `today` and up to the period's
    /// end, not cancelled: those in the lessons table, and the timetable's slots on school
    /// days for which no lesson has been generated yet.
    func lessonsLeft(
        _ context: StudentContext, period: SchoolCalendar.Period, today: LocalDate, rules: SchoolRules
    ) async throws -> [SubjectID: Int] {
        let start = max(today.adding(days: 1), period.range.start)
        guard start <= period.range.end else { return [:] }
        let range = DateRange(start: start, end: period.range.end)
        let assignmentIDs = Array(context.assignments.keys).sorted()
        let (lessons, entries) = try await database.read { reader in
            let ids = Set(assignmentIDs)
            return (
                try reader.lessons(assignments: assignmentIDs, range: range),
                try reader.timetable().filter {
                    ids.contains($0.assignmentID) && $0.validFrom <= range.end && $0.validTo >= range.start
                }
            )
        }
        var known = Set(lessons.map { LessonSlot(assignment: $0.assignmentID, date: $0.date, number: $0.number) })
        var slots = Set(
            lessons.filter { $0.status != .cancelled }.map {
                LessonSlot(assignment: $0.assignmentID, date: $0.date, number: $0.number)
            })
        for entry in entries {
            let first = max(entry.validFrom, range.start)
            let last = min(entry.validTo, range.end)
            guard first <= last else { continue }
            var day = first.adding(days: (entry.weekday - first.weekday + 7) % 7)
            while day <= last {
                let slot = LessonSlot(assignment: entry.assignmentID, date: day, number: entry.lessonNumber)
                if rules.calendar.isSchoolDay(day, grade: context.grade), known.insert(slot).inserted {
                    slots.insert(slot)
                }
                day = day.adding(days: 7)
            }
        }
        var counts: [SubjectID: Int] = [:]
        for slot in slots {
            guard let subject = context.assignments[slot.assignment]?.subjectID else { continue }
            counts[subject, default: 0] += 1
        }
        return counts
    }
}

extension JournalService {
    /// Every student's id, in order: the sample `journal bench targets` draws from.
    public func benchmarkStudentIDs() async throws -> [StudentID] {
        try await database.read { try $0.allStudents() }.compactMap(\.id)
    }
}
