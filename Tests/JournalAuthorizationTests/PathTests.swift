import Foundation
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalServer
import JournalService
import JournalStore
import JournalTestSupport
import NIOCore
import Testing

/// A path is decided on once, in its canonical spelling (issue 9, item 3): `//api/…` used to
/// reach the API's handlers while the checks that look at `/api/` saw something else.
@Suite("Canonical paths")
struct PathTests {
    struct PasswordReset: Decodable {
        var password: String
    }

    @Test func aCookieWriteThroughADoubledSlashStillNeedsItsCSRFToken() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator])
        let marksBefore = try await school.service.database.read { try $0.count("mark") }
        try await school.application().test(.router) { client in
            let signIn = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(
                    string:
                        #"{"login": "\#(Person.teacher.login)", "password": "\#(TestSchool.password)", "kind": "cookie"}"#
                ))
            #expect(signIn.status == .ok)
            let cookie = try #require(signIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let body = #"{"workID": \#(school.own.work), "studentID": \#(school.own.student), "value": "2"}"#
            for path in ["//api/v1/marks", "/api//v1/marks", "/api/v1/marks/", "///api/v1/marks"] {
                let response = try await client.execute(
                    uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/json"],
                    body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(path): \(response.status)")
                #expect(response.problem?.type == "/problems/invalid-path", "\(path)")
            }
            let marks = try await school.service.database.read { try $0.count("mark") }
            #expect(marks == marksBefore, "nothing was written")
        }
    }

    @Test func aReadThroughADoubledSlashIsRedirectedAndStillChecked() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator])
        try await school.application().test(.router) { client in
            let reset = try await client.send(
                .post, "/api/v1/users/\(school.account(.student))/password-reset", token: school.token(.administrator))
            let oneTime = try reset.decode(PasswordReset.self)
            let student = try await client.signIn(Person.student.login, password: oneTime.password)
            #expect(student.mustChangePassword)
            let diary = "/api/v1/students/\(school.own.student)/diary"
            let doubled = try await client.send(.get, "/" + diary + "?week=2026-11-16", token: student.token)
            #expect(doubled.status == .permanentRedirect)
            #expect(doubled.headers[.location] == diary + "?week=2026-11-16")
            // Where the redirect leads, the forced password change holds.
            let followed = try await client.send(.get, diary + "?week=2026-11-16", token: student.token)
            #expect(followed.problem?.type == "/problems/password-change-required")
        }
    }

    @Test func dotSegmentsAreRefusedAndRedirectsNeverLeaveTheSite() async throws {
        let school = try await TestSchool.shared
        try await school.application().test(.router) { client in
            for path in ["/api/v1/../v1/health", "/api/./v1/health", "/journal/../admin/users"] {
                let response = try await client.send(.get, path)
                #expect(response.status == .badRequest, "\(path): \(response.status)")
            }
            let protocolRelative = try await client.send(.get, "//evil.example/login")
            #expect(protocolRelative.status == .permanentRedirect)
            #expect(protocolRelative.headers[.location] == "/evil.example/login")
            #expect(try await client.send(.get, "/api/v1/health").status == .ok)
        }
    }
}
