import JournalModel

/// Fills the held lessons as teachers would: topic, material, homework, taught-by and the
/// times of entry; attendance; works with marks driven by each student's stable ability;
/// a few debts, retakes and individual tasks. Grade 1 gets no marks (безотметочное обучение).
/// Like a real school it keeps the journal imperfectly (issue 12, item 7), so that the
/// journal-keeping monitor has something to find: a few forgotten lesson records, homework set
/// the next day, marks of a work entered after the week the regulation allows.
struct JournalFiller {
    private(set) var works: [Work] = []
    private(set) var marks: [Mark] = []
    private(set) var attendance: [Attendance] = []
    private(set) var individualHomework: [IndividualHomework] = []
    /// Who enters the marks of the work being assessed: the teacher who gave its lesson.
    private var enteringTeacher: StaffID?
    /// Decides the lapses from a stream of its own, so that every other draw of the journal is
    /// what it would be without them.
    private var lapses: DemoRandom

    private let frame: SchoolFrame
    /// Each student's stable ability, around 0 (−2.4…2.4).
    let ability: [Double]
    /// Per student and subject, how much better or worse than usual.
    let leaning: [Double]
    private let absences: Absences

    /// Where each course is in its year.
    private struct Course {
        var topics: [String]
        var total = 0
        var held = 0
        var topicIndex = -1
        var repeats = 0
        var nextBig = 0
        var bigCount = 0
        var numbers = Array(repeating: 0, count: DemoWorkType.allCases.count)
        var periodTested = -1
        var lastHomework: String?
    }

