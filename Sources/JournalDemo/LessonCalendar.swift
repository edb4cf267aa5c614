import JournalModel

/// Every dated lesson of the year from the weekly timetable, and the changes around today:
/// teachers off sick replaced by a colleague of the same subject, a few cancelled lessons,
/// room changes and moved lessons. No teacher or class is ever in two places at once.
struct LessonCalendar {
    private(set) var lessons: [Lesson] = []
    private(set) var changes: [TimetableChange] = []
    /// The substitute (a staff index) who gives each lesson, or -1.
    private(set) var substitute: [Int] = []

    private let frame: SchoolFrame
    private var teacherBusy: Set<Int> = []
    private var classBusy: Set<Int> = []
    private var roomBusy: Set<Int> = []
    private var changed: [Bool] = []

    private static let specialRooms = ["актовый зал", "библиотека", "читальный зал", "конференц-зал"]

    init(frame: SchoolFrame, timetable: TimetableBuilder, random: inout DemoRandom) {
        self.frame = frame
        let options = frame.options
        var byWeekday = Array(repeating: [(number: Int, assignment: Int)](), count: 8)
        for (assignment, slots) in timetable.slotsOfAssignment.enumerated() {
            for slot in slots {
                byWeekday[slot / TimetableBuilder.bells + 1].append((slot % TimetableBuilder.bells + 1, assignment))
            }
        }
        for weekday in byWeekday.indices {
            byWeekday[weekday].sort { $0.number != $1.number ? $0.number < $1.number : $0.assignment < $1.assignment }
        }
        let span = options.teachingSpan
        var date = span.start
        while date <= span.end {
            if options.isSchoolDay(date) {
                for (number, assignment) in byWeekday[date.weekday]
                where options.isSchoolDay(date, grade: frame.staffing.assignments[assignment].grade) {
                    lessons.append(
                        Lesson(
                            id: LessonID(Int64(lessons.count + 1)), assignmentID: AssignmentID(Int64(assignment + 1)),
                            date: date, number: number, room: frame.staffing.staff[frame.teacher(of: assignment)].room,
                            status: date <= options.today ? .held : .scheduled))
                }
            }
            date = date.adding(days: 1)
        }
        substitute = Array(repeating: -1, count: lessons.count)
        changed = Array(repeating: false, count: lessons.count)

        // Changes reach from the first day to a week after today.
        let windowEnd = lessons.firstIndex { $0.date > options.today.adding(days: 7) } ?? lessons.count
        guard windowEnd > 0 else { return }
        for index in 0..<windowEnd { occupy(index, true) }
        substituteForSickTeachers(windowEnd: windowEnd, &random)
        cancel(windowEnd: windowEnd, &random)
        changeRooms(windowEnd: windowEnd, &random)
        move(windowEnd: windowEnd, &random)
        changes.sort { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.lessonID < $1.lessonID }
        for index in changes.indices { changes[index].id = TimetableChangeID(Int64(index + 1)) }
    }

    // MARK: Who is where

    private func key(_ date: LocalDate, _ number: Int, _ who: Int) -> Int {
        (date.dayNumber * 16 + number) * 1_000_000 + who
    }

    private func assignment(_ index: Int) -> Int { Int(lessons[index].assignmentID.rawValue) - 1 }

    private func teacherGiving(_ index: Int) -> Int {
        substitute[index] >= 0 ? substitute[index] : frame.teacher(of: assignment(index))
    }

    private mutating func occupy(_ index: Int, _ busy: Bool) {
        let lesson = lessons[index]
        let teacher = key(lesson.date, lesson.number, teacherGiving(index))
        if busy { teacherBusy.insert(teacher) } else { teacherBusy.remove(teacher) }
        for classIndex in frame.classesOfAssignment[assignment(index)] {
            let place = key(lesson.date, lesson.number, classIndex)
            if busy { classBusy.insert(place) } else { classBusy.remove(place) }
        }
    }

