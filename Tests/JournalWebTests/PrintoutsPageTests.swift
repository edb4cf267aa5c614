import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalTestSupport
import NIOCore
import Testing

@Suite("The class teacher's page of weekly paper sheets (R19)")
struct PrintoutsPageTests {
    static let className = Browser.escape("5А")

    @Test func theClassTeacherPrintsTheClassAndMarksASheetIssued() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            // The class page links to the sheets.
            let classPage = try await teacher.get("/journal/class")
            #expect(classPage.text.contains("/printouts?className=5А"), "\(classPage.text)")
            let page = try await teacher.get("/printouts?className=\(Self.className)&week=2026-11-18")
            #expect(page.status == .ok)
            #expect(page.text.contains("Листы результатов 5А"))
            #expect(page.text.contains("Иванова Анна") && page.text.contains("Смирнов Олег"))
            #expect(page.text.contains("За эту неделю листы ещё не печатались."))
            let link = "/api/v1/classes/\(Self.className)/printouts?week=2026-11-16"
            #expect(page.text.contains(link.replacingOccurrences(of: "&", with: "&amp;")), "\(page.text)")

            let file = try await teacher.get(link)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/pdf")
            let pdf = try PDFText(Data(file.body.readableBytesView))
            #expect(pdf.pages.count == 3)
            #expect(pdf.text.contains("Ознакомлен(а)"))
            let one = try await teacher.get(link + "&students=\(school.students[0].id!)")
            #expect(try PDFText(Data(one.body.readableBytesView)).pages.count == 1)

            // The register lists the four sheets, each with a form to record it handed over.
            let register = try await teacher.get("/printouts?className=\(Self.className)&week=2026-11-16")
            #expect(register.text.contains("000001") && register.text.contains("000004"))
            #expect(register.text.contains("action=\"/printouts/issue\""))
            let issued = try await teacher.post(
                "/printouts/issue",
                [("className", "5А"), ("week", "2026-11-16"), ("number", "1"), ("issuedTo", "Иванова Е. П., мать")])
            #expect(issued.status == .seeOther || issued.status == .found, "\(issued.status)")
            let after = try await teacher.get("/printouts?className=\(Self.className)&week=2026-11-16&issued=1")
            #expect(after.text.contains("Иванова Е. П., мать"))
            #expect(after.text.contains("Лист № 000001 отмечен выданным."))
            // Without the session's token the form is refused.
            let forged = try await teacher.post(
                "/printouts/issue",
                [("className", "5А"), ("week", "2026-11-16"), ("number", "2"), ("issuedTo", "кто-то")], csrf: false)
            #expect(forged.status == .forbidden)
            // An empty name is said on the page.
            let empty = try await teacher.post(
                "/printouts/issue", [("className", "5А"), ("week", "2026-11-16"), ("number", "2"), ("issuedTo", " ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("кому выдан"), "\(empty.text)")

            // The API's register says the same.
            let json = try await teacher.get("/api/v1/classes/\(Self.className)/printouts/register?week=2026-11-16")
            #expect(json.status == .ok)
            #expect(json.text.contains("\"issuedTo\":\"Иванова Е. П., мать\""), "\(json.text)")

            // Сидоров, class teacher of 6Б, neither prints 5А nor sees its register.
            let other = try await Browser.signIn(client, as: .otherTeacher)
            #expect(try await other.get(link).status == .forbidden)
            let refused = try await other.get("/printouts?className=\(Self.className)&week=2026-11-16")
            #expect(refused.status == .forbidden)
            // A week that is not a date, and a class that does not exist.
            #expect(
                try await teacher.get("/api/v1/classes/\(Self.className)/printouts?week=soon").status == .badRequest)
            let unknown = try await teacher.get("/api/v1/classes/\(Browser.escape("9Я"))/printouts?week=2026-11-16")
            #expect(unknown.status == .notFound || unknown.status == .unprocessableContent, "\(unknown.status)")
        }
    }
}
