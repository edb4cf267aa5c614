import Foundation
import JournalModel
import JournalRules
import JournalStore
import Localization

/// Makes the messages of a batch of journal changes, or of a schedule, for every family:
/// who the change is about, their representatives, each one's agreed form for the class of
/// message (or the school's default from `notifications.lua`), the text from its templates.
/// Reads only; the caller writes what it returns with delivery's new position.
struct DeliveryPlanner {
    let reader: StoreReader
    let rules: SchoolRules
    let school: School
    let now: Date

    /// What one change says about one or more students.
    private struct Draft {
        var students: [StudentID]
        var messageClass: String
        var fields: [String: String]
        var sourceKey: String
        /// When it happened: a digest takes the changes made before its hour, however late
        /// delivery read them.
        var at: Date
        /// Not sent before: a scheduled message waits for the day's digest hour, not midnight.
        var notBefore: Date? = nil
    }

    private final class Cache {
        var students: [StudentID: Student?] = [:]
        var representatives: [StudentID: [RepresentativeID]] = [:]
        var preferences: [RepresentativeID: [String: DeliveryPreference]] = [:]
        var assignments: [AssignmentID: (subject: String, teacher: String, group: GroupID)] = [:]
        var members: [GroupID: [StudentID]] = [:]
        var lessons: [LessonID: Lesson?] = [:]
    }

    private let cache = Cache()
    /// The school's calendar, for the digest's hours.
    private var calendar: Calendar { MomentClock(timeZone: school.timeZone).calendar }

    func messages(for entries: [AuditEntry]) throws -> [OutboxMessage] {
        var drafts: [Draft] = []
        for entry in entries {
            if let draft = try draft(entry) { drafts.append(draft) }
        }
        return try drafts.flatMap(messages(for:))
    }

    func forecastMessages(_ standings: [SubjectStanding], today: LocalDate) throws -> [OutboxMessage] {
        try standings.compactMap { row -> Draft? in
            guard let standing = row.standing, let forecast = standing.forecast else { return nil }
            let average = standing.weighted.average.map { String(format: "%.2f", $0) } ?? "—"
            let how = Strings.text(
                "delivery.forecast.how", .ru,
                ["average": average, "count": String(standing.weighted.countedMarks), "rule": standing.rule])
            return Draft(
                students: [row.studentID], messageClass: "forecast",
                fields: [
                    "subject": row.subjectName, "period": standing.period.title, "forecast": forecast,
                    "average": average, "count": String(standing.weighted.countedMarks), "how": how,
                ],
                sourceKey: "forecast:\(standing.period.key):\(today):\(row.studentID):\(row.subjectID)", at: now,
                notBefore: digestMoment(of: today))
        }.flatMap(messages(for:))
    }

    /// Reminders of a survey to the representatives of units that have not answered, in each
    /// one's agreed form for the class `surveys`, at the day's digest hour.
    func surveyReminders(
        _ survey: Survey, units: [SurveyUnit], respondents: [SurveyRespondent], today: LocalDate
    ) -> [OutboxMessage] {
        guard let messageClass = rules.notifications.messageClass("surveys") else { return [] }
        let byUnit = Dictionary(grouping: respondents, by: \.unitKey)
        var messages: [OutboxMessage] = []
        for unit in units {
            let fields = ["child": unit.label, "survey": survey.title, "closes": survey.closes.russianText]
            for respondent in byUnit[unit.key] ?? [] {
                let parts = respondent.owner.split(separator: ":")
                guard parts.count == 2, parts[0] == "representative", let raw = Int64(parts[1]) else { continue }
                let representative = RepresentativeID(raw)
                let choice = try? preferences(representative)[messageClass.id]
                let channel = choice?.channel ?? messageClass.channel
                messages.append(
                    OutboxMessage(
                        representativeID: representative, studentID: nil, messageClass: messageClass.id,
                        channel: channel, frequency: .immediate, status: channel == .email ? .queued : .delivered,
                        sourceKey: "survey:\(survey.id!):\(today):\(unit.key)", childName: unit.label,
                        subject: messageClass.subject.render(fields), body: messageClass.text.render(fields),
                        createdAt: now, dueAt: max(now, digestMoment(of: today)),
                        sentAt: channel == .email ? nil : now))
            }
        }
        return messages
    }

    /// A plugin's messages to families (`notify` to "family"), in each family's agreed form,
    /// through the class `plugins` of `notifications.lua`.
    func pluginMessages(_ notices: [(student: StudentID, plugin: String, text: String, key: String)]) throws
        -> [OutboxMessage]
    {
        try notices.flatMap { notice in
            try messages(
                for: Draft(
                    students: [notice.student], messageClass: "plugins",
                    fields: ["plugin": notice.plugin, "text": notice.text], sourceKey: notice.key, at: now))
        }
    }

