import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("The change history page")
struct HistoryPageTests {
    @Test func aTeacherReadsTheHistoryOfAStudentsRowFromTheGrid() async throws {
        let school = try await TestSchool.makeForPages()
        let anna = school.students[0].id!
        let mark = try #require(
            try await school.service.database.read { reader in
                try reader.marks(works: [school.test.id!], students: [anna]).first
            })
        _ = try await school.service.changeMark(
            mark.id!, version: mark.version, value: "4", comment: nil, caller: .system("test"), reason: "пересдача")
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let grid = try await browser.get("/journal/assignments/\(school.assignment.id!)")
            let link = "/history?assignmentID=\(school.assignment.id!)&amp;studentID=\(anna)"
            #expect(grid.text.contains("href=\"\(link)\">История</a>"))

            let page = try await browser.get("/history?assignmentID=\(school.assignment.id!)&studentID=\(anna)")
            #expect(page.status == .ok)
            #expect(page.text.contains("<code>value</code>: 5 → <strong>4</strong>"), "\(page.text)")
            #expect(page.text.contains("пересдача"))
            #expect(page.text.contains("отметка \(mark.id!)"))

            // Each cell's own history: the page's script points this link at the cell entered.
            #expect(
                grid.text.contains("id=\"cell-history\" hidden href=\"/history?assignmentID=\(school.assignment.id!)\"")
            )
            let cell = try await browser.get(
                "/history?assignmentID=\(school.assignment.id!)&studentID=\(anna)&workID=\(school.answer.id!)")
            #expect(!cell.text.contains("отметка \(mark.id!)"), "another cell's mark is not this cell's")
            let own = try await browser.get(
                "/history?assignmentID=\(school.assignment.id!)&studentID=\(anna)&workID=\(school.test.id!)")
            #expect(own.text.contains("отметка \(mark.id!)") && own.text.contains("name=\"workID\""))

            // Another teacher's group is not theirs to read.
            let foreign = try await browser.get("/history?assignmentID=\(school.sixBMathematics.assignment.id!)")
            #expect(foreign.status == .forbidden)
        }
    }

    @Test func theDeputyHeadFiltersTheSchoolsHistoryAndBadFiltersSayWhy() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .management)
            let home = try await browser.get("/")
            #expect(home.text.contains("href=\"/history\""))
            let rules = try await browser.get("/history?kind=rules&className=5А")
            #expect(rules.status == .ok)
            let all = try await browser.get("/history?kind=rules")
            #expect(all.text.contains("правила"))
            // The filter form sends its empty fields: they are no filter.
            let form = try await browser.get("/history?kind=&actor=&className=&from=&to=")
            #expect(form.status == .ok, "\(form.text)")
            let wrong = try await browser.get("/history?from=2026-13-01")
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("должна быть дата ГГГГ-ММ-ДД"))
        }
    }
}
