import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import JournalStore
import Testing

/// The first quarter ended on 24 October and, with `close_after_days = 3`, closed after 27
/// October; the test school's today is 20 November.
@Suite("Closed periods: no quiet rewriting, reopening with a reason, past results reproducible")
struct ClosedPeriodsTests {
    let system = Caller.system("test")

    /// A lesson of 5А's mathematics on 20 October (the first quarter) with a test and Anna's 5
    /// (weight 3) and 3 in an answer (weight 1): average 4.5, recommended 5 by the shipped rules.
    func schoolWithFirstQuarter() async throws -> (TestSchool, Lesson, Work) {
        let school = try await TestSchool.make()
        let (lesson, test) = try await school.service.database.write(actor: .system("test fixture")) { writer in
            let lesson = try writer.insert(
                Lesson(
                    assignmentID: school.assignment.id!, date: LocalDate("2026-10-20")!, number: 3, status: .held,
                    topic: "Натуральные числа"))
            let test = try writer.insert(
                Work(assignmentID: school.assignment.id!, lessonID: lesson.id, workType: "test", date: lesson.date))
            let answer = try writer.insert(
                Work(assignmentID: school.assignment.id!, lessonID: lesson.id, workType: "answer", date: lesson.date))
            let anna = school.students[0].id!
            try writer.insert(Mark(workID: test.id!, studentID: anna, value: "5", createdAt: writer.now))
            try writer.insert(Mark(workID: answer.id!, studentID: anna, value: "3", createdAt: writer.now))
            return (lesson, test)
        }
        return (school, lesson, test)
    }

    func teacher(_ school: TestSchool) -> Caller {
        .person(
            AccessSubject(
                accountID: AccountID(900), displayName: "Петрова М. И.", roles: [.teacher],
                staffID: school.teacher.id, assignments: [school.assignment.id!], groups: [school.assignment.groupID],
                taughtStudents: Set(school.students.compactMap(\.id)), today: TestSchool.today))
    }

    func deputyHead(_ school: TestSchool) -> Caller {
        .person(
            AccessSubject(
                accountID: AccountID(901), displayName: "Завуч", roles: [.management], staffID: school.teacher.id,
                today: TestSchool.today))
    }