    // MARK: Changes

    private func draft(_ entry: AuditEntry) throws -> Draft? {
        let key = "audit:\(entry.id ?? 0)"
        switch entry.entity {
        case "mark":
            guard let mark: Mark = decode(entry.after ?? entry.before) else { return nil }
            let before: Mark? = decode(entry.before)
            if entry.action == .update, before?.value == mark.value { return nil }
            guard let value = mark.value, let work = try reader.work(mark.workID),
                let teaching = try assignment(work.assignmentID)
            else { return nil }
            let change =
                switch entry.action {
                case .insert: Strings.text("delivery.mark.new", .ru)
                case .update: Strings.text("delivery.mark.changed", .ru)
                case .delete: Strings.text("delivery.mark.deleted", .ru)
                }
            let type = rules.workTypes[work.workType]
            let weight = work.weightOverride ?? type?.weight ?? 1
            return Draft(
                students: [mark.studentID], messageClass: "marks",
                fields: [
                    "subject": teaching.subject, "mark": value, "work": work.title ?? type?.title ?? work.workType,
                    "weight": weight.rounded() == weight ? String(Int(weight)) : String(weight),
                    "date": work.date.russianText, "teacher": teaching.teacher, "change": change,
                ], sourceKey: key, at: entry.at)
        case "attendance":
            guard entry.action != .delete, let attendance: Attendance = decode(entry.after) else { return nil }
            let before: Attendance? = decode(entry.before)
            guard before?.code != attendance.code, let code = rules.attendanceCodes[attendance.code],
                code.absent || code.late, let lesson = try lesson(attendance.lessonID),
                let teaching = try assignment(lesson.assignmentID)
            else { return nil }
            return Draft(
                students: [attendance.studentID], messageClass: "absences",
                fields: [
                    "subject": teaching.subject, "date": lesson.date.russianText, "lesson": String(lesson.number),
                    "code": code.code, "code_title": code.title,
                ], sourceKey: key, at: entry.at)
        case "lesson":
            guard entry.action == .update, let lesson: Lesson = decode(entry.after) else { return nil }
            let before: Lesson? = decode(entry.before)
            guard let homework = lesson.homework?.trimmingWhitespace(), !homework.isEmpty,
                before?.homework != lesson.homework, let teaching = try assignment(lesson.assignmentID)
            else { return nil }
            return Draft(
                students: try members(teaching.group), messageClass: "homework",
                fields: ["subject": teaching.subject, "date": lesson.date.russianText, "text": homework],
                sourceKey: key, at: entry.at)
        case "timetableChange":
            guard entry.action == .insert, let change: TimetableChange = decode(entry.after),
                let lesson = try lesson(change.lessonID), let teaching = try assignment(lesson.assignmentID)
            else { return nil }
            var values = [
                "subject": teaching.subject, "number": String(lesson.number), "date": lesson.date.russianText,
                "room": lesson.room ?? "—",
            ]
            if let date = change.previousDate { values["from"] = date.russianText }
            if let number = change.previousNumber { values["fromNumber"] = String(number) }
            if let substitute = change.substituteID, let staff = try reader.staff(substitute) {
                values["teacher"] = staff.name.short
            }
            let text = Strings.text("delivery.timetable.\(change.kind.rawValue)", .ru, values)
            return Draft(
                students: try members(teaching.group), messageClass: "timetable",
                fields: ["date": lesson.date.russianText, "text": text], sourceKey: key, at: entry.at)
        case "attestationMark":
            guard entry.action != .delete, let mark: AttestationMark = decode(entry.after),
                let value = mark.value
            else { return nil }
            let before: AttestationMark? = decode(entry.before)
            guard before?.value != value, let subject = try reader.subject(mark.subjectID) else { return nil }
            return Draft(
                students: [mark.studentID], messageClass: "final_results",
                fields: ["subject": subject.name, "period": try periodTitle(mark), "mark": value], sourceKey: key,
                at: entry.at)
        case "examResult":
            guard entry.action != .delete, let result: ExamResult = decode(entry.after), result.publishedAt != nil
            else { return nil }
            let before: ExamResult? = decode(entry.before)
            if let before, before.publishedAt != nil, before.score == result.score, before.mark == result.mark {
                return nil
            }
            guard let subject = try reader.subject(result.subjectID) else { return nil }
            return Draft(
                students: [result.studentID], messageClass: "exam_results",
                fields: [
                    "subject": subject.name, "exam": result.examKind,
                    "score": result.score.map { $0.rounded() == $0 ? String(Int($0)) : String($0) } ?? "—",
                    "mark": result.mark ?? "—",
                ], sourceKey: key, at: entry.at)
        default:
            return nil
        }
    }

