import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
import Localization

/// A line of a class's weekly timetable as staff read it: the entry with its subject, group
/// and teacher by name.
public struct WeeklyTimetableLine: Sendable, Codable, Hashable {
    public var entry: TimetableEntry
    public var subject: String
    public var group: String
    public var teacher: String
}

/// A class's weekly timetable from a day on: the lines valid that day or later (a change
/// planned from a later day shows beside the line it replaces), the bells, and the class's
/// teaching assignments a new line may use.
public struct ClassWeeklyTimetable: Sendable, Codable, Hashable {
    public struct Assignment: Sendable, Codable, Hashable {
        public var id: AssignmentID
        public var subject: String
        public var group: String
        public var teacher: String
    }

    public var className: String
    public var from: LocalDate
    public var lines: [WeeklyTimetableLine]
    public var bells: [Bell]
    public var assignments: [Assignment]
}

/// What a weekly timetable line becomes from a day on; what is not given stays as it was.
public struct TimetableLineChange: Sendable, Hashable {
    public var weekday: Int?
    public var lessonNumber: Int?
    /// A new room; an empty text clears it.
    public var room: String?
    public var from: LocalDate

    public init(weekday: Int? = nil, lessonNumber: Int? = nil, room: String? = nil, from: LocalDate) {
        self.weekday = weekday
        self.lessonNumber = lessonNumber
        self.room = room
        self.from = from
    }
}

extension JournalService {
    /// The school days a weekly line may fall on: Monday 1 … Saturday 6.
    public static let weekdays = 1...6

    /// A class's weekly timetable (timetable.view: staff).
    public func weeklyTimetable(className: String, from: LocalDate?, caller: Caller) async throws
        -> ClassWeeklyTimetable
    {
        try await authorize(caller, .timetableView, .school)
        let today = try await today()
        let from = from ?? today
        return try await database.read { reader in
            let schoolClass = try Self.findClass(className, reader)
            let groups = try reader.groups(year: schoolClass.yearID).filter { $0.classID == schoolClass.id }
            let groupNames = Dictionary(uniqueKeysWithValues: groups.map { ($0.id!, $0.name) })
            let assignments = try reader.assignments(groups: groups.compactMap(\.id))
            let subjects = Dictionary(uniqueKeysWithValues: try reader.subjects().map { ($0.id!, $0.name) })
            let teachers = try Self.staffNames(reader, assignments.map(\.teacherID))
            let described = Dictionary(
                uniqueKeysWithValues: assignments.map { assignment in
                    (
                        assignment.id!,
                        ClassWeeklyTimetable.Assignment(
                            id: assignment.id!, subject: subjects[assignment.subjectID] ?? "",
                            group: groupNames[assignment.groupID] ?? "", teacher: teachers[assignment.teacherID] ?? "")
                    )
                })
            let lines = try reader.timetable()
                .filter { described[$0.assignmentID] != nil && $0.validTo >= from }
                .map { entry in
                    let assignment = described[entry.assignmentID]!
                    return WeeklyTimetableLine(
                        entry: entry, subject: assignment.subject, group: assignment.group,
                        teacher: assignment.teacher)
                }
                .sorted {
                    ($0.entry.weekday, $0.entry.lessonNumber, $0.subject, $0.entry.validFrom)
                        < ($1.entry.weekday, $1.entry.lessonNumber, $1.subject, $1.entry.validFrom)
                }
            return ClassWeeklyTimetable(
                className: schoolClass.name, from: from, lines: lines, bells: try reader.bells(),
                assignments: described.values.sorted { ($0.subject, $0.group) < ($1.subject, $1.group) })
        }
    }

    /// Adds a line to the weekly timetable from a day to the end of the year, and schedules its
    /// lessons (timetable.edit). Refused when the teacher, the room or the group already has a
    /// line or a lesson in that slot, and from a day of a closed period.
    public func addTimetableLine(
        assignment id: AssignmentID, weekday: Int, lessonNumber: Int, room: String?, from: LocalDate, caller: Caller
    ) async throws -> TimetableEntry {
        try await authorize(caller, .timetableEdit, .school)
        try Self.checkSlot(weekday: weekday, lessonNumber: lessonNumber)
        let room = try Self.weeklyRoom(room)
        let rules = try await rules()
        let gate = try await periodGate()
        let today = try await today()
        try Self.checkNotPast(from, today: today)
        return try await database.write(actor: caller.actor, reason: "timetable line added") { writer in
            let reader = writer.reader
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            guard let assignment = try reader.assignment(id), try reader.group(assignment.groupID)?.yearID == year.id
            else { throw ServiceError.unknown(entity: "assignment", id: id.description) }
            try Self.checkBell(lessonNumber, reader)
            let from = try Self.dayInYear(from, year)
            try gate.check(date: from, group: assignment.groupID, reader)
            let entry = try writer.insert(
                TimetableEntry(
                    assignmentID: id, weekday: weekday, lessonNumber: lessonNumber, room: room, validFrom: from,
                    validTo: year.endsOn))
            try Self.place(entry, assignment, rules: rules, writer)
            return entry
        }
    }

