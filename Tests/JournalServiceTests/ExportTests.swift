import Foundation
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Localization
import Spreadsheet
import Testing

@Suite("Exports: the journal grid, the class's summary and its attendance as tables")
struct ExportTests {
    let caller = Caller.system("teacher")

    /// Anna has 5 and ОСВ in the test and the answer of 16 November; Oleg was absent (Н) and
    /// ill (Б) once each; Anna's q2 mark in mathematics is 5, Oleg's q1 mark is зач.
    func fill(_ school: TestSchool) async throws {
        let year = try await school.service.currentYear()
        let anna = school.students[0].id!
        let oleg = school.students[1].id!
        try await school.service.database.write(actor: .system("test fixture")) { writer in
            try writer.insert(Mark(workID: school.test.id!, studentID: anna, value: "5", createdAt: writer.now))
            try writer.insert(Mark(workID: school.answer.id!, studentID: anna, value: "ОСВ", createdAt: writer.now))
            let second = try writer.insert(
                Lesson(
                    assignmentID: school.assignment.id!, date: LocalDate("2026-11-18")!, number: 1, status: .held))
            try writer.insert(Attendance(lessonID: school.lesson.id!, studentID: oleg, code: "Н"))
            try writer.insert(Attendance(lessonID: second.id!, studentID: oleg, code: "Б"))
            for (period, value, student) in [("q2", "5", anna), ("q1", "зач", oleg)] {
                try writer.insert(
                    AttestationMark(
                        studentID: student, subjectID: school.math.id!, yearID: year.id!, kind: .period,
                        period: period, value: value, setAt: writer.now))
            }
        }
    }

    @Test func theJournalGridHasWorksWithTheirWeightsAndMarksAsNumbersWhereNumeric() async throws {
        let school = try await TestSchool.make()
        try await fill(school)
        let export = try await school.service.journalExport(
            assignment: school.assignment.id!, period: "2 четверть", language: .ru, caller: caller)
        #expect(export.fileName == "Журнал — Математика, 5А, 2 четверть")
        let sheet = try #require(export.workbook.sheets.first)
        #expect(sheet.headerRows.count == 3)
        #expect(sheet.headerRows[0].prefix(3) == [.text("Ученик"), .text("16.11"), .text("16.11")])
        #expect(
            sheet.headerRows[0].suffix(3) == [
                .text("Средний балл"), .text("Рекомендуемая"), .text("Отметка за период"),
            ])
        #expect(
            sheet.headerRows[1].prefix(3) == [
                .text("Вид работы"), .text("Контрольная работа"), .text("Ответ на уроке"),
            ])
        #expect(sheet.headerRows[2].prefix(3) == [.text("Вес"), .number(3), .number(1)])
        #expect(
            sheet.rows.map { $0.first } == [.text("Иванова Анна"), .text("Кузнецова Дарья"), .text("Смирнов Олег")])
        let anna = sheet.rows[0]
        #expect(anna[1] == .number(5) && anna[2] == .text("ОСВ"))
        #expect(anna[3] == .number(5), "the average")
        #expect(anna[5] == .number(5), "the q2 mark set")
        #expect(sheet.rows[1][1] == .empty)
    }

    @Test func aPeriodWithoutWorksGivesTheHeaderAndTheStudentsOnly() async throws {
        let school = try await TestSchool.make()
        let export = try await school.service.journalExport(
            assignment: school.assignment.id!, period: "q4", language: .en, caller: caller)
        let sheet = try #require(export.workbook.sheets.first)
        #expect(
            sheet.headerRows[0] == [.text("Student"), .text("Average"), .text("Recommended"), .text("Period mark")])
        #expect(sheet.rows.count == 3)
        #expect(sheet.rows.allSatisfy { $0.dropFirst().allSatisfy { $0 == .empty } })
        #expect(try ExportFormat.xlsx.render(export.workbook).count > 0)
    }

    @Test func theClassSummaryHasTheMarksSetForThePeriodAsNumbersOrText() async throws {
        let school = try await TestSchool.make()
        try await fill(school)
        let q2 = try await school.service.classSummaryExport(
            className: "5А", period: "q2", language: .ru, caller: caller)
        #expect(q2.fileName == "Сводная ведомость — 5А, 2 четверть")
        let sheet = try #require(q2.workbook.sheets.first)
        #expect(sheet.headerRows == [[.text("Ученик"), .text("Математика")]])
        #expect(sheet.rows[0] == [.text("Иванова Анна"), .number(5)])
        #expect(sheet.rows[2] == [.text("Смирнов Олег"), .empty])
        let q1 = try await school.service.classSummaryExport(
            className: "5А", period: "q1", language: .ru, caller: caller)
        #expect(q1.workbook.sheets[0].rows[2] == [.text("Смирнов Олег"), .text("зач")])
        let final = try await school.service.classSummaryExport(
            className: "5А", period: "final", language: .ru, caller: caller)
        #expect(final.workbook.sheets[0].title == "5А Итоговые")
        #expect(final.workbook.sheets[0].rows.allSatisfy { $0[1] == .empty })
        await #expect(throws: (any Error).self) {
            try await school.service.classSummaryExport(className: "9Я", period: "q2", language: .ru, caller: caller)
        }
    }

    @Test func theClassAttendanceCountsEachCodeAndTheLessonsMissed() async throws {
        let school = try await TestSchool.make()
        try await fill(school)
        let export = try await school.service.classAttendanceExport(
            className: "5А", period: "q2", language: .ru, caller: caller)
        let sheet = try #require(export.workbook.sheets.first)
        let header = try #require(sheet.headerRows.first)
        #expect(header.first == .text("Ученик") && header.last == .text("Пропущено"))
        #expect(header.contains(.text("Н — отсутствовал")))
        let oleg = try #require(sheet.rows.first { $0.first == .text("Смирнов Олег") })
        let column = { (code: String) in header.firstIndex { $0.text.hasPrefix("\(code) — ") }! }
        #expect(oleg[1] == .number(2), "two lessons held")
        #expect(oleg[column("Н")] == .number(1) && oleg[column("Б")] == .number(1) && oleg[column("ОП")] == .number(0))
        #expect(oleg.last == .number(2))
    }

    @Test func theSchoolSummaryHasASheetPerClass() async throws {
        let school = try await TestSchool.make()
        try await fill(school)
        let export = try await school.service.schoolSummaryExport(period: "q2", language: .ru, caller: caller)
        #expect(export.workbook.sheets.map(\.title) == ["5А 2 четверть"])
    }
}
