import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("The weekly timetable page")
struct WeeklyTimetablePageTests {
    @Test func theDeputyHeadAddsAndChangesALineAndSetsTheBells() async throws {
        let school = try await TestSchool.make(
            [.timetable, .sixB], accounts: [.teacher, .management, .parent])
        let line = school.timetableLine
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let teachersView = try await teacher.get("/timetable?className=5%D0%90")
            #expect(teachersView.status == .ok)
            #expect(
                teachersView.text.contains("Математика") && !teachersView.text.contains("action=\"/timetable/lines"))
            let refused = try await teacher.post(
                "/timetable/lines",
                [
                    "className": "5А", "assignment": "\(school.assignment.id!)", "weekday": "5", "lessonNumber": "7",
                    "from": "2026-12-07",
                ])
            #expect(refused.status == .forbidden)
            let parent = try await Browser.signIn(client, as: .parent)
            #expect(try await parent.get("/timetable?className=5%D0%90").status == .forbidden)

            let deputy = try await Browser.signIn(client, as: .management)
            // The filter form's empty day is no filter.
            #expect(try await deputy.get("/timetable?className=5%D0%90&from=").status == .ok)
            let page = try await deputy.get("/timetable?className=5%D0%90&from=2026-11-23")
            #expect(page.text.contains("action=\"/timetable/lines/\(line)\""))
            #expect(page.text.contains("action=\"/timetable/bells\""))

            // Monday, lesson 2 is 5А's mathematics already: the same teacher cannot be there twice.
            let clash = try await deputy.post(
                "/timetable/lines",
                [
                    "className": "5А", "assignment": "\(school.assignment.id!)", "weekday": "1", "lessonNumber": "2",
                    "room": "", "from": "2026-12-07",
                ])
            #expect(clash.status == .conflict)
            #expect(clash.text.contains("у учителя Петрова М. уже есть урок"), "\(clash.text)")

            let added = try await deputy.post(
                "/timetable/lines",
                [
                    "className": "5А", "assignment": "\(school.assignment.id!)", "weekday": "5", "lessonNumber": "7",
                    "room": "31", "from": "2026-12-07",
                ])
            #expect(added.status == .seeOther || added.status == .found, "\(added.text)")

            let changed = try await deputy.post(
                "/timetable/lines/\(line)",
                ["className": "5А", "weekday": "2", "lessonNumber": "4", "room": "22", "from": "2026-12-14"])
            #expect(changed.status == .seeOther || changed.status == .found, "\(changed.text)")

            let badBells = try await deputy.post(
                "/timetable/bells",
                [("className", "5А"), ("number", "1"), ("startsAt", "8.30"), ("endsAt", "09:15")])
            #expect(badBells.status == .unprocessableContent)
            #expect(badBells.text.contains("время — ЧЧ:ММ"), "\(badBells.text)")
            let bells = (1...7).flatMap { number in
                [
                    ("number", "\(number)"), ("startsAt", String(format: "%02d:00", 7 + number)),
                    ("endsAt", String(format: "%02d:45", 7 + number)),
                ]
            }
            let saved = try await deputy.post(
                "/timetable/bells", [("className", "5А")] + bells + [("number", ""), ("startsAt", ""), ("endsAt", "")])
            #expect(saved.status == .seeOther || saved.status == .found, "\(saved.text)")

            let after = try await deputy.get("/timetable?className=5%D0%90&from=2026-12-01")
            #expect(after.text.contains("с 2026-12-14") && after.text.contains("до 2026-12-13"), "\(after.text)")
            #expect(after.text.contains("value=\"14:45\""))

            // The parent reads the change in the week before it.
            let family = try await parent.get("/diary/timetable?week=2026-12-07")
            #expect(
                family.text.contains(
                    "с 14.12: Математика — вторник, 4-й урок, каб. 22 (было: понедельник, 2-й урок, каб. 21)"),
                "\(family.text)")
        }
        let lines = try await school.service.database.read { try $0.timetable() }
        #expect(lines.contains { $0.weekday == 5 && $0.lessonNumber == 7 && $0.room == "31" })
        #expect(lines.contains { $0.weekday == 2 && $0.lessonNumber == 4 && $0.validFrom == LocalDate("2026-12-14")! })
    }
}
