import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("The journal-keeping monitor's page and the teacher's duties")
struct CompliancePageTests {
    @Test func theDeputyHeadSeesWhoKeptTheJournalOnTimeAndExportsIt() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            #expect(try await teacher.get("/compliance").status == .forbidden)
            // The teacher's own duties on the home page: Wednesday's lesson is not recorded, today's is due.
            let home = try await teacher.get("/")
            #expect(home.text.contains("Мои сроки"), "\(home.text)")
            #expect(
                home.text.contains(
                    "Тема урока и отсутствующие: Математика, 5А, 18.11</a> — просрочено (срок 18.11 23:59)"))
            #expect(home.text.contains("href=\"/journal/lessons/\(school.plainLesson.id!)\""))
            // And in the journal, beside the groups.
            let journal = try await teacher.get("/journal")
            #expect(journal.text.contains("Тема урока и отсутствующие: Математика, 5А, 18.11</a> — просрочено"))

            let deputy = try await Browser.signIn(client, as: .management)
            let page = try await deputy.get("/compliance?from=2026-11-16&to=2026-11-20")
            #expect(page.status == .ok)
            #expect(page.text.contains("Соблюдение сроков ведения журнала"))
            #expect(page.text.contains("Петрова М."))
            // Teachers × days: Wednesday the 18th has her missing record.
            #expect(page.text.contains("По дням"))
            let wednesday = "/compliance?from=2026-11-18&amp;to=2026-11-18&amp;teacherID=\(school.teacher.id!)#items"
            #expect(
                page.text.contains(
                    "<a href=\"\(wednesday)\"><span class=\"status-missing\" title=\"не внесено\">✗1</span>"))
            let missing =
                "/compliance?from=2026-11-16&amp;to=2026-11-20&amp;teacherID=\(school.teacher.id!)&amp;status=missing"
            #expect(page.text.contains(missing), "\(page.text)")
            let items = try await deputy.get(
                "/compliance?from=2026-11-16&to=2026-11-20&teacherID=\(school.teacher.id!)&status=missing")
            #expect(items.text.contains("<a href=\"/journal/lessons/\(school.plainLesson.id!)\">18.11</a>"))
            #expect(items.text.contains("не внесено") && items.text.contains("п. 3.4"))
            #expect(items.text.contains("<span class=\"badge severity-normal\">обычно</span>"))

            let file = try await deputy.get("/api/v1/compliance/export?from=2026-11-16&to=2026-11-20&format=csv")
            #expect(file.status == .ok)
            #expect(file.text.contains("Дата,Учитель,Предмет,Группа,Обязанность,Пункт,Срок,Внесено,Состояние,Причина"))
            #expect(
                file.text.contains(
                    "2026-11-18,Петрова М.,Математика,5А,Тема урока и отсутствующие,п. 3.4,2026-11-18 23:59,,не внесено"
                ))

            let wrong = try await deputy.get("/compliance?from=2026-11-20&to=2026-11-16")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("раньше"), "\(wrong.text)")
            // The form sends every field, its dates filled in: empty ones are no filter, and a
            // period typed in sets the days.
            let form = try await deputy.get(
                "/compliance?from=2026-11-14&to=2026-11-20&className=&teacherID=&duty=&status=&period=")
            #expect(form.status == .ok && form.text.contains("name=\"from\" value=\"2026-11-14\""), "\(form.text)")
            let formPeriod = try await deputy.get(
                "/compliance?from=2026-11-14&to=2026-11-20&className=5%D0%90&teacherID=&duty=&status=&period=q2")
            #expect(formPeriod.text.contains("name=\"from\" value=\"2026-11-05\""))
            let quarter = try await deputy.get("/compliance?period=q2&className=5%D0%90")
            #expect(
                quarter.text.contains("name=\"from\" value=\"2026-11-05\"")
                    && quarter.text.contains("value=\"2026-11-20\""))
            let badStatus = try await deputy.get("/compliance?status=soon")
            #expect(badStatus.status == .badRequest)
        }
    }
}
