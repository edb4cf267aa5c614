import Foundation
import JournalModel

/// What every later stage of the generator reads: the options, the classes, the people, who
/// teaches what, the bells, and the moment the school "is" at.
struct SchoolFrame {
    let options: DemoOptions
    let classes: [ClassPlan]
    let population: Population
    let staffing: Staffing
    let bells: [Bell]
    /// The classes each assignment's lessons occupy.
    let classesOfAssignment: [[Int]]
    /// `today` at 19:00 in the school's time zone: the day's lessons are over and recorded.
    let now: Timestamp

    /// Moscow has kept UTC+3 all year since 2014.
    static let utcOffsetMinutes = 180

    /// 08:30 for lesson 1, 45-minute lessons, breaks of 10 and 20 minutes.
    static let bells: [Bell] = {
        let breaks = [10, 20, 20, 10, 10, 10, 10]
        var start = 8 * 60 + 30
        var bells: [Bell] = []
        for number in 1...TimetableBuilder.bells {
            bells.append(
                Bell(
                    number: number, startsAt: LocalTime(hour: start / 60, minute: start % 60)!,
                    endsAt: LocalTime(hour: (start + 45) / 60, minute: (start + 45) % 60)!))
            start += 45 + (number <= breaks.count ? breaks[number - 1] : 10)
        }
        return bells
    }()

    init(options: DemoOptions, classes: [ClassPlan], population: Population, staffing: Staffing) {
        self.options = options
        self.classes = classes
        self.population = population
        self.staffing = staffing
        bells = Self.bells
        classesOfAssignment = staffing.assignments.map { assignment in
            let group = staffing.groups[assignment.group]
            if let classIndex = group.classIndex { return [classIndex] }
            var classes = Set<Int>()
            for member in group.members { classes.insert(population.students[member].classIndex) }
            return classes.sorted()
        }
        now = Self.timestamp(options.today, minutes: 19 * 60)
    }

    /// The instant of a local day and minute of the day in the school's time zone.
    static func timestamp(_ date: LocalDate, minutes: Int) -> Timestamp {
        Date(timeIntervalSince1970: Double((date.dayNumber * 1440 + minutes - utcOffsetMinutes) * 60))
    }

    /// The instant, but never later than `now`.
    func timestamp(_ date: LocalDate, minutes: Int) -> Timestamp {
        min(Self.timestamp(date, minutes: minutes), now)
    }

    /// Minutes after midnight when lesson `number` ends.
    func endOfLesson(_ number: Int) -> Int {
        bells[min(max(number, 1), bells.count) - 1].endsAt.minutes
    }

    func teacher(of assignment: Int) -> Int { staffing.assignments[assignment].teacher }
}
