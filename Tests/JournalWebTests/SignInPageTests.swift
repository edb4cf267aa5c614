import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JournalTestSupport
import NIOCore
import Testing

/// The sign-in page under a flood of wrong passwords: the limit's refusal is a page in the
/// reader's language, with the status and `Retry-After` the API gives.
@Suite("The sign-in page's limits")
struct SignInPageTests {
    @Test func attemptsBeyondTheAddressLimitGetA429PageSayingWhenToTryAgain() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let form = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
            let token = try #require(form.text.hiddenValue("csrf"))
            let cookie = try #require(form.cookie(named: "sj_form"))
            func attempt(_ login: String) async throws -> TestResponse {
                var headers = HTTPFields()
                headers[.contentType] = "application/x-www-form-urlencoded"
                headers[.cookie] = "sj_form=\(cookie)"
                let body = Browser.encode([("csrf", token), ("login", login), ("password", "неверный")])
                return try await client.execute(
                    uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            // 30 failed attempts a minute from one address, each for another login.
            for number in 1...30 {
                let wrong = try await attempt("nobody-\(number)")
                #expect(wrong.status == .unauthorized, "attempt \(number)")
                #expect(String(buffer: wrong.body).contains("Неверный логин или пароль."))
            }
            let limited = try await attempt(Person.teacher.login)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "2")
            #expect(String(buffer: limited.body).contains("Слишком много попыток входа"))
            #expect(String(buffer: limited.body).contains("через 2 с."))
        }
    }
}