    init(frame: SchoolFrame, lessons: inout [Lesson], substitute: [Int], random: inout DemoRandom) {
        self.frame = frame
        lapses = DemoRandom(seed: frame.options.seed, stream: "lapses")
        let students = frame.population.students.count
        let subjects = SubjectKey.allCases.count
        var ability: [Double] = []
        var leaning: [Double] = []
        for _ in 0..<students {
            ability.append(min(2.4, max(-2.4, random.normal() * 0.95)))
            for _ in 0..<subjects { leaning.append(random.normal() * 0.35) }
        }
        self.ability = ability
        self.leaning = leaning
        absences = Absences(frame: frame, ability: ability, random: &random)

        let assignments = frame.staffing.assignments
        var courses = assignments.map { Course(topics: Topics.list($0.subject, grade: $0.grade)) }
        for lesson in lessons { courses[Int(lesson.assignmentID.rawValue) - 1].total += 1 }
        for index in courses.indices {
            courses[index].nextBig = Coursework.interval(hours: assignments[index].hours, &random) / 2 + 1
        }
        let periods = frame.options.periods.sorted { $0.start < $1.start }
        let today = frame.options.today

        for index in lessons.indices where lessons[index].status == .held && lessons[index].date <= today {
            let assignmentIndex = Int(lessons[index].assignmentID.rawValue) - 1
            let assignment = assignments[assignmentIndex]
            let date = lessons[index].date
            var course = courses[assignmentIndex]
            let place = Coursework.Place(progress: Double(course.held) / Double(max(1, course.total - 1)))
            let topicIndex = min(course.topics.count - 1, course.held * course.topics.count / max(1, course.total))
            course.held += 1
            if topicIndex == course.topicIndex {
                course.repeats += 1
            } else {
                course.topicIndex = topicIndex
                course.repeats = 0
            }
            let baseTopic = course.topics[topicIndex]
            var topic =
                course.repeats == 0
                ? baseTopic : Coursework.repeated(baseTopic, assignment.subject, time: course.repeats)

            // Every few weeks a bigger work; core subjects also test before a period ends.
            var bigWork: DemoWorkType?
            if assignment.grade >= 2 {
                let period = periods.firstIndex { $0.contains(date) } ?? -1
                if period >= 0, Coursework.hasPeriodTest(assignment.subject), course.periodTested != period,
                    date >= periods[period].end.adding(days: -12)
                {
                    bigWork = .test
                    course.periodTested = period
                    course.numbers[DemoWorkType.test.index] += 1
                    topic = "Контрольная работа за \(Self.periodName(period, of: periods.count))"
                } else if course.held > course.nextBig {
                    let rotation = Coursework.bigWorks(assignment.subject, grade: assignment.grade)
                    let type = rotation[course.bigCount % rotation.count]
                    bigWork = type
                    course.bigCount += 1
                    course.nextBig = course.held + Coursework.interval(hours: assignment.hours, &random)
                    course.numbers[type.index] += 1
                    topic = Coursework.title(
                        type, assignment.subject, number: course.numbers[type.index], topic: baseTopic)
                }
            }

            let homework =
                random.chance(Coursework.homeworkChance(assignment.subject, grade: assignment.grade))
                ? Coursework.homework(assignment.subject, grade: assignment.grade, at: place, &random) : nil
            let giver = substitute[index] >= 0 ? substitute[index] : assignment.teacher
            let end = frame.endOfLesson(lessons[index].number)
            let recorded: Int
            switch random.unit() {
            case ..<0.9: recorded = end + random.int(2...60)
            case ..<0.97: recorded = end + random.int(60...240)
            default: recorded = 20 * 60 + random.int(0...150)  // after the R15 day's work, still that day
            }
            lessons[index].topic = topic
            lessons[index].material =
                random.chance(0.3) ? Coursework.material(assignment.subject, topic: baseTopic, at: place, &random) : nil
            lessons[index].homework = homework
            lessons[index].taughtByID = StaffID(Int64(giver + 1))
            lessons[index].recordedAt = frame.timestamp(date, minutes: min(recorded, 23 * 60 + 59))
            if homework != nil {
                let set = random.chance(0.04) ? 21 * 60 + random.int(0...150) : recorded + random.int(0...10)
                lessons[index].homeworkSetAt = frame.timestamp(date, minutes: min(set, 23 * 60 + 59))
                if date.adding(days: 1) < today, lapses.chance(Lapses.homeworkNextDay) {
                    lessons[index].homeworkSetAt = frame.timestamp(
                        date.adding(days: 1), minutes: 7 * 60 + lapses.int(30...(14 * 60)))
                }
            }
            let attendanceBefore = attendance.count
            let individualBefore = individualHomework.count

            let lessonID = lessons[index].id!
            var present: [Int] = []
            for student in frame.staffing.groups[assignment.group].members {
                if let (code, comment) = code(student, date, lessons[index].number, &random) {
                    attendance.append(
                        Attendance(
                            id: AttendanceID(Int64(attendance.count + 1)), lessonID: lessonID,
                            studentID: StudentID(Int64(student + 1)), code: code, comment: comment))
                    if code != "ОП" { continue }
                }
                present.append(student)
            }

            if assignment.grade >= 2 {
                if let bigWork {
                    assess(
                        bigWork, title: topic, lesson: lessons[index], assignment: assignment, present: present,
                        all: frame.staffing.groups[assignment.group].members, &random)
                } else if !present.isEmpty, random.chance(0.8) {
                    let type: DemoWorkType = course.lastHomework != nil && random.chance(0.35) ? .homework : .answer
                    var chosen = present
                    let count = min(chosen.count, random.int(2...6))
                    for position in 0..<count {
                        chosen.swapAt(position, random.int(position..<chosen.count))
                    }
                    let title = type == .homework ? "Домашняя работа: \(course.lastHomework!)" : nil
                    assess(
                        type, title: title, lesson: lessons[index], assignment: assignment,
                        present: Array(chosen.prefix(count)).sorted(), all: [], &random)
                }
            }
            if homework != nil, !present.isEmpty, random.chance(0.025) {
                let student = random.pick(present)
                individualHomework.append(
                    IndividualHomework(
                        id: Int64(individualHomework.count + 1), lessonID: lessonID,
                        studentID: StudentID(Int64(student + 1)),
                        text: Coursework.individual(
                            assignment.subject, topic: baseTopic, at: place, strong: ability[student] > 0.5, &random)))
            }
            // A forgotten record: no topic, homework or absences, though answers may have been
            // marked in the grid. A lesson with a bigger work is always recorded.
            if bigWork == nil, date < today, lapses.chance(Lapses.forgottenRecord) {
                lessons[index].topic = nil
                lessons[index].material = nil
                lessons[index].homework = nil
                lessons[index].recordedAt = nil
                lessons[index].homeworkSetAt = nil
                attendance.removeLast(attendance.count - attendanceBefore)
                individualHomework.removeLast(individualHomework.count - individualBefore)
            }
            course.lastHomework = homework
            courses[assignmentIndex] = course
        }
    }

    private static func periodName(_ index: Int, of count: Int) -> String {
        switch count {
        case 4: "\(index + 1) четверть"
        case 3: "\(index + 1) триместр"
        case 2: "\(index + 1) полугодие"
        default: "период \(index + 1)"
        }
    }

    /// Absent for the day, absent from this lesson, late, or nil when simply present.
    private func code(
        _ student: Int, _ date: LocalDate, _ number: Int, _ random: inout DemoRandom
    ) -> (String, String?)? {
        if let day = absences.dayCode(student, date) { return day }
        let draw = random.unit()
        if draw < absences.truancy[student] { return ("Н", nil) }
        if draw < absences.truancy[student] + (number == 1 ? 0.015 : 0.002) { return ("ОП", nil) }
        return nil
    }

