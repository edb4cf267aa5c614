import JournalDemo
import JournalModel

/// One small school shared by the tests: generating it once keeps the suite fast.
enum Fixtures {
    static let today = LocalDate(year: 2026, month: 3, day: 12)!
    static let options = DemoOptions(students: 120, seed: 2026, today: today)
    static let school = DemoSchoolGenerator(options: options).generate()
}

extension DemoSchool {
    func classOf(group: TeachingGroup) -> SchoolClass? {
        group.classID.map { classes[Int($0.rawValue) - 1] }
    }

    func assignment(_ id: AssignmentID) -> TeachingAssignment { assignments[Int(id.rawValue) - 1] }
    func group(_ id: GroupID) -> TeachingGroup { groups[Int(id.rawValue) - 1] }
    func lesson(_ id: LessonID) -> Lesson { lessons[Int(id.rawValue) - 1] }
    func work(_ id: WorkID) -> Work { works[Int(id.rawValue) - 1] }
    func student(_ id: StudentID) -> Student { students[Int(id.rawValue) - 1] }
    func schoolClass(_ id: ClassID) -> SchoolClass { classes[Int(id.rawValue) - 1] }

    /// The classes whose students a group's lessons take: its own, or its members' classes.
    func classIDs(of groupID: GroupID) -> [ClassID] {
        if let classID = group(groupID).classID { return [classID] }
        return Set(groupMembers.filter { $0.groupID == groupID }.map { student($0.studentID).classID }).sorted()
    }

    /// The grade of a lesson's group (the lowest for a cross-class group).
    func grade(of assignmentID: AssignmentID) -> Int {
        classIDs(of: assignment(assignmentID).groupID).map { schoolClass($0).grade }.min() ?? 0
    }
}