    private func isFree(teacher: Int, _ date: LocalDate, _ number: Int) -> Bool {
        !teacherBusy.contains(key(date, number, teacher))
    }

    /// When a change was entered: some days before the lesson, or today for a lesson further
    /// ahead, at a working hour.
    private func entered(_ day: LocalDate, daysBefore: Int, minutes: Int) -> Timestamp {
        frame.timestamp(min(day.adding(days: -daysBefore), frame.options.today), minutes: minutes)
    }

    private func freeTeachers(_ teachers: [Int], instead teacher: Int, lesson index: Int, sick: Set<Int>) -> [Int] {
        let day = lessons[index].date
        let number = lessons[index].number
        return teachers.filter { other in
            other != teacher && !sick.contains(key(day, 0, other)) && isFree(teacher: other, day, number)
        }
    }

    // MARK: Substitutions

    /// Teachers fall ill for two to five school days; a free colleague of the same
    /// specialty takes each lesson, else any free teacher, else the lesson is cancelled.
    private mutating func substituteForSickTeachers(windowEnd: Int, _ random: inout DemoRandom) {
        let staff = frame.staffing.staff
        let teachers = staff.indices.filter { staff[$0].specialty != nil }
        guard teachers.count > 1 else { return }
        var firstOfDay: [Int: Int] = [:]
        var days: [LocalDate] = []
        for index in 0..<windowEnd where firstOfDay[lessons[index].date.dayNumber] == nil {
            firstOfDay[lessons[index].date.dayNumber] = index
            days.append(lessons[index].date)
        }
        var sick: Set<Int> = []
        let target = windowEnd / 50
        var replaced = 0
        var tries = 0
        while replaced < target, tries < 10_000 {
            tries += 1
            let teacher = random.pick(teachers)
            let start = random.int(0..<days.count)
            let length = random.int(2...5)
            let episode = days[start..<min(days.count, start + length)]
            guard episode.allSatisfy({ !sick.contains(key($0, 0, teacher)) }) else { continue }
            let reason = random.pick([
                "больничный", "больничный", "больничный", "курсы повышения квалификации", "семейные обстоятельства",
            ])
            for (dayOffset, day) in episode.enumerated() {
                sick.insert(key(day, 0, teacher))
                var index = firstOfDay[day.dayNumber]!
                while index < windowEnd, lessons[index].date == day {
                    defer { index += 1 }
                    guard !changed[index], frame.teacher(of: assignment(index)) == teacher else { continue }
                    let free = freeTeachers(teachers, instead: teacher, lesson: index, sick: sick)
                    let colleagues = free.filter { staff[$0].specialty == staff[teacher].specialty }
                    let candidates = colleagues.isEmpty ? free : colleagues
                    let created =
                        dayOffset == 0
                        ? entered(day, daysBefore: 0, minutes: 7 * 60 + random.int(0...50))
                        : entered(day, daysBefore: 1, minutes: 15 * 60 + random.int(0...120))
                    changed[index] = true
                    occupy(index, false)
                    guard !candidates.isEmpty else {
                        lessons[index].status = .cancelled
                        changes.append(
                            TimetableChange(
                                lessonID: lessons[index].id!, kind: .cancellation,
                                reason: "болезнь учителя, замена не найдена",
                                createdAt: created))
                        continue
                    }
                    let chosen = random.pick(candidates)
                    substitute[index] = chosen
                    occupy(index, true)
                    replaced += 1
                    changes.append(
                        TimetableChange(
                            lessonID: lessons[index].id!, kind: .substitution, substituteID: StaffID(Int64(chosen + 1)),
                            reason: reason, createdAt: created))
                }
            }
        }
    }

    // MARK: Cancellations, rooms, moves

