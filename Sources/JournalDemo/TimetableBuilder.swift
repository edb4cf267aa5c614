/// Places every lesson of the week so that no teacher, class or subgroup is in two places at
/// once. The two halves of a split class learn at the same time with different teachers.
/// A greedy placement that always takes the lesson with the fewest free slots left (the week's
/// 48 slots fit a bitmask), repaired by moving one or two blocking lessons when one fits
/// nowhere, then compacted so that classes have as few free periods as possible.
struct TimetableBuilder {
    static let days = 6
    static let bells = 8
    static let slots = days * bells

    /// Lessons given together in one slot: one assignment, or both halves of a split class.
    struct Unit {
        var assignments: [Int]
        var teachers: [Int]
        /// Classes the unit occupies entirely.
        var classes: [Int]
        /// The subgroup a lone half-class lesson occupies; its class stays half free.
        var subgroup: Int?
        var subgroupClass: Int
        var subject: SubjectKey
        var priority: Int
    }

    /// Per assignment, the weekly slots (`day * bells + number`, both from 0) it was given.
    private(set) var slotsOfAssignment: [[Int]]

    private var units: [Unit]
    private var classDays: [Int]
    private var classMax: [Int]
    private var groupsOfClass: [[Int]]
    private var unitSlot: [Int]
    private var teacherAt: [Int]
    private var wholeAt: [Int]
    private var groupAt: [Int]
    private var partialCount: [Int]
    private var dayLessons: [Int]
    private var daySubject: [Int]
    private var teacherDayLessons: [Int]
    /// Bit `slot` set when the teacher, class, or subgroup is free then.
    private var teacherFree: [UInt64]
    private var classFree: [UInt64]
    /// Bit set when no whole-class lesson is then, so a half of the class may learn.
    private var classNoWhole: [UInt64]
    private var groupFree: [UInt64]
    /// The class's school days.
    private var dayMask: [UInt64]

    init(classes: [ClassPlan], staffing: Staffing, random: inout DemoRandom) {
        classDays = classes.map { Curriculum.days(grade: $0.grade) }
        classMax = classes.map { Curriculum.maxLessonsPerDay(grade: $0.grade) }
        var groupsOfClass = Array(repeating: [Int](), count: classes.count)
        for (index, group) in staffing.groups.enumerated() {
            if let classIndex = group.classIndex { groupsOfClass[classIndex].append(index) }
        }
        self.groupsOfClass = groupsOfClass
        units = Self.units(classes: classes, staffing: staffing)
        unitSlot = []
        teacherAt = []
        wholeAt = []
        groupAt = []
        partialCount = []
        dayLessons = []
        daySubject = []
        teacherDayLessons = []
        teacherFree = []
        classFree = []
        classNoWhole = []
        groupFree = []
        dayMask = classDays.map { (UInt64(1) << UInt64($0 * Self.bells)) - 1 }
        slotsOfAssignment = []

        // Several shuffles of equal-priority lessons; the first that places everything wins.
        var best: (dropped: Int, state: TimetableBuilder)?
        for _ in 0..<6 {
            var attempt = self
            let dropped = attempt.run(staffCount: staffing.staff.count, groupCount: staffing.groups.count, &random)
            if best == nil || dropped < best!.dropped { best = (dropped, attempt) }
            if dropped == 0 { break }
        }
        self = best!.state
        slotsOfAssignment = Array(repeating: [], count: staffing.assignments.count)
        for (index, unit) in units.enumerated() where unitSlot[index] >= 0 {
            for assignment in unit.assignments {
                slotsOfAssignment[assignment].append(unitSlot[index])
            }
        }
        for index in slotsOfAssignment.indices { slotsOfAssignment[index].sort() }
    }

