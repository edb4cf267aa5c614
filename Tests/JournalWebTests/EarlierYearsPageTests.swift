import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalTestSupport
import Localization
import Testing

/// The attestation page and its API answer show the annual marks of earlier years to the
/// family, and to nobody the access rules keep out (Issue 11, item 8).
@Suite("Annual marks of earlier years, on the attestation page")
struct EarlierYearsPageTests {
    @Test func theParentSeesLastYearsAnnualMarksOnThePage() async throws {
        let school = try await TestSchool.make([.sixB], accounts: [.parent])
        _ = try await school.addEarlierYear()
        try await school.application().test(.router) { client in
            let parent = try await Browser.signIn(client, as: .parent)
            let page = try await parent.get("/diary/attestation")
            #expect(page.status == .ok)
            #expect(page.text.contains(Strings.text("attestation.earlier_years", .ru)))
            #expect(page.text.contains("<h3>2025/2026</h3>"))
            #expect(page.text.contains("<td>Математика</td><td><strong>5</strong>"))
            #expect(page.text.contains("<td>Русский язык</td><td><strong>4</strong></td>"))
            let reason = Strings.text(
                "attestation.recommended_was", .ru, ["mark": "4", "reason": TestSchool.earlierYearReason])
            #expect(page.text.contains(reason.htmlEscaped))
        }
    }

    @Test func theAPIAnswersTheEarlierYears() async throws {
        let school = try await TestSchool.make([.sixB], accounts: [.parent])
        _ = try await school.addEarlierYear()
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let parent = try await Browser.signIn(client, as: .parent)
            let answer = try await parent.api(.get, "/api/v1/students/\(anna)/attestation", csrfHeader: false)
            #expect(answer.status == .ok)
            #expect(answer.text.contains(#""earlierYears":[{"#))
            #expect(answer.text.contains(#""title":"2025\/2026""#) || answer.text.contains(#""title":"2025/2026""#))
        }
    }

    @Test func aStrangerParentIsRefusedThePageAndTheAPI() async throws {
        let school = try await TestSchool.make([.sixB], accounts: [.parent])
        _ = try await school.addEarlierYear()
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let stranger = try await Browser.signIn(client, login: "morozova.i")
            let page = try await stranger.get("/diary/attestation?student=\(anna)")
            #expect(page.status == .forbidden)
            #expect(!page.text.contains("2025/2026"))
            let answer = try await stranger.api(.get, "/api/v1/students/\(anna)/attestation", csrfHeader: false)
            #expect(answer.isAccessDenied, "\(answer.status)")
            #expect(!answer.text.contains("2025/2026"))
            // Her own child's page has no section of earlier years: he has none.
            let own = try await stranger.get("/diary/attestation")
            #expect(own.status == .ok)
            #expect(!own.text.contains(Strings.text("attestation.earlier_years", .ru)))
        }
    }
}

extension String {
    /// The text as the templates write it into HTML.
    fileprivate var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
