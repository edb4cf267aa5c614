import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore

extension JournalService {
    /// The assignments a teacher teaches.
    public func myAssignments(caller: Caller) async throws -> [AssignmentSummary] {
        guard let staffID = caller.subject?.staffID else { return [] }
        return try await database.read { reader in
            try reader.assignments(teacher: staffID).map { try Self.summary($0, reader) }
                .sorted { ($0.className ?? $0.group, $0.subject) < ($1.className ?? $1.group, $1.subject) }
        }
    }

    static func summary(_ assignment: TeachingAssignment, _ reader: StoreReader) throws -> AssignmentSummary {
        let group = try reader.group(assignment.groupID)
        return AssignmentSummary(
            id: assignment.id!, subject: try reader.subject(assignment.subjectID)?.name ?? "",
            group: group?.name ?? "", className: try group?.classID.flatMap { try reader.schoolClass($0)?.name },
            teacher: try reader.staff(assignment.teacherID)?.name.short ?? "", hoursPerWeek: assignment.hoursPerWeek)
    }

    /// The journal grid of an assignment for a period.
    public func journalGrid(assignment id: AssignmentID, period name: String, caller: Caller) async throws
        -> JournalGrid
    {
        let active = try await rules()
        let today = try await today()
        try await authorize(caller, .journalView, try await assignmentObject(id, for: .journalView, caller: caller))
        let (assignment, grade) = try await database.read { reader in
            guard let assignment = try reader.assignment(id) else {
                throw ServiceError.unknown(entity: "assignment", id: id.description)
            }
            return (assignment, try Self.grade(ofGroup: assignment.groupID, reader) ?? 0)
        }
        let period = try active.calendar.resolve(name, grade: grade, today: today)
        let rules = try await rules(for: period, active: active, today: today)
        let loaded = try await database.read { reader in
            let members = try reader.members(group: assignment.groupID).map(\.studentID)
            let students = try members.compactMap { try reader.student($0) }
                .sorted { ($0.name.lastName, $0.name.firstName) < ($1.name.lastName, $1.name.firstName) }
            let classNames = Dictionary(
                uniqueKeysWithValues: try Set(students.map(\.classID)).compactMap { try reader.schoolClass($0) }.map {
                    ($0.id!, $0.name)
                })
            let lessons = try reader.lessons(assignments: [id], range: period.range)
            let works = try reader.works(assignment: id, range: period.range)
            let year = try reader.currentYear()!
            return (
                summary: try Self.summary(assignment, reader),
                students: students.map {
                    StudentSummary(id: $0.id!, name: $0.name.description, className: classNames[$0.classID] ?? "")
                },
                lessons: lessons, works: works,
                marks: try reader.marks(works: works.compactMap(\.id), students: members),
                attendance: try reader.attendance(lessons: lessons.compactMap(\.id), students: members),
                staff: try Self.staffNames(reader, lessons.compactMap(\.taughtByID)),
                attestation: try reader.attestationMarks(students: members, year: year.id!).filter {
                    $0.subjectID == assignment.subjectID
                },
                subject: try reader.subject(assignment.subjectID)!
            )
        }
        let scale = rules.scale(grade: grade, subject: loaded.subject.name)
        let worksByID = Dictionary(uniqueKeysWithValues: loaded.works.map { ($0.id!, $0) })
        let marksByStudent = Dictionary(grouping: loaded.marks, by: \.studentID)
        let periodMarks = Dictionary(
            loaded.attestation.filter { $0.kind == period.markKind && $0.period == period.key }.map {
                ($0.studentID, $0)
            },
            uniquingKeysWith: { a, _ in a })
        let setByStudent = Dictionary(grouping: loaded.attestation.filter { $0.kind == .period }, by: \.studentID)
            .mapValues { marks in
                Dictionary(
                    marks.compactMap { mark in mark.value.map { (mark.period, $0) } }, uniquingKeysWith: { a, _ in a })
            }
        let standings = try await rules.withEvaluator(budget: Self.pageBudget()) { evaluator in
            try loaded.students.map { student -> GridStanding in
                let set = periodMarks[student.id]
                guard let scale else {
                    return GridStanding(
                        studentID: student.id, average: nil, recommended: nil, forecast: nil,
                        rule: "no marks are given",
                        periodMark: set?.value, periodMarkVersion: set?.version, overrideReason: set?.overrideReason)
                }
                let inputs = (marksByStudent[student.id] ?? []).compactMap { mark -> MarkInput? in
                    guard let work = worksByID[mark.workID] else { return nil }
                    return MarkInput(
                        markID: mark.id, value: mark.value, isDebt: mark.isDebt, workType: work.workType,
                        weightOverride: work.weightOverride, date: work.date)
                }
                let weighted = WeightedAverage.compute(inputs, scale: scale, workTypes: rules.workTypes)
                let standing: PeriodStanding
                do {
                    if period.isYear {
                        let basis = AnnualBasis(
                            set: setByStudent[student.id] ?? [:], periods: rules.calendar.periods(grade: grade))
                        standing = try evaluator.annualStanding(
                            scale: scale, year: period, weighted: weighted, basis: basis)
                    } else {
                        standing = try evaluator.standing(
                            scale: scale, period: period, weighted: weighted, today: today)
                    }
                } catch let error as RulesError {
                    ruleFailures.record(
                        error.description,
                        RuleFailureLog.Input(
                            version: rules.version, student: student.id, subject: loaded.subject.name,
                            period: period.key, weighted: weighted))
                    return GridStanding(
                        studentID: student.id, average: weighted.roundedAverage, recommended: nil, forecast: nil,
                        rule: "", periodMark: set?.value, periodMarkVersion: set?.version,
                        overrideReason: set?.overrideReason, failure: error.description)
                }
                return GridStanding(
                    studentID: student.id, average: standing.weighted.roundedAverage, recommended: standing.recommended,
                    forecast: standing.forecast, rule: standing.rule, periodMark: set?.value,
                    periodMarkVersion: set?.version, overrideReason: set?.overrideReason)
            }
        }
        return JournalGrid(
            assignment: loaded.summary, period: period, students: loaded.students,
            lessons: loaded.lessons.map {
                GridLesson(
                    id: $0.id!, date: $0.date, number: $0.number, status: $0.status, topic: $0.topic,
                    homework: $0.homework, taughtBy: $0.taughtByID.flatMap { loaded.staff[$0] }, version: $0.version)
            },
            works: loaded.works.map {
                GridWork(
                    id: $0.id!, lessonID: $0.lessonID, date: $0.date, workType: $0.workType, title: $0.title,
                    weight: $0.weightOverride ?? rules.workTypes[$0.workType]?.weight ?? 1)
            },
            marks: loaded.marks.map {
                GridMark(
                    id: $0.id!, workID: $0.workID, studentID: $0.studentID, value: $0.value, comment: $0.comment,
                    isDebt: $0.isDebt, version: $0.version)
            },
            attendance: loaded.attendance.map {
                GridAttendance(lessonID: $0.lessonID, studentID: $0.studentID, code: $0.code, version: $0.version)
            },
            standings: standings, workTypes: rules.workTypes.all, attendanceCodes: rules.attendanceCodes.all,
            scaleValues: (scale?.marks ?? []) + (scale?.specials.keys.sorted() ?? []))
    }

