import JournalModel
import JournalRules
import JournalService
import JournalTestSupport
import Testing

/// "What it would take" from a student's real marks and the lessons left in the period.
@Suite("What it would take, from the journal")
struct MarkTargetsServiceTests {
    let caller = Caller.system("family at the console")

    /// Олег has 3 for a test (×3) in 5А's mathematics, a «3»; mathematics is on Mondays, six
    /// of them after Friday 20.11 up to the quarter's end on 28.12. A 5 for an answer (×1)
    /// makes 3.5, a «4»; a «5» would take nine fives for answers (too many) or three for tests.
    @Test func olegsMathematicsTargetsByWorkType() async throws {
        let school = try await TestSchool.make([.marks, .timetable])
        let oleg = school.students[1].id!
        let targets = try await school.service.studentMarkTargets(student: oleg, period: "q2", caller: caller)
        let mathematics = try #require(targets.subjects.first { $0.subjectID == school.assignment.subjectID })
        #expect(mathematics.recommended == "3")
        #expect(mathematics.lessonsLeft == 6)
        #expect(mathematics.byWorkType.map(\.workType) == targets.workTypes.map(\.code))
        let answer = try #require(mathematics.byWorkType.first { $0.workType == "answer" })
        #expect(answer.targets.map(\.mark) == ["5", "4"])
        #expect(!answer.targets[0].isReachable)
        #expect(answer.targets[1].marks == [PlannedMarks(value: "5", count: 1)])
        let test = try #require(mathematics.byWorkType.first { $0.workType == "test" })
        #expect(test.targets[0].marks == [PlannedMarks(value: "5", count: 3)] && test.targets[0].average == 4.5)
        #expect(test.targets[1].marks == [PlannedMarks(value: "4", count: 1)])
    }

    /// Анна's 4.5 is already a «5»: nothing above it.
    @Test func theTopMarkHasNoTargets() async throws {
        let school = try await TestSchool.make([.marks, .timetable])
        let targets = try await school.service.studentMarkTargets(
            student: school.students[0].id!, period: "q2", caller: caller)
        let mathematics = try #require(targets.subjects.first { $0.subjectID == school.assignment.subjectID })
        #expect(mathematics.recommended == "5")
        #expect(mathematics.byWorkType.allSatisfy { $0.targets.isEmpty })
    }

    /// After the quarter there are no lessons left in it: every higher mark is out of reach.
    @Test func aPastPeriodLeavesEveryTargetUnreachable() async throws {
        let school = try await TestSchool.make([.marks, .timetable])
        let targets = try await school.service.studentMarkTargets(
            student: school.students[1].id!, period: "q1", caller: caller)
        for subject in targets.subjects {
            #expect(subject.lessonsLeft == 0)
            #expect(subject.byWorkType.allSatisfy { $0.targets.allSatisfy { !$0.isReachable } })
        }
    }
}