    private static func units(classes: [ClassPlan], staffing: Staffing) -> [Unit] {
        var hoursInClass: [Int: Int] = [:]  // teacher * 10_000 + class
        for assignment in staffing.assignments {
            guard let classIndex = staffing.groups[assignment.group].classIndex else { continue }
            hoursInClass[assignment.teacher * 10_000 + classIndex, default: 0] += assignment.hours
        }
        let seniorClasses = classes.indices.filter { classes[$0].grade >= 10 }
        var units: [Unit] = []
        for (index, assignment) in staffing.assignments.enumerated() {
            let group = staffing.groups[assignment.group]
            let classIndex = group.classIndex ?? -1
            // Teachers busy in other classes are the hard part; a class's own primary teacher is
            // free whenever the class is. Many hours of one subject in a class are hard too.
            func difficulty(_ teacher: Int) -> Int {
                let own = hoursInClass[teacher * 10_000 + classIndex] ?? 0
                return staffing.loads[teacher] > own ? staffing.loads[teacher] + 2 * assignment.hours : 0
            }
            let outside = difficulty(assignment.teacher)
            if group.classIndex == nil {
                let unit = Unit(
                    assignments: [index], teachers: [assignment.teacher], classes: seniorClasses, subgroup: nil,
                    subgroupClass: -1, subject: assignment.subject, priority: -1)
                units += Array(repeating: unit, count: assignment.hours)
            } else if let partner = assignment.partner {
                guard partner > index else { continue }  // the pair is made from its first half
                let other = staffing.assignments[partner]
                if other.teacher != assignment.teacher {
                    let otherOutside = difficulty(other.teacher)
                    let unit = Unit(
                        assignments: [index, partner], teachers: [assignment.teacher, other.teacher],
                        classes: [classIndex], subgroup: nil, subgroupClass: -1, subject: assignment.subject,
                        priority: outside + otherOutside + 25)
                    units += Array(repeating: unit, count: assignment.hours)
                } else {
                    for half in [index, partner] {
                        let unit = Unit(
                            assignments: [half], teachers: [assignment.teacher], classes: [],
                            subgroup: staffing.assignments[half].group, subgroupClass: classIndex,
                            subject: assignment.subject, priority: outside + 10)
                        units += Array(repeating: unit, count: assignment.hours)
                    }
                }
            } else {
                let unit = Unit(
                    assignments: [index], teachers: [assignment.teacher], classes: [classIndex], subgroup: nil,
                    subgroupClass: -1, subject: assignment.subject, priority: outside)
                units += Array(repeating: unit, count: assignment.hours)
            }
        }
        return units
    }

    /// Places all units; returns how many could not be placed.
    private mutating func run(staffCount: Int, groupCount: Int, _ random: inout DemoRandom) -> Int {
        let classCount = classDays.count
        unitSlot = Array(repeating: -1, count: units.count)
        teacherAt = Array(repeating: -1, count: staffCount * Self.slots)
        wholeAt = Array(repeating: -1, count: classCount * Self.slots)
        groupAt = Array(repeating: -1, count: groupCount * Self.slots)
        partialCount = Array(repeating: 0, count: classCount * Self.slots)
        dayLessons = Array(repeating: 0, count: classCount * Self.days)
        daySubject = Array(repeating: 0, count: classCount * Self.days * SubjectKey.allCases.count)
        teacherDayLessons = Array(repeating: 0, count: staffCount * Self.days)
        let all = (UInt64(1) << UInt64(Self.slots)) - 1
        teacherFree = Array(repeating: all, count: staffCount)
        classFree = Array(repeating: all, count: classCount)
        classNoWhole = Array(repeating: all, count: classCount)
        groupFree = Array(repeating: all, count: groupCount)

        var tiebreak = Array(units.indices)
        random.shuffle(&tiebreak)
        var unplaced = Array(units.indices)
        var dropped = 0
        while !unplaced.isEmpty {
            // The most constrained lesson next; the elective after all the classes' own lessons.
            var chosen = 0
            var chosenKey = (Int.max, Int.max, Int.max, Int.max)
            for (position, unit) in unplaced.enumerated() {
                let key = (
                    units[unit].priority < 0 ? 1 : 0, feasible(unit).nonzeroBitCount, -units[unit].priority,
                    tiebreak[unit]
                )
                if key < chosenKey {
                    chosenKey = key
                    chosen = position
                }
            }
            let unit = unplaced.remove(at: chosen)
            if let slot = bestSlot(unit) {
                place(unit, slot)
            } else if !repair(unit) {
                dropped += 1
            }
        }
        compact()
        return dropped
    }

    // MARK: Occupancy

    private func classOf(_ unit: Unit) -> [Int] {
        unit.subgroup == nil ? unit.classes : [unit.subgroupClass]
    }

    private func occupied(_ classIndex: Int, _ slot: Int) -> Bool {
        wholeAt[classIndex * Self.slots + slot] >= 0 || partialCount[classIndex * Self.slots + slot] > 0
    }

    /// The slots where the unit could go now.
    private func feasible(_ index: Int) -> UInt64 {
        let unit = units[index]
        var mask = ~UInt64(0)
        for teacher in unit.teachers { mask &= teacherFree[teacher] }
        if let group = unit.subgroup {
            return mask & groupFree[group] & classNoWhole[unit.subgroupClass] & dayMask[unit.subgroupClass]
        }
        for classIndex in unit.classes { mask &= classFree[classIndex] & dayMask[classIndex] }
        return mask
    }