    /// A work of the lesson and its marks. A bigger work is written by everyone present;
    /// those away may owe it (a debt) or write it later; a failed one is sometimes retaken.
    private mutating func assess(
        _ type: DemoWorkType, title: String?, lesson: Lesson, assignment: Staffing.AssignmentDraft, present: [Int],
        all members: [Int], _ random: inout DemoRandom
    ) {
        let workID = WorkID(Int64(works.count + 1))
        let date = lesson.date
        works.append(
            Work(
                id: workID, assignmentID: lesson.assignmentID, lessonID: lesson.id, workType: type.rawValue,
                title: title, date: date))
        let end = frame.endOfLesson(lesson.number)
        let isBig = !members.isEmpty
        enteringTeacher = lesson.taughtByID
        // Marks of a bigger work entered 8–10 days after it, past the week of п. 3.6.
        let lateDays =
            isBig && date.adding(days: 10) < frame.options.today && lapses.chance(Lapses.lateWorkMarks)
            ? lapses.int(8...10) : nil
        var presentIndex = 0
        for student in isBig ? members : present {
            let wasPresent = presentIndex < present.count && present[presentIndex] == student
            if wasPresent { presentIndex += 1 }
            guard wasPresent else {
                let today = frame.options.today
                if date >= today.adding(days: -14), random.chance(0.5) {
                    append(
                        workID, student, nil, isDebt: true, due: date.adding(days: 7),
                        at: frame.timestamp(date, minutes: end + random.int(10...120)))
                } else if date < today.adding(days: -14), random.chance(0.4) {
                    let later = date.adding(days: random.int(3...7))
                    append(
                        workID, student, value(student, assignment, type, date, big: true, &random),
                        comment: "работа написана позже",
                        at: frame.timestamp(later, minutes: 15 * 60 + random.int(0...240)))
                }
                continue
            }
            let mark = value(student, assignment, type, date, big: isBig, &random)
            let delay = random.chance(0.7) ? 0 : random.int(1...6)
            var minutes = delay == 0 ? end + random.int(0...150) : 15 * 60 + random.int(0...360)
            if lateDays != nil { minutes = 15 * 60 + lapses.int(0...360) }
            append(workID, student, mark, at: frame.timestamp(date.adding(days: lateDays ?? delay), minutes: minutes))
            if mark == "2", isBig, type != .practical, random.chance(0.35) {
                let later = date.adding(days: random.int(2...7))
                if later <= frame.options.today {
                    let retake = random.pick(["3", "3", "4"])
                    let at = frame.timestamp(later, minutes: 15 * 60 + random.int(0...180))
                    // No retake before the late marks were entered at all.
                    if lateDays == nil { append(workID, student, retake, comment: "пересдача", at: at) }
                }
            }
        }
    }

    private mutating func append(
        _ work: WorkID, _ student: Int, _ value: String?, comment: String? = nil, isDebt: Bool = false,
        due: LocalDate? = nil, at time: Timestamp
    ) {
        marks.append(
            Mark(
                id: MarkID(Int64(marks.count + 1)), workID: work, studentID: StudentID(Int64(student + 1)),
                value: value, comment: comment, isDebt: isDebt, debtDueOn: due, createdAt: time,
                enteredByID: enteringTeacher))
    }

    /// A mark on the five-point scale around the student's ability in the subject, or the
    /// pass/fail of ОРКСЭ, or ОСВ for a student exempt from physical education.
    private func value(
        _ student: Int, _ assignment: Staffing.AssignmentDraft, _ type: DemoWorkType, _ date: LocalDate, big: Bool,
        _ random: inout DemoRandom
    ) -> String {
        let subject = assignment.subject
        if subject.isPassFail { return random.chance(0.95 + 0.02 * ability[student]) ? "зачёт" : "незачёт" }
        if subject == .physicalEducation, absences.isExemptFromPE(student, date) { return "ОСВ" }
        if big, random.chance(0.0005) { return "НА" }
        var score = 3.95 + 0.65 * (ability[student] + leaning[student * SubjectKey.allCases.count + subject.rawValue])
        score += 0.5 * random.normal()
        switch type {
        case .answer: score += 0.1
        case .homework: score += 0.2
        case .independent: score -= 0.1
        case .dictation: score -= 0.2
        case .practical: score += 0.15
        case .project: score += 0.35
        case .test: score -= 0.25
        }
        if assignment.grade <= 4 { score += 0.1 }
        switch score {
        case 4.5...: return "5"
        case 3.5...: return "4"
        case 2.5...: return "3"
        default: return "2"
        }
    }
}

/// How often the demo's teachers lapse, each a share of the lessons or works it can happen to.
enum Lapses {
    /// Of past lessons with homework: set the next day, past п. 3.5's two hours.
    static let homeworkNextDay = 0.015
    /// Of past lessons without a bigger work: no record at all (п. 3.4).
    static let forgottenRecord = 0.03
    /// Of bigger works more than ten days old: marks entered 8–10 days after (п. 3.6).
    static let lateWorkMarks = 0.04
}

extension DemoWorkType {
    /// The position in `allCases`, for per-type counters.
    var index: Int { Self.allCases.firstIndex(of: self)! }
}
