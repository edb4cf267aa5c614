import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalTestSupport
import Localization
import Testing

/// The diary's calendar section: a parent makes a link, the phone reads it with no session,
/// and a revoked link is gone.
@Suite("The calendar link on the diary")
struct CalendarFeedPageTests {
    @Test func aParentMakesCopiesAndRevokesALink() async throws {
        let school = try await TestSchool.make([.fiveA, .week], accounts: [.parent])
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .parent)
            let page = try await browser.get("/diary/calendar?student=\(anna)")
            #expect(page.status == .ok)
            #expect(page.text.contains(Strings.text("calendar.page.none", .ru)))

            // Without the CSRF token the form is refused and nothing is made.
            let forged = try await browser.post("/diary/calendar?student=\(anna)", [], csrf: false)
            #expect(forged.status == .forbidden)

            let made = try await browser.post("/diary/calendar?student=\(anna)", [])
            #expect(made.status == .ok)
            let link = try #require(made.text.firstMatch(of: /\/calendar\/[A-Za-z0-9_-]{43}\.ics/)).output
            let feed = try await client.execute(uri: String(link), method: .get)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(feed.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(feed.text.contains("SUMMARY:Математика\r\n"))

            let listed = try await browser.get("/diary/calendar?student=\(anna)")
            let id = try #require(listed.text.firstMatch(of: /\/diary\/calendar\/(\d+)\/revoke/)).output.1
            let revoked = try await browser.post("/diary/calendar/\(id)/revoke?student=\(anna)", [])
            #expect(revoked.status == .seeOther)
            #expect(try await client.execute(uri: String(link), method: .get).status == .notFound)
        }
    }

    @Test func anUnknownTokenIsNotFound() async throws {
        let school = try await TestSchool.make([.fiveA])
        try await school.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/calendar/\(String(repeating: "x", count: 43)).ics", method: .get)
            #expect(response.status == .notFound)
        }
    }
}