    private mutating func cancel(windowEnd: Int, _ random: inout DemoRandom) {
        let cancelled = changes.count(where: { $0.kind == .cancellation })
        let target = windowEnd / 100 - cancelled
        guard target > 0 else { return }
        for _ in 0..<target {
            let index = random.int(0..<windowEnd)
            guard !changed[index] else { continue }
            changed[index] = true
            occupy(index, false)
            lessons[index].status = .cancelled
            let day = lessons[index].date
            changes.append(
                TimetableChange(
                    lessonID: lessons[index].id!, kind: .cancellation,
                    reason: random.pick([
                        "курсы повышения квалификации учителя", "методический день", "экскурсия класса",
                        "проведение ВПР", "болезнь учителя",
                    ]),
                    createdAt: entered(day, daysBefore: random.int(1...3), minutes: 12 * 60 + random.int(0...300))))
        }
    }

    private mutating func changeRooms(windowEnd: Int, _ random: inout DemoRandom) {
        for _ in 0..<(windowEnd * 6 / 1000) {
            let index = random.int(0..<windowEnd)
            guard !changed[index], let previous = lessons[index].room else { continue }
            let day = lessons[index].date
            let number = lessons[index].number
            guard
                let room = Self.specialRooms.indices.first(where: { !roomBusy.contains(key(day, number, $0)) })
            else { continue }
            roomBusy.insert(key(day, number, room))
            changed[index] = true
            lessons[index].room = Self.specialRooms[room]
            changes.append(
                TimetableChange(
                    lessonID: lessons[index].id!, kind: .roomChange, previousRoom: previous,
                    reason: random.pick([
                        "ремонт кабинета", "мероприятие в кабинете", "открытый урок", "санитарная обработка кабинета",
                    ]),
                    createdAt: entered(day, daysBefore: 1, minutes: 14 * 60 + random.int(0...180))))
        }
    }

    /// A lesson moves to the end of the same or another day of its week, when its class and
    /// its teacher are free then.
    private mutating func move(windowEnd: Int, _ random: inout DemoRandom) {
        let options = frame.options
        for _ in 0..<(windowEnd * 3 / 1000) {
            let index = random.int(0..<windowEnd)
            guard !changed[index] else { continue }
            let lesson = lessons[index]
            let classes = frame.classesOfAssignment[assignment(index)]
            let teacher = teacherGiving(index)
            let days = frame.classes[classes[0]].grade >= 10 ? 6 : 5
            let weekStart = lesson.date.startOfWeek
            let targetDay = weekStart.adding(days: random.int(0..<days))
            guard options.isSchoolDay(targetDay, grade: frame.staffing.assignments[assignment(index)].grade),
                targetDay <= options.today.adding(days: 7)
            else { continue }
            let lastBusy =
                (1...TimetableBuilder.bells).last { number in
                    classes.contains { classBusy.contains(key(targetDay, number, $0)) }
                } ?? 0
            guard
                let number = ((lastBusy + 1)...max(lastBusy + 1, 7)).first(where: { number in
                    number <= TimetableBuilder.bells && isFree(teacher: teacher, targetDay, number)
                        && !classes.contains { classBusy.contains(key(targetDay, number, $0)) }
                }), number <= TimetableBuilder.bells, targetDay != lesson.date || number != lesson.number
            else { continue }
            changed[index] = true
            occupy(index, false)
            lessons[index].date = targetDay
            lessons[index].number = number
            lessons[index].status = targetDay <= options.today ? .held : .scheduled
            occupy(index, true)
            changes.append(
                TimetableChange(
                    lessonID: lesson.id!, kind: .move, previousDate: lesson.date, previousNumber: lesson.number,
                    reason: random.pick([
                        "перенос по просьбе учителя", "перенос в связи с проведением ВПР",
                        "перенос в связи с мероприятием",
                        "перенос в связи с олимпиадой",
                    ]),
                    createdAt: entered(
                        min(lesson.date, targetDay), daysBefore: 2, minutes: 13 * 60 + random.int(0...120))))
        }
    }
}
