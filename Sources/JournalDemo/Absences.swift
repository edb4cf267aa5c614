import JournalModel

/// Who is away on which day: illnesses of three to seven school days, excused days (a
/// competition, a family matter), and students exempt from physical education for a time.
struct Absences {
    static let excuses = ["по заявлению родителей", "соревнования", "олимпиада", "семейные обстоятельства"]

    private let firstDay: Int
    private let dayCount: Int
    /// Per student and day: 0 present, 1 ill, 2 + n excused for `excuses[n]`.
    private var state: [UInt8]
    /// Days (as day numbers) a student is exempt from physical education.
    private var exempt: [ClosedRange<Int>?]
    /// How often a student skips a single lesson.
    let truancy: [Double]

    init(frame: SchoolFrame, ability: [Double], random: inout DemoRandom) {
        let span = frame.options.teachingSpan
        firstDay = span.start.dayNumber
        dayCount = span.days
        let students = frame.population.students.count
        state = Array(repeating: 0, count: students * dayCount)
        exempt = Array(repeating: nil, count: students)
        truancy = ability.map { 0.003 + max(0, -$0) * 0.004 }
        let schoolDays = (0..<dayCount).filter { frame.options.isSchoolDay(span.start.adding(days: $0)) }
        guard !schoolDays.isEmpty else { return }
        for student in 0..<students {
            let base = student * dayCount
            for _ in 0..<random.weighted([0.12, 0.25, 0.3, 0.2, 0.13]) {
                let start = random.int(0..<schoolDays.count)
                for day in schoolDays[start..<min(schoolDays.count, start + random.int(3...7))] {
                    state[base + day] = 1
                }
            }
            for _ in 0..<random.weighted([0.55, 0.3, 0.15]) {
                let start = random.int(0..<schoolDays.count)
                let excuse = UInt8(2 + random.int(0..<Self.excuses.count))
                for day in schoolDays[start..<min(schoolDays.count, start + random.pick([1, 1, 1, 2, 3]))]
                where state[base + day] == 0 {
                    state[base + day] = excuse
                }
            }
            if random.chance(0.02) {
                exempt[student] = span.start.dayNumber...span.end.dayNumber
            } else if random.chance(0.04) {
                let start = span.start.dayNumber + random.int(0..<dayCount)
                exempt[student] = start...(start + random.int(14...42))
            }
        }
    }

    /// The attendance code of a student on a day, when the whole day is missed.
    func dayCode(_ student: Int, _ date: LocalDate) -> (code: String, comment: String?)? {
        let day = date.dayNumber - firstDay
        guard (0..<dayCount).contains(day) else { return nil }
        switch state[student * dayCount + day] {
        case 0: return nil
        case 1: return ("Б", nil)
        case let excuse: return ("УП", Self.excuses[Int(excuse) - 2])
        }
    }

    func isExemptFromPE(_ student: Int, _ date: LocalDate) -> Bool {
        exempt[student]?.contains(date.dayNumber) ?? false
    }
}