    /// Adds a work (a test, an answer…) to an assignment, usually in a lesson.
    public func createWork(
        assignment id: AssignmentID, lesson: LessonID?, workType: String, title: String?, date: LocalDate?,
        weight: Double? = nil, caller: Caller
    ) async throws -> Work {
        let rules = try await rules()
        let assignmentObject = try await assignmentObject(id, for: .marksEdit, caller: caller)
        // A work of a lesson is that lesson's (a substitute gives works in the lesson they
        // give); a work outside lessons, or one with a weight of its own, is the assignment's.
        var object = assignmentObject
        if let lesson {
            object.kind = .work
            object.id = nil
            object.lessons = [lesson]
        }
        try await authorize(caller, .marksEdit, object)
        if weight != nil { try await authorize(caller, .marksEdit, assignmentObject) }
        guard rules.workTypes[workType] != nil else {
            throw JournalError.invalid(
                field: "workType",
                message: .init("error.not_a_work_type", ["value": workType, "accepted": rules.workTypes.codesText]))
        }
        if let weight, !(weight > 0 && weight <= Limits.weight) {
            throw JournalError.invalid(
                field: "weight", message: .init("error.weight_range", ["max": String(Int(Limits.weight))]))
        }
        if let title, title.count > Limits.title {
            throw JournalError.invalid(field: "title", message: .tooLong(Limits.title))
        }
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: "work created") { writer in
            var day = date
            if let lesson {
                guard let found = try writer.reader.lesson(lesson), found.assignmentID == id else {
                    throw JournalError.invalid(field: "lessonID", message: .init("error.lesson_not_of_assignment"))
                }
                day = day ?? found.date
            }
            guard let day else { throw JournalError.invalid(field: "date", message: .init("error.date_or_lesson")) }
            if let assignment = try writer.reader.assignment(id) {
                try gate.check(date: day, group: assignment.groupID, writer.reader)
            }
            return try writer.insert(
                Work(
                    assignmentID: id, lessonID: lesson, workType: workType, title: title?.trimmingWhitespace(),
                    date: day, weightOverride: weight))
        }
    }

    /// Records a lesson's topic, material and homework (R7, R15, R16). The first record marks
    /// the lesson held by the caller, unless a substitute is recorded.
    public func updateLesson(_ id: LessonID, _ changes: LessonChanges, caller: Caller) async throws -> Lesson {
        let object = try await lessonObject(id, for: .lessonsEdit, caller: caller)
        try await authorize(caller, .lessonsEdit, object)
        for (field, value) in [
            ("topic", changes.topic), ("material", changes.material), ("homework", changes.homework),
        ] {
            if let value, value.count > Limits.lessonText {
                throw JournalError.invalid(field: field, message: .tooLong(Limits.lessonText))
            }
        }
        let current = try await database.read { try $0.lesson(id) }
        let homeworkChanges =
            changes.homework.map { $0.trimmingWhitespace() } != (current?.homework ?? "")
            && changes.homework != nil
        try await checkNotLocked(homeworkChanges ? [.lessonRecord, .homework] : [.lessonRecord], lesson: id)
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: "lesson recorded") { writer in
            guard var lesson = try writer.reader.lesson(id) else {
                throw ServiceError.unknown(entity: "lesson", id: id.description)
            }
            try gate.check(lesson: lesson, writer.reader)
            guard lesson.status != .cancelled else {
                throw JournalError.refused(.init("error.lesson_cancelled"))
            }
            func cleaned(_ value: String?, _ current: String?) -> String? {
                guard let value else { return current }
                let text = value.trimmingWhitespace()
                return text.isEmpty ? nil : text
            }
            lesson.topic = cleaned(changes.topic, lesson.topic)
            lesson.material = cleaned(changes.material, lesson.material)
            let homework = cleaned(changes.homework, lesson.homework)
            if homework != lesson.homework, homework != nil, lesson.homeworkSetAt == nil {
                lesson.homeworkSetAt = writer.now
            }
            lesson.homework = homework
            if lesson.recordedAt == nil { lesson.recordedAt = writer.now }
            if lesson.taughtByID == nil { lesson.taughtByID = writer.actor.staffID }
            lesson.status = .held
            lesson.version = changes.version
            return try writer.update(lesson)
        }
    }

    /// Sets or clears a student's attendance code in a lesson (R4, R15), if nobody changed it
    /// since it was read at `version`: the record's version, or 0 when there was none (present).
    /// A stale write is refused with the current value, as for marks and lessons. Without a
    /// version (clients older than versions) a write is taken only where it cannot undo
    /// someone else's: when nothing is recorded, or what is recorded is what it asks for.
    public func setAttendance(
        lesson id: LessonID, student: StudentID, code: String?, version: Int?, caller: Caller
    ) async throws -> Attendance? {
        let rules = try await rules()
        var object = try await lessonObject(id, for: .attendanceEdit, caller: caller)
        object.students = [student]
        try await authorize(caller, .attendanceEdit, object)
        if let code, rules.attendanceCodes[code] == nil {
            throw JournalError.invalid(
                field: "code",
                message: .init(
                    "error.not_an_attendance_code", ["value": code, "accepted": rules.attendanceCodes.codesText]))
        }
        if let version, version < 0 {
            throw JournalError.invalid(
                field: "version", message: .init("error.attendance_version"))
        }
        let today = try await today()
        try await checkNotLocked([.lessonRecord], lesson: id)
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: "attendance") { writer -> Attendance? in
            guard let lesson = try writer.reader.lesson(id),
                let assignment = try writer.reader.assignment(lesson.assignmentID)
            else { throw ServiceError.unknown(entity: "lesson", id: id.description) }
            try gate.check(date: lesson.date, group: assignment.groupID, writer.reader)
            guard lesson.date <= today else {
                throw JournalError.refused(.init("error.lesson_not_yet", ["date": lesson.date.description]))
            }
            guard try writer.reader.members(group: assignment.groupID).contains(where: { $0.studentID == student })
            else {
                throw JournalError.invalid(field: "studentID", message: .init("error.student_not_in_lesson_group"))
            }
            let existing = try writer.reader.attendance(lesson: id, student: student)
            let stale =
                if let version { version != (existing?.version ?? 0) } else {
                    existing.map { $0.code != code } ?? false
                }
            if stale {
                throw JournalError.conflict(
                    entity: "attendance", id: "of student \(student) in lesson \(id)",
                    current: Self.attendanceJSON(existing, lesson: id, student: student))
            }
            switch (existing, code) {
            case (nil, nil): return nil
            case (let current?, nil):
                try writer.delete(current)
                return nil
            case (nil, let code?):
                return try writer.insertFreshVersion(Attendance(lessonID: id, studentID: student, code: code))
            case (var current?, let code?):
                guard current.code != code else { return current }
                current.code = code
                return try writer.update(current)
            }
        }
    }

    /// The attendance of a conflict's answer: the record, or present (a null code) at version 0.
    static func attendanceJSON(_ record: Attendance?, lesson: LessonID, student: StudentID) -> String {
        struct Current: Encodable {
            var id: AttendanceID?
            var lessonID: LessonID
            var studentID: StudentID
            var code: String?
            var version: Int

            enum CodingKeys: String, CodingKey { case id, lessonID, studentID, code, version }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encodeIfPresent(id, forKey: .id)
                try container.encode(lessonID, forKey: .lessonID)
                try container.encode(studentID, forKey: .studentID)
                try container.encode(code, forKey: .code)
                try container.encode(version, forKey: .version)
            }
        }
        let current = Current(
            id: record?.id, lessonID: lesson, studentID: student, code: record?.code, version: record?.version ?? 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(current)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Sets or clears homework for one student in a lesson (R7).
    public func setIndividualHomework(lesson id: LessonID, student: StudentID, text: String?, caller: Caller)
        async throws
    {
        var object = try await lessonObject(id, for: .lessonsEdit, caller: caller)
        object.students = [student]
        try await authorize(caller, .lessonsEdit, object)
        if let text, text.count > Limits.lessonText {
            throw JournalError.invalid(field: "text", message: .tooLong(Limits.lessonText))
        }
        try await checkNotLocked([.homework], lesson: id)
        let gate = try await periodGate()
        try await database.write(actor: caller.actor, reason: "individual homework") { writer in
            guard let lesson = try writer.reader.lesson(id),
                let assignment = try writer.reader.assignment(lesson.assignmentID)
            else { throw ServiceError.unknown(entity: "lesson", id: id.description) }
            try gate.check(date: lesson.date, group: assignment.groupID, writer.reader)
            guard try writer.reader.members(group: assignment.groupID).contains(where: { $0.studentID == student })
            else {
                throw JournalError.invalid(field: "studentID", message: .init("error.student_not_in_lesson_group"))
            }
            for existing in try writer.reader.individualHomework(lessons: [id], students: [student]) {
                try writer.delete(existing)
            }
            if let text = text?.trimmingWhitespace(), !text.isEmpty {
                try writer.insert(IndividualHomework(lessonID: id, studentID: student, text: text))
            }
        }
    }

    /// Arranges that another teacher gives a lesson (R15): by default the caller. Substitutions
    /// are arranged by the school's management (`substitutions.record`), ahead of the lesson or
    /// after it; the substitute then keeps that lesson's entries for the days the rules allow.
    public func recordSubstitution(
        lesson id: LessonID, substitute: StaffID?, reason: String?, caller: Caller
    ) async throws -> Lesson {
        let object = try await lessonObject(id, for: .substitutionsRecord, caller: caller)
        try await authorize(caller, .substitutionsRecord, object)
        guard let substitute = substitute ?? caller.subject?.staffID else {
            throw JournalError.invalid(field: "substituteID", message: .init("error.substitute_missing"))
        }
        if let reason, reason.count > Limits.comment {
            throw JournalError.invalid(field: "reason", message: .tooLong(Limits.comment))
        }
        let gate = try await periodGate()
        return try await database.write(actor: caller.actor, reason: reason ?? "substitution") { writer in
            guard var lesson = try writer.reader.lesson(id),
                let assignment = try writer.reader.assignment(lesson.assignmentID)
            else { throw ServiceError.unknown(entity: "lesson", id: id.description) }
            try gate.check(date: lesson.date, group: assignment.groupID, writer.reader)
            guard try writer.reader.staff(substitute) != nil else {
                throw ServiceError.unknown(entity: "staff member", id: substitute.description)
            }
            guard substitute != assignment.teacherID else {
                throw JournalError.invalid(
                    field: "substituteID", message: .init("error.substitute_is_own_teacher"))
            }
            guard lesson.status != .cancelled else {
                throw JournalError.refused(.init("error.lesson_cancelled_no_substitution"))
            }
            try Self.checkNotMerged(id, writer.reader)
            let current = try writer.reader.timetableChanges(lessons: [id]).filter { $0.kind == .substitution }
                .max { $0.id!.rawValue < $1.id!.rawValue }
            if current?.substituteID != substitute {
                try writer.insert(
                    TimetableChange(
                        lessonID: id, kind: .substitution, substituteID: substitute,
                        reason: reason?.trimmingWhitespace(), createdAt: writer.now,
                        arrangedByID: writer.actor.accountID))
            }
            guard lesson.taughtByID != substitute else { return lesson }
            lesson.taughtByID = substitute
            return try writer.update(lesson)
        }
    }

    /// A lesson's facts for deciding `capability` on it (see ``decidable(_:_:_:caller:load:)``).
    func lessonObject(_ id: LessonID, for capability: Capability, caller: Caller) async throws -> AccessObject {
        try await decidable(.lesson, id.rawValue, capability, caller: caller) { reader in
            try reader.lesson(id).map { try Self.lessonObject($0, reader) }
        }
    }

    /// An assignment's facts for deciding `capability` on it.
    func assignmentObject(_ id: AssignmentID, for capability: Capability, caller: Caller) async throws
        -> AccessObject
    {
        try await decidable(.assignment, id.rawValue, capability, caller: caller) { reader in
            try reader.assignment(id).map { try Self.assignmentObject($0, reader) }
        }
    }
}

