import JournalModel

extension TimetablePlan {
    /// A lesson slot taken, by a row of the file or by the journal's timetable.
    struct Slot {
        enum Origin {
            case line(Int)
            case journal(TimetableEntry)
        }

        let assignment: TeachingAssignment
        let group: TeachingGroup
        let entry: TimetableEntry
        let origin: Origin

        var range: DateRange { DateRange(start: entry.validFrom, end: entry.validTo) }

        /// Both lessons need the same students: the same group, or the whole class and a part.
        func sharesStudents(with other: Slot) -> Bool {
            guard group.classID == other.group.classID, group.classID != nil else { return group.id == other.group.id }
            return group.id == other.group.id || group.kind == .wholeClass || other.group.kind == .wholeClass
        }
    }

    /// Resolves the rows of one file against the journal and the rows before them.
    struct Builder {
        private let year: AcademicYear
        private let classes: ClassIndex
        private let subjects: SubjectIndex
        private let staff: PersonIndex<Staff>
        private let staffByID: [StaffID: Staff]
        private let subjectsByID: [SubjectID: Subject]
        private let groupsByClass: [ClassID: [TeachingGroup]]
        private let assignments: [GroupID: [TeachingAssignment]]
        /// Taken slots by weekday and lesson number.
        private var slots: [Int: [Slot]] = [:]
        private(set) var newEntries: [Planned<TimetableEntry>] = []
        private(set) var unchangedLines: [Int] = []

        init(context: some ImportContext) {
            year = context.year
            classes = ClassIndex(context)
            let subjectList = context.subjects()
            subjects = SubjectIndex(subjectList)
            subjectsByID = Dictionary(subjectList.compactMap { s in s.id.map { ($0, s) } }) { first, _ in first }
            let staffList = context.staff()
            staff = PersonIndex(staffList, name: \.name, code: \.externalCode)
            staffByID = Dictionary(staffList.compactMap { s in s.id.map { ($0, s) } }) { first, _ in first }
            let groups = context.groups()
            groupsByClass = Dictionary(grouping: groups.filter { $0.classID != nil }) { $0.classID! }
            let assignmentList = context.assignments()
            assignments = Dictionary(grouping: assignmentList, by: \.groupID)

            let groupsByID = Dictionary(groups.compactMap { g in g.id.map { ($0, g) } }) { first, _ in first }
            let assignmentsByID = Dictionary(assignmentList.compactMap { a in a.id.map { ($0, a) } }) { first, _ in
                first
            }
            for entry in context.timetableEntries() {
                guard let assignment = assignmentsByID[entry.assignmentID],
                    let group = groupsByID[assignment.groupID]
                else { continue }
                let slot = Slot(assignment: assignment, group: group, entry: entry, origin: .journal(entry))
                slots[Self.slotKey(entry), default: []].append(slot)
            }
        }

        private static func slotKey(_ entry: TimetableEntry) -> Int { entry.weekday * 100 + entry.lessonNumber }

