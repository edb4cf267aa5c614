import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalService
import JournalTestSupport
import Testing

/// The calendar feeds' API: made by the family, listed and revoked by their owner only, read
/// without a session by the token alone.
@Suite("Calendar feeds through the API")
struct CalendarFeedRouteTests {
    @Test func theFamilyMakesListsAndRevokesAFeed() async throws {
        let school = try await TestSchool.make([.fiveA, .week], signingIn: [.parent, .student])
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let made = try await client.send(
                .post, "/api/v1/students/\(anna)/calendar-feeds", token: school.token(.parent))
            #expect(made.status == .created)
            let created = try made.decode(CreatedCalendarFeed.self)

            let feed = try await client.execute(uri: created.path, method: .get)
            #expect(feed.status == .ok && feed.text.contains("BEGIN:VEVENT\r\n"))

            let listed = try await client.send(.get, "/api/v1/me/calendar-feeds", token: school.token(.parent))
            #expect(try listed.decode([CalendarFeed].self).map(\.id) == [created.feed.id])
            // Anna's own list is her own: her mother's feed is not in it, nor hers to revoke.
            let annas = try await client.send(.get, "/api/v1/me/calendar-feeds", token: school.token(.student))
            #expect(try annas.decode([CalendarFeed].self).isEmpty)
            let stranger = try await client.send(
                .delete, "/api/v1/calendar-feeds/\(created.feed.id)", token: school.token(.student))
            #expect(stranger.status == .notFound)

            let revoked = try await client.send(
                .delete, "/api/v1/calendar-feeds/\(created.feed.id)", token: school.token(.parent))
            #expect(revoked.status == .noContent)
            #expect(try await client.execute(uri: created.path, method: .get).status == .notFound)
        }
    }
}
