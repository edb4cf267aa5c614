import HTTPTypes
import HummingbirdTesting
import JournalAccess
import JournalModel
import JournalServer
import JournalTestSupport
import Testing

@Suite("The plugins' pages: who opens them (issue 15)")
struct PluginPageAccessTests {
    /// Each page of ``AccessMatrix/pluginPages`` for each of the nine roles: the page, or the
    /// 403 page that says why.
    @Test(arguments: AccessMatrix.pluginPages.map(\.path))
    func eachRoleGetsThePageOrIsRefused(_ path: String) async throws {
        let allowed = try #require(AccessMatrix.pluginPages.first { $0.path == path }).allowed
        let school = try await TestSchool.shared
        try await school.application().test(.router) { client in
            for role in Role.allCases {
                let browser = try await Browser.signIn(client, as: Person(role))
                let response = try await browser.get(path)
                if allowed.contains(role) {
                    #expect(response.status == .ok, "\(role) → \(path): \(response.status)")
                } else {
                    #expect(response.status == .forbidden, "\(role) → \(path): \(response.status)")
                }
            }
        }
    }

    /// The switch and the settings form are the administrator's: anyone else's post is
    /// refused and changes nothing.
    @Test func onlyTheAdministratorSwitchesAndConfiguresAPlugin() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [])
        try await school.application().test(.router) { client in
            for role in Role.allCases where role != .administrator {
                let browser = try await Browser.signIn(client, as: Person(role))
                let enabled = try await browser.post("/admin/plugins/watch/enable", [])
                #expect(enabled.status == .forbidden, "\(role): \(enabled.status)")
                let configured = try await browser.post("/admin/plugins/watch/config", [("in_a_row", "5")])
                #expect(configured.status == .forbidden, "\(role): \(configured.status)")
            }
            #expect(try await !school.pluginEnabled("watch"))
            #expect(try await school.pluginSetting("watch", "in_a_row") == "3")
            let administrator = try await Browser.signIn(client, as: .administrator)
            let enabled = try await administrator.post("/admin/plugins/watch/enable", [])
            #expect(enabled.status == .seeOther)
        }
    }
}