    @Test func writesIntoAClosedQuarterAreRefusedNamingTheRule() async throws {
        let (school, lesson, test) = try await schoolWithFirstQuarter()
        let teacher = teacher(school)
        let anna = school.students[0].id!
        let closed: (any Error) -> Bool = {
            "\($0)".contains("«1 четверть» is closed") && "\($0)".contains("close_after_days = 3")
                && "\($0)".contains("period.reopen")
        }
        await #expect {
            try await school.service.postMark(
                MarkDraft(workID: test.id!, studentID: school.students[1].id!, value: "4"), caller: teacher)
        } throws: { closed($0) }
        await #expect {
            try await school.service.setAttendance(
                lesson: lesson.id!, student: anna, code: "Н", version: 0, caller: teacher)
        } throws: { closed($0) }
        await #expect {
            try await school.service.updateLesson(
                lesson.id!, LessonChanges(version: lesson.version, topic: "Другая тема"), caller: teacher)
        } throws: { closed($0) }
        await #expect {
            try await school.service.setPeriodMark(
                student: anna, subject: school.math.id!, period: "q1", value: "5", reason: nil, caller: teacher)
        } throws: { closed($0) }
        // Nothing was written; the second quarter is open as before.
        let grid = try await school.service.journalGrid(assignment: school.assignment.id!, period: "q1", caller: system)
        #expect(grid.marks.count == 2)
        #expect(grid.lessons.first { $0.id == lesson.id }?.topic == "Натуральные числа")
        _ = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna, value: "4"), caller: teacher)
    }

    @Test func aDeputyHeadReopensForAClassWithAReasonAndOnlyThatClassIsOpened() async throws {
        let (school, _, test) = try await schoolWithFirstQuarter()
        let deputy = deputyHead(school)
        await #expect {
            try await school.service.reopenPeriod(
                "q1", className: "5А", until: LocalDate("2026-11-27")!, reason: "  ", caller: deputy)
        } throws: { "\($0)".contains("say why") }
        await #expect {
            try await school.service.reopenPeriod(
                "q1", className: "5А", until: LocalDate("2026-11-27")!, reason: "ошибка", caller: teacher(school))
        } throws: { $0 is AccessDenied }
        await #expect {
            try await school.service.reopenPeriod(
                "q2", className: "5А", until: LocalDate("2026-11-27")!, reason: "ошибка", caller: deputy)
        } throws: { "\($0)".contains("is not closed") }
        await #expect {
            try await school.service.reopenPeriod(
                "q1", className: "5А", until: LocalDate("2027-01-27")!, reason: "ошибка", caller: deputy)
        } throws: { "\($0)".contains("at most 31 days") }

        let reopened = try await school.service.reopenPeriod(
            "q1", className: "5а", until: LocalDate("2026-11-27")!, reason: "ошибка в контрольной Смирнова",
            caller: deputy)
        #expect(reopened.className == "5А" && reopened.isOpen && reopened.periodTitle == "1 четверть")
        let mark = try await school.service.postMark(
            MarkDraft(workID: test.id!, studentID: school.students[1].id!, value: "4"), caller: teacher(school))
        #expect(mark.value == "4")
        let list = try await school.service.periodReopenings(caller: deputy)
        #expect(list.map(\.reason) == ["ошибка в контрольной Смирнова"])

        // The reopening is in the audit log with its reason.
        let audited = try await school.service.database.read { reader in
            try reader.auditEntries(entity: "periodReopening")
        }
        #expect(audited.count == 1 && audited.first?.reason == "ошибка в контрольной Смирнова")
    }

    @Test func aReopeningForAnotherClassOrOneThatEndedDoesNotOpen() async throws {
        let (school, _, test) = try await schoolWithFirstQuarter()
        let year = try await school.service.currentYear()
        try await school.service.database.write(actor: .system("test fixture")) { writer in
            let other = try writer.insert(SchoolClass(yearID: year.id!, grade: 5, letter: "Б"))
            try writer.insert(
                PeriodReopening(
                    yearID: year.id!, period: "q1", classID: other.id, until: LocalDate("2026-11-27")!, reason: "5Б",
                    openedByID: nil, openedBy: "test", openedAt: writer.now))
            try writer.insert(
                PeriodReopening(
                    yearID: year.id!, period: "q1", classID: nil, until: LocalDate("2026-11-19")!, reason: "вчера",
                    openedByID: nil, openedBy: "test", openedAt: writer.now))
        }
        await #expect(throws: PeriodClosed.self) {
            try await school.service.postMark(
                MarkDraft(workID: test.id!, studentID: school.students[1].id!, value: "4"), caller: teacher(school))
        }
    }

    @Test func aClosedQuarterKeepsTheRulesItClosedWith() async throws {
        let (school, _, _) = try await schoolWithFirstQuarter()
        let service = school.service
        let anna = school.students[0].id!
        // Anna's second quarter: the same 5 and 3, average 4.5.
        _ = try await service.postMark(MarkDraft(workID: school.test.id!, studentID: anna, value: "5"), caller: system)
        _ = try await service.postMark(
            MarkDraft(workID: school.answer.id!, studentID: anna, value: "3"), caller: system)

        let stricter = try TestSchool.rules(
            editing: "scales/five.lua", replacing: "if average >= 4.5 then", with: "if average >= 4.6 then"
        )
        .replacing(
            "{ average = 4.5, expect = \"5\" }", with: "{ average = 4.6, expect = \"5\" }", in: "scales/five.lua")
        let changes = try await service.diffRules(stricter, caller: system)
        #expect(changes.contains { $0.studentID == anna && $0.period == "q2" })
        #expect(!changes.contains { $0.period == "q1" }, "a closed quarter is reported unchanged")
        #expect(try await service.closedPeriods().map(\.key).contains("q1"))
        _ = try await service.activateRules(stricter, caller: system, comment: "пороги 4,6")

        let q1 = try await service.explain(student: anna, subject: school.math.id!, period: "q1", caller: system)
        #expect(q1.standing?.recommended == "5" && q1.standing?.rulesVersion == 1)
        let q2 = try await service.explain(student: anna, subject: school.math.id!, period: "q2", caller: system)
        #expect(q2.standing?.recommended == "4" && q2.standing?.rulesVersion == 2)
        let grid = try await service.journalGrid(assignment: school.assignment.id!, period: "q1", caller: system)
        #expect(grid.standings.first { $0.studentID == anna }?.recommended == "5")
        let report = try await service.periodMarks(className: "5А", period: "q1", caller: system)
        #expect(report.rulesVersion == 1)
    }
}
