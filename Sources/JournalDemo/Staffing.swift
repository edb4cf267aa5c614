import JournalModel

/// The staff of the school, its teaching groups and who teaches what: one teacher per
/// primary class for nearly everything, subject teachers from grade 5, loads of about
/// 18–26 lessons a week, the two halves of a split class with different teachers.
struct Staffing {
    struct StaffDraft {
        var name: PersonName
        var position: String
        var roles: [Role]
        /// The teacher's own classroom, where their lessons are.
        var room: String?
        /// For a teacher: the (merged) specialty whose pool they belong to.
        var specialty: Specialty?
    }

    struct GroupDraft {
        var name: String
        var kind: TeachingGroup.Kind
        var classIndex: Int?
        /// Student indices, ascending.
        var members: [Int]
    }

    struct AssignmentDraft {
        var group: Int
        var subject: SubjectKey
        var teacher: Int
        var hours: Int
        var grade: Int
        /// The other half of a split class for the same subject.
        var partner: Int?
    }

    var staff: [StaffDraft] = []
    var groups: [GroupDraft] = []
    var assignments: [AssignmentDraft] = []
    /// The class teacher of each class, a staff index.
    var classTeachers: [Int] = []
    /// Lessons a week per member of staff.
    var loads: [Int] = []

    init(classes: [ClassPlan], population: Population, random: inout DemoRandom) {
        makeGroupsAndAssignments(classes: classes, population: population, random: &random)
        appendAdministration(studentCount: population.students.count, random: &random)
        hireTeachers(classes: classes, random: &random)
        chooseClassTeachers(classes: classes)
    }

    private mutating func makeGroupsAndAssignments(
        classes: [ClassPlan], population: Population, random: inout DemoRandom
    ) {
        var roster = Array(repeating: [Int](), count: classes.count)
        for (index, student) in population.students.enumerated() {
            roster[student.classIndex].append(index)
        }
        for (classIndex, plan) in classes.enumerated() {
            let members = roster[classIndex]
            let whole = groups.count
            groups.append(GroupDraft(name: plan.name, kind: .wholeClass, classIndex: classIndex, members: members))
            for (subject, hours) in Curriculum.hours(grade: plan.grade) {
                guard subject.isSplit(inGrade: plan.grade) else {
                    assignments.append(
                        AssignmentDraft(group: whole, subject: subject, teacher: -1, hours: hours, grade: plan.grade))
                    continue
                }
                let half = (members.count + 1) / 2
                for (number, part) in [members.prefix(half), members.dropFirst(half)].enumerated() {
                    groups.append(
                        GroupDraft(
                            name: "\(plan.name), \(subject.groupWord), группа \(number + 1)", kind: .subgroup,
                            classIndex: classIndex, members: Array(part)))
                    let partner = number == 0 ? nil : assignments.count - 1
                    if let partner { assignments[partner].partner = assignments.count }
                    assignments.append(
                        AssignmentDraft(
                            group: groups.count - 1, subject: subject, teacher: -1, hours: hours, grade: plan.grade,
                            partner: partner))
                }
            }
        }
        // One elective drawn from grades 10–11 together.
        let seniors = population.students.indices.filter { classes[population.students[$0].classIndex].grade >= 10 }
        let members = Array(seniors.filter { _ in random.chance(0.35) }.prefix(28))
        if members.count >= 3 {
            groups.append(
                GroupDraft(
                    name: "Финансовая грамотность, 10–11 классы", kind: .crossClass, classIndex: nil, members: members))
            assignments.append(
                AssignmentDraft(
                    group: groups.count - 1, subject: .financialLiteracy, teacher: -1, hours: Curriculum.electiveHours,
                    grade: 10))
        }
    }

    private mutating func appendAdministration(studentCount: Int, random: inout DemoRandom) {
        var posts: [(String, [Role], Double)] = [
            ("директор", [.management], 0.6),
            ("заместитель директора по УВР", [.management], 0.85),
        ]
        if studentCount >= 500 {
            posts.append(("заместитель директора по УВР (начальная школа)", [.management], 0.95))
        }
        posts += [
            ("заместитель директора по ВР", [.management], 0.85),
            ("системный администратор", [.administrator], 0.15),
            ("секретарь учебной части", [.secretary], 0.95),
            ("медицинская сестра", [.medical], 0.97),
            ("педагог-психолог", [.psychologist], 0.9),
            ("социальный педагог", [.psychologist], 0.9),
            ("специалист по кадрам", [.hr], 0.9),
        ]
        for (position, roles, female) in posts {
            staff.append(
                StaffDraft(
                    name: Self.name(female: female, &random), position: position, roles: roles, room: nil,
                    specialty: nil))
        }
    }

    /// A bundle is what one teacher takes as a whole: all of a specialty's subjects in one
    /// class or in one half of it.
    private struct Bundle {
        var classIndex: Int
        var specialty: Specialty
        var assignments: [Int]
        var hours: Int
    }