    /// Changes a weekly line from a day on (timetable.edit): the line ends the day before and a
    /// new one with the change runs to the old one's end; the old line's lessons from that day
    /// move to the new slot. Lessons already given, with homework, works, attendance or a
    /// change of the day keep the line where it is: the change is refused, naming the first one.
    public func changeTimetableLine(
        _ id: TimetableEntryID, _ change: TimetableLineChange, caller: Caller
    ) async throws -> TimetableEntry {
        try await authorize(caller, .timetableEdit, .school)
        let room = try change.room.map(Self.weeklyRoom)
        let rules = try await rules()
        let gate = try await periodGate()
        try Self.checkNotPast(change.from, today: try await today())
        return try await database.write(actor: caller.actor, reason: "timetable line changed") { writer in
            let reader = writer.reader
            let (entry, assignment) = try Self.timetableLine(id, reader)
            var next = entry
            next.id = nil
            next.weekday = change.weekday ?? entry.weekday
            next.lessonNumber = change.lessonNumber ?? entry.lessonNumber
            if let room { next.room = room }
            try Self.checkSlot(weekday: next.weekday, lessonNumber: next.lessonNumber)
            try Self.checkBell(next.lessonNumber, reader)
            guard next.weekday != entry.weekday || next.lessonNumber != entry.lessonNumber || next.room != entry.room
            else {
                throw JournalError.invalid(field: "weekday", message: .init("error.timetable_line_unchanged"))
            }
            let from = try Self.dayOfLine(change.from, entry)
            try gate.check(date: from, group: assignment.groupID, reader)
            try Self.vacate(entry, from: from, writer)
            try Self.end(entry, before: from, writer)
            next.validFrom = from
            next = try writer.insert(next)
            try Self.place(next, assignment, rules: rules, writer)
            return next
        }
    }

    /// Ends a weekly line from a day on (timetable.edit): its lessons from that day are
    /// removed, refused as for a change when one of them is already in use.
    public func endTimetableLine(_ id: TimetableEntryID, from: LocalDate, caller: Caller) async throws {
        try await authorize(caller, .timetableEdit, .school)
        let gate = try await periodGate()
        try Self.checkNotPast(from, today: try await today())
        try await database.write(actor: caller.actor, reason: "timetable line ended") { writer in
            let (entry, assignment) = try Self.timetableLine(id, writer.reader)
            let from = try Self.dayOfLine(from, entry)
            try gate.check(date: from, group: assignment.groupID, writer.reader)
            try Self.vacate(entry, from: from, writer)
            try Self.end(entry, before: from, writer)
        }
    }

    /// Replaces the bell schedule (timetable.edit): numbered lessons in order of time, each
    /// ending after it starts and before the next one starts. A number the timetable still
    /// uses keeps its bell.
    public func setBells(_ bells: [Bell], caller: Caller) async throws -> [Bell] {
        try await authorize(caller, .timetableEdit, .school)
        let bells = bells.sorted { $0.number < $1.number }
        try Self.checkBells(bells)
        let today = try await today()
        return try await database.write(actor: caller.actor, reason: "bells changed") { writer in
            let reader = writer.reader
            let numbers = Set(bells.map(\.number))
            if let used = try reader.timetable().first(where: {
                $0.validTo >= today && !numbers.contains($0.lessonNumber)
            }) {
                throw JournalError.invalid(
                    field: "bells", message: .init("error.bell_in_use", ["number": String(used.lessonNumber)]))
            }
            let current = Dictionary(uniqueKeysWithValues: try reader.bells().map { ($0.number, $0) })
            for bell in current.values where !numbers.contains(bell.number) { try writer.delete(bell) }
            for bell in bells where current[bell.number] != bell {
                if current[bell.number] == nil { try writer.insert(bell) } else { try writer.update(bell) }
            }
            return try reader.bells()
        }
    }

    // MARK: Checks and steps