    private func fits(_ index: Int, _ slot: Int) -> Bool {
        feasible(index) & (UInt64(1) << UInt64(slot)) != 0
    }

    private mutating func place(_ index: Int, _ slot: Int) {
        let unit = units[index]
        let day = slot / Self.bells
        let bit = UInt64(1) << UInt64(slot)
        unitSlot[index] = slot
        for teacher in unit.teachers {
            teacherAt[teacher * Self.slots + slot] = index
            teacherDayLessons[teacher * Self.days + day] += 1
            teacherFree[teacher] &= ~bit
        }
        for classIndex in classOf(unit) {
            if !occupied(classIndex, slot) { dayLessons[classIndex * Self.days + day] += 1 }
            daySubject[(classIndex * Self.days + day) * SubjectKey.allCases.count + unit.subject.rawValue] += 1
        }
        if let group = unit.subgroup {
            groupAt[group * Self.slots + slot] = index
            partialCount[unit.subgroupClass * Self.slots + slot] += 1
            groupFree[group] &= ~bit
            classFree[unit.subgroupClass] &= ~bit
        } else {
            for classIndex in unit.classes {
                wholeAt[classIndex * Self.slots + slot] = index
                classFree[classIndex] &= ~bit
                classNoWhole[classIndex] &= ~bit
            }
        }
    }

    private mutating func remove(_ index: Int) {
        let unit = units[index]
        let slot = unitSlot[index]
        let day = slot / Self.bells
        let bit = UInt64(1) << UInt64(slot)
        unitSlot[index] = -1
        for teacher in unit.teachers {
            teacherAt[teacher * Self.slots + slot] = -1
            teacherDayLessons[teacher * Self.days + day] -= 1
            teacherFree[teacher] |= bit
        }
        if let group = unit.subgroup {
            groupAt[group * Self.slots + slot] = -1
            partialCount[unit.subgroupClass * Self.slots + slot] -= 1
            groupFree[group] |= bit
            if !occupied(unit.subgroupClass, slot) { classFree[unit.subgroupClass] |= bit }
        } else {
            for classIndex in unit.classes {
                wholeAt[classIndex * Self.slots + slot] = -1
                classNoWhole[classIndex] |= bit
                if !occupied(classIndex, slot) { classFree[classIndex] |= bit }
            }
        }
        for classIndex in classOf(unit) {
            if !occupied(classIndex, slot) { dayLessons[classIndex * Self.days + day] -= 1 }
            daySubject[(classIndex * Self.days + day) * SubjectKey.allCases.count + unit.subject.rawValue] -= 1
        }
    }

    // MARK: Choosing

    private func bestSlot(_ index: Int, avoiding avoided: Int = -1) -> Int? {
        var best: (cost: Int, slot: Int)?
        let mask = feasible(index)
        for slot in 0..<Self.slots where slot != avoided && mask & (UInt64(1) << UInt64(slot)) != 0 {
            let cost = cost(index, slot)
            if best == nil || cost < best!.cost { best = (cost, slot) }
        }
        return best?.slot
    }

    /// Lower is better: early lessons, no free periods, balanced days, a subject once a day,
    /// demanding subjects early and active ones later.
    private func cost(_ index: Int, _ slot: Int) -> Int {
        let unit = units[index]
        let day = slot / Self.bells
        let number = slot % Self.bells
        var cost = number * 2
        for classIndex in classOf(unit) {
            cost += 30 * daySubject[(classIndex * Self.days + day) * SubjectKey.allCases.count + unit.subject.rawValue]
            if occupied(classIndex, slot) {
                cost -= 6  // the other half of the class is already learning then
                continue
            }
            let count = dayLessons[classIndex * Self.days + day]
            cost += count * 3
            if count >= classMax[classIndex] { cost += 40 }
            if number >= classMax[classIndex] { cost += 25 }
            var first = -1
            var last = -1
            for other in 0..<Self.bells where occupied(classIndex, day * Self.bells + other) {
                if first < 0 { first = other }
                last = other
            }
            if last < 0 {
                cost += number * 8
            } else if number > last {
                cost += (number - last - 1) * 8
            } else if number < first {
                cost += (first - number - 1) * 8
            }
        }
        for teacher in unit.teachers where teacherDayLessons[teacher * Self.days + day] >= 6 { cost += 10 }
        switch unit.subject {
        case .russian, .maths, .algebra, .geometry, .physics, .chemistry, .english:
            if number >= 5 { cost += 4 }
        case .physicalEducation, .music, .art:
            if number == 0 { cost += 3 }
        default: break
        }
        return cost
    }

