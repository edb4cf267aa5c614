import Foundation
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Two services on one database file stand for two processes (a server and `journal rules
/// activate`, or two servers): each sees what the other committed at its next request
/// (issue 10, item 1). Each service has its own connections, as a process would.
@Suite("Changes made by another process")
struct ChangesAcrossProcessesTests {
    let caller = Caller.system("test")

    @Test func rulesActivatedByAnotherProcessAreUsedAtTheNextRequest() async throws {
        let school = try await TestSchool.make(storage: .temporaryFile)
        defer { school.cleanUp() }
        let server = school.service
        let anna = school.students[0].id!
        _ = try await server.postMark(MarkDraft(workID: school.answer.id!, studentID: anna, value: "5"), caller: caller)
        _ = try await server.postMark(MarkDraft(workID: school.answer.id!, studentID: anna, value: "4"), caller: caller)
        let before = try await server.explain(student: anna, subject: school.math.id!, period: "q2", caller: caller)
        #expect(before.standing?.recommended == "5" && before.standing?.rulesVersion == 1)

        // Another process activates stricter thresholds.
        let cli = try school.openAgain()
        let stricter = try TestSchool.rules(
            editing: "scales/five.lua", replacing: "if average >= 4.5 then", with: "if average >= 4.6 then"
        )
        .replacing(
            "{ average = 4.5, expect = \"5\" }", with: "{ average = 4.6, expect = \"5\" }", in: "scales/five.lua")
        _ = try await cli.activateRules(stricter, caller: caller, comment: "пороги 4,6")

        try server.refreshChanges()
        let after = try await server.explain(student: anna, subject: school.math.id!, period: "q2", caller: caller)
        #expect(after.standing?.recommended == "4" && after.standing?.rulesVersion == 2)
    }

    @Test func aMarkEnteredByAnotherProcessChangesThatStudentsDiaryTagOnly() async throws {
        let school = try await TestSchool.make(storage: .temporaryFile)
        defer { school.cleanUp() }
        let server = school.service
        let (anna, oleg) = (school.students[0].id!, school.students[1].id!)
        let week = LocalDate("2026-11-16")!
        let annaBefore = try await server.diaryTag(student: anna, week: week, caller: caller)
        let olegBefore = try await server.diaryTag(student: oleg, week: week, caller: caller)
        #expect(try await server.diaryTag(student: anna, week: week, caller: caller) == annaBefore)

        let other = try school.openAgain()
        _ = try await other.postMark(MarkDraft(workID: school.test.id!, studentID: anna, value: "3"), caller: caller)

        try server.refreshChanges()
        #expect(try await server.diaryTag(student: anna, week: week, caller: caller) != annaBefore)
        #expect(try await server.diaryTag(student: oleg, week: week, caller: caller) == olegBefore)
        let diary = try await server.diaryWeek(student: anna, week: week, caller: caller)
        #expect(diary.days.flatMap(\.lessons).flatMap(\.marks).map(\.value) == ["3"])

        // A lesson's homework is every student's of the group.
        _ = try await other.updateLesson(
            school.lesson.id!, LessonChanges(version: school.lesson.version, homework: "№ 7"), caller: caller)
        try server.refreshChanges()
        #expect(try await server.diaryTag(student: oleg, week: week, caller: caller) != olegBefore)
    }

    /// A tag from before a restart never matches after it (it used to: a counter restarted at
    /// 0, and `If-None-Match: W/"0-56-2026-11-16"` answered 304 for a diary that had changed).
    @Test func diaryTagsNeverRepeatAcrossRestarts() async throws {
        let school = try await TestSchool.make(storage: .temporaryFile)
        defer { school.cleanUp() }
        let anna = school.students[0].id!
        let week = LocalDate("2026-11-16")!
        let before = try await school.service.diaryTag(student: anna, week: week, caller: caller)
        let restarted = try school.openAgain()
        let after = try await restarted.diaryTag(student: anna, week: week, caller: caller)
        #expect(after != before)
        #expect(try await restarted.diaryTag(student: anna, week: week, caller: caller) == after)
    }
}
