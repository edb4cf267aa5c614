import Foundation
import JournalAccess
import JournalModel
import JournalService
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
}