        mutating func add(_ row: ImportRow, _ log: inout IssueLog) {
            let issues = log.issues.count
            let schoolClass = row.required(.className, &log) { (text: String) throws(ImportMessage) in
                try classes.resolve(try Parse.className(text))
            }
            let groupName = row.value(.group, &log, Parse.text(limit: ImportLimits.groupName))
            let subject = row.required(.subject, &log, subjects.resolve)
            let teacher = row.value(.teacher, &log) { (text: String) throws(ImportMessage) in
                try staff.reference(text, noun: .staffMember)
            }
            let weekday = row.required(Columns.weekday, &log, Parse.weekday)
            let lesson = row.required(Columns.lesson, &log, Parse.lesson)
            let room = row.value(Columns.room, &log, Parse.text(limit: ImportLimits.room))
            let validFrom = row.value(Columns.validFrom, &log, inYear) ?? year.startsOn
            let validTo = row.value(Columns.validTo, &log, inYear) ?? year.endsOn
            if validTo < validFrom {
                row.report(Columns.validTo, .endsBeforeStart(validTo, start: validFrom), &log)
            }
            guard log.issues.count == issues, let schoolClass, let classID = schoolClass.id, let subject,
                let weekday, let lesson
            else { return }

            let groupTitle = groupName.map { "\(schoolClass.name), \($0)" } ?? schoolClass.name
            let candidates = groupsByClass[classID] ?? []
            let group =
                if let groupName {
                    candidates.first { $0.kind == .subgroup && Key.text($0.name) == Key.text(groupName) }
                } else {
                    candidates.first { $0.kind == .wholeClass }
                }
            guard let group, let groupID = group.id else {
                row.report(groupName == nil ? .className : .group, .groupNotFound(groupTitle), &log)
                return
            }
            let taught = (assignments[groupID] ?? []).filter { $0.subjectID == subject.id }
            let chosen = teacher.map { teacher in taught.filter { $0.teacherID == teacher.id } } ?? taught
            guard let assignment = chosen.first, let assignmentID = assignment.id else {
                if let teacher {
                    let message = ImportMessage.teacherDoesNotTeach(
                        teacher.name.description, subject: subject.name, group: groupTitle)
                    row.report(.teacher, message, &log)
                } else {
                    row.report(.subject, .notTaught(subject.name, group: groupTitle), &log)
                }
                return
            }
            guard chosen.count == 1 else {
                let names = chosen.compactMap { staffByID[$0.teacherID] }.map { teacher in
                    teacher.externalCode.map { "\(teacher.name) (\($0))" } ?? teacher.name.description
                }
                row.report(.subject, .severalTeachers(subject.name, group: groupTitle, teachers: names), &log)
                return
            }

            let entry = TimetableEntry(
                assignmentID: assignmentID, weekday: weekday, lessonNumber: lesson, room: room, validFrom: validFrom,
                validTo: validTo)
            let slot = Slot(assignment: assignment, group: group, entry: entry, origin: .line(row.line))
            switch check(slot, groupTitle: groupTitle) {
            case .alreadyInJournal:
                unchangedLines.append(row.line)
            case .clash(let message):
                row.report(message, &log)
            case .free:
                slots[Self.slotKey(entry), default: []].append(slot)
                newEntries.append(Planned(line: row.line, value: entry))
            }
        }

        /// A date of the current academic year.
        private func inYear(_ text: String) throws(ImportMessage) -> LocalDate {
            let date = try Parse.date(text)
            guard year.range.contains(date) else { throw .outsideYear(date, year: year.title, range: year.range) }
            return date
        }

        private enum Check {
            case free
            case alreadyInJournal
            case clash(ImportMessage)
        }

        /// Whether the slot is free, already in the journal exactly, or taken by another lesson
        /// of the same students or the same teacher.
        private func check(_ slot: Slot, groupTitle: String) -> Check {
            let entry = slot.entry
            let taken = (slots[Self.slotKey(entry)] ?? []).filter { $0.range.overlaps(slot.range) }
            let identical = taken.contains { other in
                guard case .journal(let existing) = other.origin else { return false }
                return existing.assignmentID == entry.assignmentID && existing.room == entry.room
                    && existing.validFrom == entry.validFrom && existing.validTo == entry.validTo
            }
            if identical { return .alreadyInJournal }
            for other in taken {
                let sameStudents = slot.sharesStudents(with: other)
                guard sameStudents || other.assignment.teacherID == slot.assignment.teacherID else { continue }
                let teacher = staffByID[slot.assignment.teacherID]?.name.short ?? "\(slot.assignment.teacherID)"
                let subject = subjectsByID[other.assignment.subjectID]?.name ?? "\(other.assignment.subjectID)"
                let (weekday, lesson) = (entry.weekday, entry.lessonNumber)
                return switch (other.origin, sameStudents) {
                case (.line(let line), true):
                    .clash(.classSlotTaken(groupTitle, weekday: weekday, lesson: lesson, line: line))
                case (.line(let line), false):
                    .clash(.teacherSlotTaken(teacher, weekday: weekday, lesson: lesson, line: line))
                case (.journal, true):
                    .clash(.classSlotInJournal(groupTitle, weekday: weekday, lesson: lesson, subject: subject))
                case (.journal, false):
                    .clash(.teacherSlotInJournal(teacher, weekday: weekday, lesson: lesson, subject: subject))
                }
            }
            return .free
        }
    }
}

extension DateRange {
    func overlaps(_ other: DateRange) -> Bool { start <= other.end && other.start <= end }
}