    private mutating func hireTeachers(classes: [ClassPlan], random: inout DemoRandom) {
        var bundles: [Bundle] = []
        var bundleOfAssignment = Array(repeating: -1, count: assignments.count)
        for (index, assignment) in assignments.enumerated() {
            let specialty = Specialty.teaching(assignment.subject, grade: assignment.grade)
            let classIndex = groups[assignment.group].classIndex ?? -1
            let splitGroup = assignment.partner != nil ? assignment.group : -1
            if let existing = bundles.indices.last(where: {
                bundles[$0].classIndex == classIndex && bundles[$0].specialty == specialty && splitGroup < 0
                    && assignments[bundles[$0].assignments[0]].partner == nil && classIndex >= 0
            }) {
                bundles[existing].assignments.append(index)
                bundles[existing].hours += assignment.hours
                bundleOfAssignment[index] = existing
            } else {
                bundleOfAssignment[index] = bundles.count
                bundles.append(
                    Bundle(classIndex: classIndex, specialty: specialty, assignments: [index], hours: assignment.hours))
            }
        }

        // A specialty whose own posts would be underloaded joins a neighbour: informatics goes
        // to physics, art to music…
        var totals = Array(repeating: 0, count: Specialty.allCases.count)
        for bundle in bundles { totals[bundle.specialty.rawValue] += bundle.hours }
        var root = Specialty.allCases
        var members = Specialty.allCases.map { [$0] }
        for small in [Specialty.informatics, .art, .safety, .chemistry, .geography, .biology, .physics] {
            let total = totals[small.rawValue]
            guard total > 0, total < 18 * Self.posts(total), let target = small.mergeTarget else { continue }
            var top = target
            while root[top.rawValue] != top { top = root[top.rawValue] }
            guard top != small else { continue }
            totals[top.rawValue] += totals[small.rawValue]
            totals[small.rawValue] = 0
            members[top.rawValue] += members[small.rawValue]
            members[small.rawValue] = []
            for specialty in Specialty.allCases where root[specialty.rawValue] == small {
                root[specialty.rawValue] = top
            }
        }

        loads = Array(repeating: 0, count: staff.count)
        for specialty in Specialty.allCases
        where root[specialty.rawValue] == specialty && totals[specialty.rawValue] > 0 {
            let pool = bundles.indices.filter { root[bundles[$0].specialty.rawValue] == specialty }
            let position = Specialty.position(members[specialty.rawValue])
            let count =
                specialty == .primary
                ? pool.count
                : Self.posts(totals[specialty.rawValue])
            let first = staff.count
            for number in 0..<count {
                staff.append(
                    StaffDraft(
                        name: Self.name(female: Self.femaleShare(specialty), &random), position: position,
                        roles: [.teacher], room: Self.room(specialty, number: number, of: first),
                        specialty: specialty))
                loads.append(0)
            }
            // Longest bundles first, each to the least loaded teacher who may take it.
            let order = pool.sorted {
                bundles[$0].hours != bundles[$1].hours ? bundles[$0].hours > bundles[$1].hours : $0 < $1
            }
            for bundleIndex in order {
                let bundle = bundles[bundleIndex]
                var excluded = -1
                if let partner = assignments[bundle.assignments[0]].partner, count > 1 {
                    excluded = assignments[partner].teacher
                }
                let teacher =
                    specialty == .primary
                    ? first + pool.firstIndex(of: bundleIndex)!
                    : (first..<(first + count)).filter { $0 != excluded }.min { loads[$0] < loads[$1] }!
                for assignment in bundle.assignments {
                    assignments[assignment].teacher = teacher
                }
                loads[teacher] += bundle.hours
            }
        }
    }

    /// Teachers for so many lessons a week: about 22 each, never more than 28 (one and a
    /// half posts).
    private static func posts(_ hours: Int) -> Int {
        max(1, Int((Double(hours) / 22.5).rounded()), (hours + 27) / 28)
    }

    private mutating func chooseClassTeachers(classes: [ClassPlan]) {
        var hoursInClass = Array(repeating: [Int: Int](), count: classes.count)
        for assignment in assignments {
            guard let classIndex = groups[assignment.group].classIndex else { continue }
            hoursInClass[classIndex][assignment.teacher, default: 0] += assignment.hours
        }
        var isClassTeacher = Array(repeating: false, count: staff.count)
        for classIndex in classes.indices {
            let candidates = hoursInClass[classIndex].keys.sorted { lhs, rhs in
                let a = hoursInClass[classIndex][lhs]!
                let b = hoursInClass[classIndex][rhs]!
                return a != b ? a > b : lhs < rhs
            }
            let teachers = staff.indices.filter { staff[$0].roles == [.teacher] }
            let chosen =
                candidates.first { !isClassTeacher[$0] } ?? teachers.first { !isClassTeacher[$0] } ?? candidates[0]
            isClassTeacher[chosen] = true
            classTeachers.append(chosen)
        }
    }

    private static func femaleShare(_ specialty: Specialty) -> Double {
        switch specialty {
        case .primary: 0.97
        case .physicalEducation, .technology, .informatics: 0.45
        case .safety: 0.2
        case .physics: 0.6
        default: 0.88
        }
    }

    /// Primary classrooms on the ground floor, subject rooms above, gyms and workshops named.
    private static func room(_ specialty: Specialty, number: Int, of first: Int) -> String {
        switch specialty {
        case .primary: return String(101 + number)
        case .physicalEducation:
            return number == 0 ? "спортзал" : number == 1 ? "малый спортзал" : "спортзал \(number + 1)"
        case .technology: return "мастерская \(number + 1)"
        default:
            let index = first + number
            return String((2 + index / 30) * 100 + index % 30 + 1)
        }
    }

    private static func name(female: Double, _ random: inout DemoRandom) -> PersonName {
        RussianNames.adult(
            random.chance(female) ? .female : .male, familyName: random.pick(RussianNames.familyNames), random: &random)
    }
}
