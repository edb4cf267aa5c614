import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("The change history: who changed what, when, old → new")
struct HistoryTests {
    let system = Caller.system("test")

    func teacher(_ school: TestSchool, assignments: Set<AssignmentID>) -> Caller {
        .person(
            AccessSubject(
                accountID: AccountID(900), displayName: "Петрова М. И.", roles: [.teacher],
                staffID: school.teacher.id, assignments: assignments, groups: [school.assignment.groupID],
                taughtStudents: Set(school.students.compactMap(\.id)), today: TestSchool.today))
    }

    @Test func aMarkChangedThreeTimesHasItsWholeHistoryNewestFirst() async throws {
        let school = try await TestSchool.make()
        let service = school.service
        let anna = school.students[0].id!
        var mark = try await service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna, value: "3"), caller: system)
        for (value, reason) in [("4", "пересдача"), ("5", "вторая пересдача"), ("4", "ошибка при вводе")] {
            mark = try await service.changeMark(
                mark.id!, version: mark.version, value: value, comment: nil, caller: system, reason: reason)
        }
        let history = try await service.history(HistoryQuery(kind: "mark", id: mark.id!.rawValue), caller: system)
        #expect(history.map(\.action) == ["update", "update", "update", "insert"])
        #expect(history.map(\.reason) == ["ошибка при вводе", "вторая пересдача", "пересдача", "mark entered"])
        #expect(history.allSatisfy { $0.kind == "mark" && $0.recordID == mark.id!.rawValue && $0.studentID == anna })
        let last = try #require(history.first)
        #expect(last.before?.contains("\"value\":\"5\"") == true && last.after?.contains("\"value\":\"4\"") == true)
        #expect(history.last?.before == nil)
        // Paging: the entries older than the newest two.
        let older = try await service.history(
            HistoryQuery(kind: "mark", id: mark.id!.rawValue, before: history[1].id), caller: system)
        #expect(older.map(\.id) == history.suffix(2).map(\.id))
    }

    @Test func aTeacherReadsTheHistoryOfTheirOwnGroupsOnly() async throws {
        let school = try await TestSchool.make()
        let anna = school.students[0].id!
        _ = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna, value: "3"), caller: system)
        let own = try await school.service.history(
            HistoryQuery(kind: "mark"), caller: teacher(school, assignments: [school.assignment.id!]))
        #expect(own.count == 1 && own.first?.assignmentID == school.assignment.id)
        // The school's rules history is not a group's: a teacher sees none of it.
        let rules = try await school.service.history(
            HistoryQuery(kind: "rules"), caller: teacher(school, assignments: [school.assignment.id!]))
        #expect(rules.isEmpty)
        await #expect(throws: AccessDenied.self) {
            try await school.service.history(HistoryQuery(), caller: teacher(school, assignments: []))
        }
    }

    @Test func badFiltersAreRefusedSayingWhatIsAccepted() async throws {
        let school = try await TestSchool.make()
        await #expect { try await school.service.history(HistoryQuery(kind: "marks"), caller: system) } throws: {
            "\($0)".contains("'marks' is not a kind of record; use account, attendance")
        }
        await #expect { try await school.service.history(HistoryQuery(limit: 501), caller: system) } throws: {
            "\($0)".contains("from 1 to 500")
        }
        await #expect {
            try await school.service.history(
                HistoryQuery(from: LocalDate("2026-11-20"), to: LocalDate("2026-11-19")), caller: system)
        } throws: { "\($0)".contains("is before from") }
    }

    /// A cell of the grid: one student's marks of one work and attendance of its lesson, a
    /// deleted mark included; nothing of the next cell or the next student.
    @Test func aCellsHistoryHasItsMarksAndAttendanceOnly() async throws {
        let school = try await TestSchool.make()
        let service = school.service
        let (anna, oleg) = (school.students[0], school.students[1])
        let lesson = try #require(school.test.lessonID)
        var mark = try await service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna.id!, value: "3"), caller: system)
        mark = try await service.changeMark(
            mark.id!, version: mark.version, value: "4", comment: nil, caller: system, reason: "пересдача")
        try await service.deleteMark(mark.id!, version: mark.version, caller: system, reason: "не та работа")
        let second = try await service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna.id!, value: "5"), caller: system)
        _ = try await service.postMark(
            MarkDraft(workID: school.test.id!, studentID: oleg.id!, value: "2"), caller: system)
        _ = try await service.postMark(
            MarkDraft(workID: school.answer.id!, studentID: anna.id!, value: "5"), caller: system)
        try await school.build { builder in
            let lessonRow = try #require(try builder.writer.reader.lesson(lesson))
            try builder.attendance("Н", of: anna, in: lessonRow)
            try builder.attendance("Н", of: oleg, in: lessonRow)
        }
        var query = HistoryQuery(student: anna.id!)
        query.lesson = lesson
        query.work = school.test.id!
        let cell = try await service.history(query, caller: system)
        #expect(cell.map(\.kind) == ["attendance", "mark", "mark", "mark", "mark"])
        #expect(cell.map(\.action) == ["insert", "insert", "delete", "update", "insert"])
        #expect(
            cell.filter { $0.kind == "mark" }.map(\.recordID)
                == [second.id!, mark.id!, mark.id!, mark.id!].map(\.rawValue))
        #expect(cell.allSatisfy { $0.studentID == anna.id })
        // A work without a lesson has only marks; a cell of nothing has no history.
        query.lesson = nil
        #expect(try await service.history(query, caller: system).count == 4)
    }

    /// The psychologist's caseload is special-category data: the administrator's audit.view
    /// does not reach it, in the whole history or asked for by kind; the system's does.
    @Test func theAdministratorsHistoryLeavesOutPsychologyData() async throws {
        let school = try await TestSchool.make(.fiveA, accounts: [.administrator, .psychologist])
        let administrator = Caller.person(try await school.service.subject(account: school.account(.administrator)))
        let everything = try await school.service.history(HistoryQuery(limit: 500), caller: administrator)
        #expect(!everything.isEmpty)
        #expect(!everything.contains { $0.kind == "caseload" })
        await #expect(throws: AccessDenied.self) {
            try await school.service.history(HistoryQuery(kind: "caseload"), caller: administrator)
        }
        #expect(try await school.service.readableHistoryKinds(caller: administrator)["caseload"] == nil)
        let seenBySystem = try await school.service.history(HistoryQuery(kind: "caseload"), caller: system)
        #expect(!seenBySystem.isEmpty)
    }
}