extension JournalService {
    /// A teacher's lessons on a day: their own and those they substitute.
    public func teacherDay(date: LocalDate, caller: Caller) async throws -> [TeacherLesson] {
        guard let staffID = caller.subject?.staffID else { return [] }
        let substitutes = caller.subject?.substitutions.filter { $0.value == date }.keys.sorted() ?? []
        return try await database.read { reader in
            let own = try reader.assignments(teacher: staffID)
            var lessons = try reader.lessons(
                assignments: own.compactMap(\.id), range: DateRange(start: date, end: date))
            for id in substitutes {
                if let lesson = try reader.lesson(id), lesson.date == date { lessons.append(lesson) }
            }
            let bells = Dictionary(uniqueKeysWithValues: try reader.bells().map { ($0.number, $0) })
            return try lessons.sorted { $0.number < $1.number }.compactMap { lesson in
                guard let assignment = try reader.assignment(lesson.assignmentID) else { return nil }
                let summary = try Self.summary(assignment, reader)
                return TeacherLesson(
                    lessonID: lesson.id!, assignmentID: assignment.id!, number: lesson.number,
                    startsAt: bells[lesson.number]?.startsAt, endsAt: bells[lesson.number]?.endsAt,
                    subject: summary.subject, group: summary.group, room: lesson.room, status: lesson.status,
                    topic: lesson.topic, homework: lesson.homework, isSubstitution: assignment.teacherID != staffID)
            }
        }
    }
}
