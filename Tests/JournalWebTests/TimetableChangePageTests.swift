import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("Timetable changes on the lesson page")
struct TimetableChangePageTests {
    @Test func theDeputyHeadMovesALessonAndTheFamilySeesWhereItWas() async throws {
        let school = try await TestSchool.makeForPages()
        let lesson = school.plainLesson.id!
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let teachersView = try await teacher.get("/journal/lessons/\(lesson)")
            #expect(
                !teachersView.text.contains("/journal/lessons/\(lesson)/move"), "a teacher does not keep the timetable")
            #expect(try await teacher.post("/journal/lessons/\(lesson)/cancel", ["reason": "нет"]).status == .forbidden)

            let deputy = try await Browser.signIn(client, as: .management)
            let page = try await deputy.get("/journal/lessons/\(lesson)")
            #expect(page.text.contains("action=\"/journal/lessons/\(lesson)/move\""))

            // Into the slot of the recorded lesson of 16 November: its teacher is busy.
            let clash = try await deputy.post(
                "/journal/lessons/\(lesson)/move", ["date": "2026-11-16", "number": "2", "reason": "перенос"])
            #expect(clash.status == .unprocessableContent)
            #expect(
                clash.text.contains("у учителя Петрова М. уже есть урок 2026-11-16, 2-й: Математика, 5А"),
                "\(clash.text)")

            let moved = try await deputy.post(
                "/journal/lessons/\(lesson)/move", ["date": "2026-11-19", "number": "5", "reason": "олимпиада"])
            #expect(moved.status == .seeOther || moved.status == .found, "\(moved.text)")
        }
        let week = try await school.service.diaryWeek(
            student: school.students[0].id!, week: LocalDate("2026-11-16")!, caller: .system("family"))
        let seen = try #require(week.days.flatMap(\.lessons).first { $0.lessonID == lesson })
        #expect(seen.number == 5)
        #expect(week.days.first { $0.lessons.contains { $0.lessonID == lesson } }?.date == LocalDate("2026-11-19")!)
        let move = try #require(seen.changes.first { $0.kind == .move })
        #expect(move.previousDate == LocalDate("2026-11-18")! && move.previousNumber == 3 && move.reason == "олимпиада")
    }

    @Test func theDeputyHeadMergesTwoGroupsOnTheLessonPage() async throws {
        let school = try await TestSchool.makeForPages()
        let host = school.plainLesson
        // 6Б's mathematics at the same time as 5А's, with another teacher.
        let guest = try await school.build { builder in
            try builder.lesson(school.sixBMathematics.assignment, on: host.date.description, number: host.number)
        }
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            #expect(!(try await teacher.get("/journal/lessons/\(host.id!)").text.contains("/merge\"")))
            let deputy = try await Browser.signIn(client, as: .management)
            let page = try await deputy.get("/journal/lessons/\(guest.id!)")
            #expect(page.text.contains("action=\"/journal/lessons/\(guest.id!)/merge\""))
            #expect(
                page.text.contains("<option value=\"\(host.id!)\">Математика, 5А, Петрова М.</option>"), "\(page.text)")
            let refused = try await deputy.post(
                "/journal/lessons/\(guest.id!)/merge", ["host": "\(host.id!)", "reason": " "])
            #expect(refused.status == .unprocessableContent)
            let merged = try await deputy.post(
                "/journal/lessons/\(guest.id!)/merge", ["host": "\(host.id!)", "reason": "учитель заболел"])
            #expect(merged.status == .seeOther || merged.status == .found, "\(merged.text)")
        }
        let week = try await school.service.diaryWeek(
            student: school.sixBStudents[0].id!, week: host.date, caller: .system("family"))
        let seen = try #require(week.days.flatMap(\.lessons).first { $0.lessonID == guest.id })
        #expect(seen.changes.first?.joins == "5А" && seen.teacher == "Петрова М.")
    }

    @Test func theDeputyHeadOpensALessonsLockedEntriesWithAReason() async throws {
        let school = try await TestSchool.makeForPages()
        let lesson = school.plainLesson.id!
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            #expect(!(try await teacher.get("/journal/lessons/\(lesson)").text.contains("/unlock\"")))
            #expect(
                try await teacher.post("/journal/lessons/\(lesson)/unlock", ["reason": "забыла"]).status == .forbidden)
            let deputy = try await Browser.signIn(client, as: .management)
            #expect(
                try await deputy.get("/journal/lessons/\(lesson)").text.contains(
                    "action=\"/journal/lessons/\(lesson)/unlock\""))
            let wrong = try await deputy.post(
                "/journal/lessons/\(lesson)/unlock", ["reason": "болезнь", "date": "2027-01-30"])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("не дальше чем на 14 дней"))
            let opened = try await deputy.post("/journal/lessons/\(lesson)/unlock", ["reason": "учитель болел"])
            #expect(opened.status == .seeOther || opened.status == .found, "\(opened.text)")
        }
        let unlocks = try await school.service.database.read { try $0.entryUnlocks(lesson: lesson, work: nil) }
        #expect(unlocks.map(\.reason) == ["учитель болел"] && unlocks.first?.until == LocalDate("2026-11-21")!)
    }
}
