import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import NIOCore
import Testing

@Suite("The pages of special-category protection: emergency access, the read log, the family's export")
struct SpecialDataPageTests {
    static func school() async throws -> TestSchool {
        try await TestSchool.make(
            [.marks, .sixB], accounts: [.administrator, .teacher, .otherTeacher, .parent, .medical])
    }

    @Test func aTeacherOpensAnEmergencyAccessAndTheAdministratorSeesItInTheLog() async throws {
        let school = try await Self.school()
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            // The class teacher's roster links each student's emergency access.
            let roster = try await teacher.get("/journal/class")
            #expect(roster.text.contains("/students/\(anna)/emergency-access"))
            let form = try await teacher.get("/students/\(anna)/emergency-access")
            #expect(form.status == .ok)
            #expect(form.text.contains("Иванова Анна"))
            #expect(form.text.contains("name=\"reason\""))
            // A reason too short is refused on the page, with what was typed kept.
            let short = try await teacher.post(
                "/students/\(anna)/emergency-access", [("domain", "health"), ("reason", "срочно")])
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("от 10 до 500 символов"), "\(short.text)")
            #expect(short.text.contains(">срочно</textarea>"))
            let opened = try await teacher.post(
                "/students/\(anna)/emergency-access", [("domain", "health"), ("reason", "Приступ на уроке, звоню 03")])
            #expect(opened.status == .seeOther || opened.status == .found, "\(opened.status)")
            let after = try await teacher.get("/students/\(anna)/emergency-access?opened=1")
            #expect(after.text.contains("/health/students/\(anna)"))
            // Сидоров does not teach Анна: he may not even see the form.
            let stranger = try await Browser.signIn(client, as: .otherTeacher)
            #expect(try await stranger.get("/students/\(anna)/emergency-access").status == .forbidden)

            let admin = try await Browser.signIn(client, as: .administrator)
            let home = try await admin.get("/")
            #expect(home.text.contains("экстренный доступ"), "the administrator is told")
            let log = try await admin.get("/admin/special-reads")
            #expect(log.status == .ok)
            #expect(log.text.contains("Приступ на уроке, звоню 03"))
            #expect(log.text.contains("Петрова Мария"))
            #expect(try await teacher.get("/admin/special-reads").status == .forbidden)
            let bad = try await admin.get("/admin/special-reads?domain=souls")
            #expect(bad.status == .badRequest)
        }
    }

    @Test func theParentDownloadsWhatTheSchoolHoldsFromTheHomePage() async throws {
        let school = try await Self.school()
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let parent = try await Browser.signIn(client, as: .parent)
            let home = try await parent.get("/")
            let link = "/api/v1/students/\(anna)/subject-access"
            #expect(home.text.contains(link), "\(home.text)")
            let file = try await parent.get(link)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(try PDFText(Data(file.body.readableBytesView)).text.contains("Иванова Анна"))
            let teacher = try await Browser.signIn(client, as: .teacher)
            #expect(!(try await teacher.get("/").text.contains("subject-access")))
            #expect(try await teacher.get(link).status == .forbidden)
        }
    }
}