    static func checkSlot(weekday: Int, lessonNumber: Int) throws {
        guard weekdays.contains(weekday) else {
            throw JournalError.invalid(
                field: "weekday",
                message: .init(
                    "error.weekday",
                    ["value": String(weekday), "min": String(weekdays.lowerBound), "max": String(weekdays.upperBound)]))
        }
        try checkLessonNumber(lessonNumber, field: "lessonNumber")
    }

    /// A lesson's number in the day, within `Limits.lessonNumbers`.
    static func checkLessonNumber(_ number: Int, field: String) throws {
        guard Limits.lessonNumbers.contains(number) else {
            throw JournalError.invalid(
                field: field,
                message: .init(
                    "error.lesson_number",
                    ["min": String(Limits.lessonNumbers.lowerBound), "max": String(Limits.lessonNumbers.upperBound)]))
        }
    }

    /// A line changes from today on: the past's lessons, given or not, are what they were.
    static func checkNotPast(_ day: LocalDate, today: LocalDate) throws {
        guard day >= today else {
            throw JournalError.invalid(
                field: "from",
                message: .init("error.line_in_past", ["date": day.description, "today": today.description]))
        }
    }

    /// A line's lesson number has its bell, when the school has bells at all.
    static func checkBell(_ number: Int, _ reader: StoreReader) throws {
        let bells = try reader.bells()
        guard bells.isEmpty || bells.contains(where: { $0.number == number }) else {
            throw JournalError.invalid(
                field: "lessonNumber",
                message: .init(
                    "error.no_bell",
                    ["number": String(number), "bells": bells.map { String($0.number) }.joined(separator: ", ")]))
        }
    }

    /// A weekly line's room: trimmed, nil when empty, at most `Limits.room` characters.
    static func weeklyRoom(_ text: String?) throws -> String? {
        guard let room = text?.trimmingWhitespace(), !room.isEmpty else { return nil }
        guard room.count <= Limits.room else {
            throw JournalError.invalid(field: "room", message: .init("error.room", ["limit": String(Limits.room)]))
        }
        return room
    }

    static func checkBells(_ bells: [Bell]) throws {
        guard !bells.isEmpty else {
            throw JournalError.invalid(field: "bells", message: .init("error.bells_empty"))
        }
        var previous: Bell?
        for bell in bells {
            try checkLessonNumber(bell.number, field: "bells")
            guard bell.startsAt < bell.endsAt else {
                throw JournalError.invalid(
                    field: "bells",
                    message: .init(
                        "error.bell_order",
                        [
                            "number": String(bell.number), "start": bell.startsAt.description,
                            "end": bell.endsAt.description,
                        ]))
            }
            if let previous {
                guard previous.number != bell.number else {
                    throw JournalError.invalid(
                        field: "bells", message: .init("error.bell_twice", ["number": String(bell.number)]))
                }
                guard previous.endsAt <= bell.startsAt else {
                    throw JournalError.invalid(
                        field: "bells",
                        message: .init(
                            "error.bell_overlap", ["number": String(bell.number), "previous": String(previous.number)]))
                }
            }
            previous = bell
        }
    }

    static func timetableLine(_ id: TimetableEntryID, _ reader: StoreReader) throws -> (
        TimetableEntry, TeachingAssignment
    ) {
        guard let entry = try reader.timetableEntry(id), let assignment = try reader.assignment(entry.assignmentID)
        else { throw ServiceError.unknown(entity: "timetable line", id: id.description) }
        return (entry, assignment)
    }

    /// A new line's first day: within the school year.
    static func dayInYear(_ day: LocalDate, _ year: AcademicYear) throws -> LocalDate {
        guard day <= year.endsOn else {
            throw JournalError.invalid(
                field: "from",
                message: .init("error.after_year", ["date": day.description, "end": year.endsOn.description]))
        }
        return max(day, year.startsOn)
    }

    /// The day a change of a line takes effect: within the line's validity.
    static func dayOfLine(_ day: LocalDate, _ entry: TimetableEntry) throws -> LocalDate {
        guard day <= entry.validTo else {
            throw JournalError.invalid(
                field: "from",
                message: .init("error.after_line", ["date": day.description, "end": entry.validTo.description]))
        }
        return max(day, entry.validFrom)
    }

    /// Ends a line the day before `day`; a line that would have no day left goes.
    static func end(_ entry: TimetableEntry, before day: LocalDate, _ writer: AuditedWriter) throws {
        if day <= entry.validFrom {
            try writer.delete(entry)
        } else {
            var ended = entry
            ended.validTo = day.adding(days: -1)
            try writer.update(ended)
        }
    }