    /// Frees a slot for a unit that fits nowhere by moving the one or two lessons in its way.
    private mutating func repair(_ index: Int) -> Bool {
        let unit = units[index]
        for slot in 0..<Self.slots {
            var blockers: [Int] = []
            func block(_ other: Int) {
                if other >= 0, !blockers.contains(other) { blockers.append(other) }
            }
            guard classOf(unit).allSatisfy({ slot / Self.bells < classDays[$0] }) else { continue }
            for teacher in unit.teachers { block(teacherAt[teacher * Self.slots + slot]) }
            for classIndex in classOf(unit) {
                block(wholeAt[classIndex * Self.slots + slot])
                for group in groupsOfClass[classIndex] where unit.subgroup == nil || unit.subgroup == group {
                    block(groupAt[group * Self.slots + slot])
                }
            }
            guard !blockers.isEmpty, blockers.count <= 2 else { continue }
            let previous = blockers.map { unitSlot[$0] }
            for blocker in blockers { remove(blocker) }
            if fits(index, slot) {
                place(index, slot)
                var moved: [Int] = []
                for blocker in blockers {
                    guard let target = bestSlot(blocker, avoiding: slot) else { break }
                    place(blocker, target)
                    moved.append(blocker)
                }
                if moved.count == blockers.count { return true }
                for blocker in moved { remove(blocker) }
                remove(index)
            }
            for (blocker, old) in zip(blockers, previous) { place(blocker, old) }
        }
        return false
    }

    /// Moves a class's last lesson of a day into a free period earlier that day, while the
    /// teachers are free then.
    private mutating func compact() {
        var unitsOfClass = Array(repeating: [Int](), count: classDays.count)
        for (index, unit) in units.enumerated() where unitSlot[index] >= 0 && unit.priority >= 0 {
            unitsOfClass[classOf(unit)[0]].append(index)
        }
        for _ in 0..<3 {
            var changed = false
            for classIndex in classDays.indices {
                for day in 0..<classDays[classIndex] {
                    while let gap = firstGap(classIndex, day) {
                        let later = unitsOfClass[classIndex].filter {
                            unitSlot[$0] / Self.bells == day && unitSlot[$0] % Self.bells > gap
                        }
                        guard let latest = later.map({ unitSlot[$0] }).max() else { break }
                        var moved = false
                        for unit in later where unitSlot[unit] == latest {
                            moved = move(unit, to: day * Self.bells + gap) || moved
                        }
                        if moved, !occupied(classIndex, latest) {
                            changed = true
                            continue
                        }
                        // Else the last lesson of a longer day, of a subject not yet taught this day.
                        let donors = unitsOfClass[classIndex].filter { unit in
                            let slot = unitSlot[unit]
                            let other = slot / Self.bells
                            return other != day && isLast(unit, classIndex)
                                && dayLessons[classIndex * Self.days + other]
                                    >= dayLessons[classIndex * Self.days + day]
                                && daySubject[
                                    (classIndex * Self.days + day) * SubjectKey.allCases.count
                                        + units[unit].subject.rawValue]
                                    == 0
                        }
                        guard donors.contains(where: { move($0, to: day * Self.bells + gap) }) else { break }
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
    }

    /// Moves a unit when it fits the new slot; else leaves it where it was.
    private mutating func move(_ unit: Int, to slot: Int) -> Bool {
        let old = unitSlot[unit]
        remove(unit)
        if fits(unit, slot) {
            place(unit, slot)
            return true
        }
        place(unit, old)
        return false
    }

    /// True when nothing follows the unit on its day in the class, and it fills its slot alone.
    private func isLast(_ unit: Int, _ classIndex: Int) -> Bool {
        let slot = unitSlot[unit]
        let day = slot / Self.bells
        guard units[unit].subgroup == nil else { return false }
        return (slot % Self.bells + 1..<Self.bells).allSatisfy { !occupied(classIndex, day * Self.bells + $0) }
    }

    /// The first free period of the day before the class's last lesson.
    private func firstGap(_ classIndex: Int, _ day: Int) -> Int? {
        var last = -1
        for number in 0..<Self.bells where occupied(classIndex, day * Self.bells + number) { last = number }
        return (0..<max(0, last)).first { !occupied(classIndex, day * Self.bells + $0) }
    }
}
