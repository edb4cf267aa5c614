import JournalDelivery
import Localization
import Testing

@Suite struct SMTPConfigurationTests {
    @Test func aLoopbackServerWithCredentialsAndSender() throws {
        let configuration = try SMTPConfiguration(url: "smtp://user:p%40ss@127.0.0.1:2525?from=school@example.org")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 2525)
        #expect(configuration.username == "user")
        #expect(configuration.password == "p@ss")
        #expect(configuration.from == MailAddress("school@example.org"))
        #expect(configuration.security == .opportunistic)
        #expect(!configuration.description.contains("p@ss"))
    }

    @Test(arguments: [
        ("smtp://mail.example.org?from=s@example.org", SMTPConfiguration.Security.required, 25),
        ("smtp://mail.example.org:587?from=s@example.org&tls=optional", .opportunistic, 587),
        ("smtp://localhost?from=s@example.org&tls=required", .required, 25),
        ("smtps://mail.example.org?from=s@example.org", .implicit, 465),
        ("SMTPS://mail.example.org:2465?from=s@example.org", .implicit, 2465),
    ])
    func tlsIsRequiredAwayFromThisMachine(url: String, security: SMTPConfiguration.Security, port: Int) throws {
        let configuration = try SMTPConfiguration(url: url)
        #expect(configuration.security == security)
        #expect(configuration.port == port)
    }

    @Test func timeoutsAndTheSendersName() throws {
        let configuration = try SMTPConfiguration(
            url:
                "smtp://127.0.0.1?from=s@example.org&from_name=%D0%A8%D0%BA%D0%BE%D0%BB%D0%B0&connect_timeout=2&timeout=30"
        )
        #expect(configuration.connectTimeout == 2)
        #expect(configuration.timeout == 30)
        #expect(configuration.from.name == "Школа")
    }

    @Test(arguments: [
        ("", "delivery.error.url"),
        ("mail.example.org", "delivery.error.url"),
        ("http://mail.example.org?from=s@example.org", "delivery.error.url_scheme"),
        ("smtp://?from=s@example.org", "delivery.error.url"),
        ("smtp://mail.example.org", "delivery.error.url_from"),
        ("smtp://mail.example.org?from=nobody", "delivery.error.address"),
        ("smtp://mail.example.org?from=s@example.org&tls=maybe", "delivery.error.url_tls"),
        ("smtps://mail.example.org?from=s@example.org&tls=optional", "delivery.error.url_tls"),
        ("smtp://mail.example.org?from=s@example.org&timeout=0", "delivery.error.url_seconds"),
        ("smtp://mail.example.org?from=s@example.org&port=25", "delivery.error.url_parameter"),
        ("smtp://mail.example.org?from=s@example.org&from=t@example.org", "delivery.error.url_parameter_twice"),
        ("smtp://mail.example.org/path?from=s@example.org", "delivery.error.url"),
    ])
    func aMalformedURLSaysWhatIsAccepted(url: String, key: String) {
        #expect {
            try SMTPConfiguration(url: url)
        } throws: { error in
            guard let error = error as? DeliveryError, error.key == key else { return false }
            // The words exist in both languages (a missing key would show itself).
            return error.text(.ru) != key && error.text(.en) != key && !error.text(.en).contains("{")
        }
    }

    @Test func theURLErrorShowsTheAcceptedForm() {
        let error = #expect(throws: DeliveryError.self) { try SMTPConfiguration(url: "smtp://") }
        #expect(error?.text(.en).contains("smtp[s]://[user:password@]host[:port]?from=address") == true)
    }
}