    /// Removes the lessons a line scheduled from `day` on. A lesson moved there by hand is not
    /// the line's and stays; one that is in use (given, with homework, works, attendance, or a
    /// change of the day) refuses the whole change.
    static func vacate(_ entry: TimetableEntry, from day: LocalDate, _ writer: AuditedWriter) throws {
        let reader = writer.reader
        let lessons = try reader.lessons(
            assignments: [entry.assignmentID], range: DateRange(start: day, end: entry.validTo)
        )
        .filter { $0.date.weekday == entry.weekday && $0.number == entry.lessonNumber }
        guard !lessons.isEmpty else { return }
        let ids = lessons.compactMap(\.id)
        var busy = Set(try reader.timetableChanges(lessons: ids).map(\.lessonID))
        busy.formUnion(try reader.works(lessons: ids).compactMap(\.lessonID))
        busy.formUnion(try reader.attendance(lessons: ids).map(\.lessonID))
        busy.formUnion(try reader.individualHomework(lessons: ids).map(\.lessonID))
        let inUse = lessons.filter {
            busy.contains($0.id!) || $0.recordedAt != nil || $0.topic != nil || $0.homework != nil
                || $0.taughtByID != nil
        }
        if let first = inUse.min(by: { $0.date < $1.date }) {
            throw JournalError.refused(
                .init("error.timetable_lessons_in_use", ["count": String(inUse.count), "date": first.date.description]))
        }
        for lesson in lessons { try writer.delete(lesson) }
    }

    /// Checks a new line against the lines and lessons already in its slot, then schedules its
    /// lessons on every school day of its validity.
    static func place(
        _ entry: TimetableEntry, _ assignment: TeachingAssignment, rules: SchoolRules, _ writer: AuditedWriter
    ) throws {
        let reader = writer.reader
        let group = try reader.group(assignment.groupID)
        for other in try reader.timetable()
        where other.id != entry.id && other.weekday == entry.weekday && other.lessonNumber == entry.lessonNumber
            && other.validFrom <= entry.validTo && other.validTo >= entry.validFrom
        {
            guard let otherAssignment = try reader.assignment(other.assignmentID) else { continue }
            let otherGroup = try reader.group(otherAssignment.groupID)
            let occupiedBy = "\(try reader.subject(otherAssignment.subjectID)?.name ?? ""), \(otherGroup?.name ?? "")"
            let day = max(entry.validFrom, other.validFrom)
            func clash(_ resource: TimetableClash.Resource, _ name: String) -> TimetableClash {
                TimetableClash(
                    resource: resource, name: name, date: day, number: entry.lessonNumber, occupiedBy: occupiedBy)
            }
            if otherAssignment.teacherID == assignment.teacherID {
                throw clash(.teacher, try reader.staff(assignment.teacherID)?.name.short ?? "")
            }
            if let room = entry.room, other.room == room { throw clash(.room, room) }
            if try groupsShareStudents(assignment.groupID, group, otherAssignment.groupID, otherGroup, reader) {
                throw clash(.group, group?.name ?? "")
            }
        }
        let grade = try grade(ofGroup: assignment.groupID, reader) ?? 0
        let taken = Set(try reader.lessonSlots().map { LessonSlot(assignment: $0.0, date: $0.1, number: $0.2) })
        var day = entry.validFrom.adding(days: (entry.weekday - entry.validFrom.weekday + 7) % 7)
        while day <= entry.validTo {
            let slot = LessonSlot(assignment: entry.assignmentID, date: day, number: entry.lessonNumber)
            if rules.calendar.isSchoolDay(day, grade: grade), !taken.contains(slot) {
                let lesson = Lesson(
                    assignmentID: entry.assignmentID, date: day, number: entry.lessonNumber, room: entry.room)
                try checkFree(lesson, assignment, date: day, number: entry.lessonNumber, room: entry.room, reader)
                try writer.insert(lesson)
            }
            day = day.adding(days: 7)
        }
    }

    /// Two groups that cannot have lessons at once: the same group, a whole class and any group
    /// of that class, or any two groups with a student in common (subgroups of two different
    /// splits of a class, a cross-class elective).
    static func groupsShareStudents(
        _ id: GroupID, _ group: TeachingGroup?, _ otherID: GroupID, _ other: TeachingGroup?, _ reader: StoreReader
    ) throws -> Bool {
        if id == otherID { return true }
        let sameClass = group?.classID != nil && group?.classID == other?.classID
        if sameClass && (group?.kind == .wholeClass || other?.kind == .wholeClass) { return true }
        let members = Set(try reader.members(group: id).map(\.studentID))
        return try reader.members(group: otherID).contains { members.contains($0.studentID) }
    }
}
