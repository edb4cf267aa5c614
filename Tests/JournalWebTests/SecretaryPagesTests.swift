import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalTestSupport
import NIOCore
import Testing

@Suite("The secretary's pages: the day, a personal file, the registers and the alphabet book (issue 16)")
struct SecretaryPagesTests {
    @Test func theSecretaryOpensAFileIssuesACertificateAndRegistersAnApplication() async throws {
        let school = try await TestSchool.make(
            [.marks, .sixB], accounts: [.secretary, .teacher, .otherTeacher, .parent, .student])
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let secretary = try await Browser.signIn(client, as: .secretary)
            let home = try await secretary.get("/")
            #expect(home.text.contains("href=\"/secretary\""), "the menu links the secretary's page")
            #expect(home.text.contains("Новые заявления: 0"), "\(home.text)")
            let day = try await secretary.get("/secretary")
            #expect(day.status == .ok)
            #expect(day.text.contains("Новые заявления"))
            #expect(day.text.contains("Учеников без личного дела: 5"), "\(day.text)")

            // A file with its leaving before the enrolment is refused on the page, nothing kept.
            let bad = try await secretary.post(
                "/secretary/students/\(anna)/file",
                [
                    ("fileNumber", "И-15"), ("enrolledOn", "2022-09-01"), ("enrolmentOrder", "45-у"),
                    ("enrolmentOrderDate", "2022-08-25"), ("leftOn", "2021-01-01"), ("leavingOrder", "1"),
                    ("leavingOrderDate", "2021-01-01"),
                ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("раньше даты зачисления"), "\(bad.text)")
            let saved = try await secretary.post(
                "/secretary/students/\(anna)/file",
                [
                    ("fileNumber", "И-15"), ("enrolledOn", "2022-09-01"), ("enrolmentOrder", "45-у"),
                    ("enrolmentOrderDate", "2022-08-25"),
                ])
            #expect(saved.status == .seeOther, "\(saved.status): \(saved.text)")
            let page = try await secretary.get("/secretary/students/\(anna)?done=file")
            #expect(page.text.contains("Личное дело сохранено."))
            #expect(page.text.contains("value=\"И-15\""))

            let issued = try await secretary.post(
                "/secretary/students/\(anna)/certificates", [("purpose", "в бассейн")])
            #expect(issued.status == .seeOther)
            let certificates = try await secretary.get("/secretary/certificates")
            #expect(certificates.text.contains("1/2026") && certificates.text.contains("в бассейн"))
            let pdf = try await secretary.get("/api/v1/certificates/1/pdf")
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(try PDFText(Data(pdf.body.readableBytesView)).text.contains("Иванова Анна"))

            let registered = try await secretary.post(
                "/secretary/applications",
                [
                    ("receivedOn", "2026-11-19"), ("kind", "certificate"), ("applicantName", "Иванова Елена"),
                    ("studentID", "\(anna)"), ("summary", "Справка для бассейна"),
                ])
            #expect(registered.status == .seeOther, "\(registered.text)")
            let fromFile = try await secretary.post(
                "/secretary/applications",
                [
                    ("receivedOn", "2026-11-20"), ("kind", "other"), ("representativeID", "\(school.mother)"),
                    ("studentID", "\(anna)"), ("summary", "Об обучении на дому"), ("back", "file"),
                ])
            #expect(fromFile.headers[.location] == "/secretary/students/\(anna)?done=application")
            let filePage = try await secretary.get("/secretary/students/\(anna)")
            #expect(filePage.text.contains("Об обучении на дому"))
            #expect(filePage.text.contains("<option value=\"\(school.mother)\">Иванова Елена"), "\(filePage.text)")
            let register = try await secretary.get("/secretary/applications")
            #expect(register.text.contains("Справка для бассейна"))
            let book = try await secretary.get("/secretary/book")
            #expect(book.text.contains("id=\"letter-И\""))

            // The class teacher reads her class's files; another class teacher and the family do not.
            let teacher = try await Browser.signIn(client, as: .teacher)
            let classFiles = try await teacher.get("/secretary")
            #expect(classFiles.status == .ok)
            #expect(classFiles.text.contains("Иванова Анна"))
            #expect(try await teacher.get("/secretary/students/\(anna)").status == .ok)
            #expect(try await teacher.get("/secretary/book").status == .forbidden)
            let other = try await Browser.signIn(client, as: .otherTeacher)
            #expect(try await other.get("/secretary/students/\(anna)").status == .forbidden)
            let parent = try await Browser.signIn(client, as: .parent)
            #expect(try await parent.get("/secretary/students/\(anna)").status == .forbidden)
            #expect(try await parent.get("/secretary").status == .forbidden)
        }
    }
}