    private func periodTitle(_ mark: AttestationMark) throws -> String {
        switch mark.kind {
        case .annual: return Strings.text("delivery.period.year", .ru)
        case .final: return Strings.text("delivery.period.final", .ru)
        case .period:
            guard let student = try student(mark.studentID), let grade = try reader.schoolClass(student.classID)?.grade
            else { return mark.period }
            return rules.calendar.periods(grade: grade).first { $0.key == mark.period }?.title ?? mark.period
        }
    }

    // MARK: Drafts into messages

    private func messages(for draft: Draft) throws -> [OutboxMessage] {
        guard let messageClass = rules.notifications.messageClass(draft.messageClass) else { return [] }
        var messages: [OutboxMessage] = []
        for studentID in draft.students {
            guard let student = try student(studentID) else { continue }
            var fields = draft.fields
            fields["child"] = student.name.description
            let subject = messageClass.subject.render(fields)
            let body = messageClass.text.render(fields)
            for representative in try representatives(studentID) {
                let choice = try preferences(representative)[messageClass.id]
                let channel = choice?.channel ?? messageClass.channel
                let frequency = choice?.frequency ?? messageClass.frequency
                messages.append(
                    OutboxMessage(
                        representativeID: representative, studentID: studentID, messageClass: messageClass.id,
                        channel: channel, frequency: frequency, status: channel == .email ? .queued : .delivered,
                        sourceKey: draft.students.count > 1 ? "\(draft.sourceKey):\(studentID)" : draft.sourceKey,
                        childName: student.name.description, subject: subject, body: body, createdAt: now,
                        dueAt: max(dueAt(frequency, after: draft.at), draft.notBefore ?? now),
                        sentAt: channel == .email ? nil : now))
            }
        }
        return messages
    }

    /// The digest hour of `day` in the school's time zone.
    private func digestMoment(of day: LocalDate) -> Date {
        calendar.date(
            from: DateComponents(
                year: day.year, month: day.month, day: day.day, hour: rules.notifications.digestHour)) ?? now
    }

    /// At once; at the first digest hour after the change (today's, or tomorrow's once it has
    /// passed); or at that hour of the weekly day.
    private func dueAt(_ frequency: DeliveryFrequency, after moment: Date) -> Date {
        guard frequency != .immediate else { return now }
        var components = DateComponents(hour: rules.notifications.digestHour, minute: 0, second: 0)
        if frequency == .weekly {
            // Calendar weekdays count from Sunday = 1; the rules' from Monday = 1.
            components.weekday = rules.notifications.weeklyDay % 7 + 1
        }
        return calendar.nextDate(after: moment, matching: components, matchingPolicy: .nextTime) ?? now
    }

    // MARK: Lookups, cached for the batch

    private func student(_ id: StudentID) throws -> Student? {
        if let cached = cache.students[id] { return cached }
        let student = try reader.student(id)
        cache.students[id] = student
        return student
    }

    /// The child's representatives, but for one whose account the school disabled (a
    /// representative without an account is still told, by email or on paper).
    private func representatives(_ id: StudentID) throws -> [RepresentativeID] {
        if let cached = cache.representatives[id] { return cached }
        let ids = try reader.representativeLinks(students: [id]).map(\.representativeID).filter { representative in
            let accounts = try reader.accounts(representative: representative)
            return accounts.isEmpty || accounts.contains { !$0.isDisabled }
        }
        cache.representatives[id] = ids
        return ids
    }

    private func preferences(_ id: RepresentativeID) throws -> [String: DeliveryPreference] {
        if let cached = cache.preferences[id] { return cached }
        let choices = Dictionary(
            try reader.deliveryPreferences(representatives: [id]).map { ($0.messageClass, $0) },
            uniquingKeysWith: { first, _ in first })
        cache.preferences[id] = choices
        return choices
    }

    private func assignment(_ id: AssignmentID) throws -> (subject: String, teacher: String, group: GroupID)? {
        if let cached = cache.assignments[id] { return cached }
        guard let assignment = try reader.assignment(id), let subject = try reader.subject(assignment.subjectID)
        else { return nil }
        let teacher = try reader.staff(assignment.teacherID)?.name.short ?? ""
        let value = (subject.name, teacher, assignment.groupID)
        cache.assignments[id] = value
        return value
    }

    private func members(_ group: GroupID) throws -> [StudentID] {
        if let cached = cache.members[group] { return cached }
        let ids = try reader.members(group: group).map(\.studentID)
        cache.members[group] = ids
        return ids
    }

    private func lesson(_ id: LessonID) throws -> Lesson? {
        if let cached = cache.lessons[id] { return cached }
        let lesson = try reader.lesson(id)
        cache.lessons[id] = lesson
        return lesson
    }

    private func decode<Value: Decodable>(_ json: String?) -> Value? {
        guard let json else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Value.self, from: Data(json.utf8))
    }
}
