import HummingbirdTesting
import JournalStore
import Localization
import Testing

@testable import JournalServer

/// Forms read into structs: what a browser sends, and the 400 that names a bad field.
@Suite("Forms decoded into structs")
struct FormDecoderTests {
    struct Example: Decodable {
        var name: String
        var count: Int?
        var role: [String]
        var comment: String?
    }

    @Test func readsFieldsRepeatedFieldsAndPercentEncoding() throws {
        let form = try FormDecoder().decode(
            Example.self, from: FormData("name=%D0%98%D0%B2%D0%B0%D0%BD+I&count=3&role=teacher&role=parent&csrf=x"))
        #expect(form.name == "Иван I")
        #expect(form.count == 3)
        #expect(form.role == ["teacher", "parent"])
        #expect(form.comment == nil)
    }

    @Test func anEmptyOrMissingOptionalIsNilAndAMissingListEmpty() throws {
        let form = try FormDecoder().decode(Example.self, from: FormData("name=&count="))
        #expect(form.name == "")
        #expect(form.count == nil)
        #expect(form.role.isEmpty)
    }

    @Test(arguments: [("count=1", "name"), ("name=a&count=many", "count")])
    func aMissingOrMalformedFieldIsA400NamingIt(body: String, field: String) throws {
        do {
            _ = try FormDecoder().decode(Example.self, from: FormData(body))
            Issue.record("decoded \(body)")
        } catch let error as FormFieldError {
            #expect(error.status == .badRequest)
            #expect(error.field == field)
            #expect(error.description.contains("'\(field)'"))
        }
    }

    @Test func rowFieldsAreReadByFieldAndRow() throws {
        let rows = try FormDecoder().decode(RowFields.self, from: FormData("mark-12=5&was-code-12=%D0%9D&csrf=x"))
        #expect(rows["mark", 12] == "5")
        #expect(rows["was-code", 12] == "Н")
        #expect(rows["mark", 13] == nil)
    }
}

/// A posted form with a malformed field, over HTTP.
@Suite("Posted forms with a malformed field")
struct MalformedFormTests {
    @Test func aLessonFormWithAVersionThatIsNotANumberIsA400NamingTheFieldAndChangesNothing() async throws {
        let school = try await WebSchool.make()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, login: WebSchool.teacherLogin, password: WebSchool.password)
            let lesson = school.lesson
            let refused = try await browser.post(
                "/journal/lessons/\(lesson.id!)", ["version": "latest", "topic": "Дроби: повторение"])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains(Strings.text("web.form_invalid", .ru, ["field": "version"])))
            let stored = try await school.service.database.read { try $0.lesson(lesson.id!) }
            #expect(stored?.topic == "Дроби")
        }
    }
}
