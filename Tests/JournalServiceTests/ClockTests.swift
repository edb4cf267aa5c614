import Foundation
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// One clock: the service's. What it decides (today, deadlines, sessions) and every time the
/// store records (audit entries, marks, lesson records) come from it, so that a test's fixed
/// noon and `journal serve --today` agree everywhere.
@Suite struct ClockTests {
    let caller = Caller.system("clock test")

    @Test func everyStoredTimeFollowsTheServicesClock() async throws {
        let school = try await TestSchool.make()
        let anna = school.students[0].id!
        let mark = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna, value: "5"), caller: caller)
        let lesson = try await school.service.updateLesson(
            school.lesson.id!, LessonChanges(version: school.lesson.version, topic: "Дроби", homework: "№ 1"),
            caller: caller)
        _ = try await school.service.setAttendance(
            lesson: school.lesson.id!, student: anna, code: "Н", version: 0, caller: caller)

        #expect(mark.createdAt == TestSchool.noon && mark.updatedAt == TestSchool.noon)
        #expect(lesson.recordedAt == TestSchool.noon && lesson.homeworkSetAt == TestSchool.noon)
        let entries = try await school.service.database.read { try $0.auditEntries() }
        #expect(entries.count > 10)
        let stray = entries.filter { $0.at != TestSchool.noon }.map { "\($0.entity) \($0.entityID) at \($0.at)" }
        #expect(stray.isEmpty, "audit entries off the service's clock: \(stray.prefix(3))")
    }

    @Test func aClockThatMovesIsFollowedAsItMoves() async throws {
        let clock = TestClock()
        let school = try await TestSchool.make(clock: clock)
        clock.advance(by: 3 * 86_400)
        let mark = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: school.students[1].id!, value: "4"), caller: caller)
        let later = TestSchool.noon.addingTimeInterval(3 * 86_400)
        #expect(mark.createdAt == later)
        let entry = try await school.service.database.read { try $0.auditEntries(entity: "mark").last }
        #expect(entry?.at == later)
        #expect(try await school.service.today() == LocalDate("2026-11-23"))
    }
}
