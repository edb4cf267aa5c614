import ArgumentParser
import Foundation
import Hummingbird
import JournalModel
import JournalPlugins
import JournalServer
import JournalService
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the journal, the diary and the JSON API over HTTP.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "The address people use, such as https://journal.school.ru: printed on account slips; when it is "
                + "https, cookies are Secure and HSTS is sent on every answer."))
    var publicURL: String?

    @Flag(
        help: ArgumentHelp(
            "Mark cookies Secure and send HSTS on every answer, whatever the request says: for a proxy that "
                + "ends TLS without sending X-Forwarded-Proto. Without it, HTTPS is recognised from --public-url "
                + "or a trusted proxy's X-Forwarded-Proto: https."))
    var secureCookies = false

    @Flag(help: "Encode every diary week anew instead of keeping it until the journal changes (for measuring).")
    var noResponseCache = false

    @Option(
        help: ArgumentHelp(
            "Serve as if it were this day, YYYY-MM-DD, with the clock running on from there: "
                + "for demonstrations and browser tests of a demo school made with --today."))
    var today: String?

    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "The address of a reverse proxy in front of the server (repeat for several): the client of a request "
                + "it forwards is the last address of its X-Forwarded-For. From anyone else that header is ignored.",
            valueName: "address"))
    var trustedProxies: [String] = []

    @Option(help: "Connections open at once, from everyone; kept below the descriptor limit.")
    var maxConnections = ConnectionLimits.defaultMaximumConnections

    @Option(help: "Connections open at once from one client address (an IPv6 /64); one more is closed at once.")
    var maxConnectionsPerAddress = ConnectionLimits.defaultConnectionsPerAddress

    @Option(help: "Seconds a new connection has to send its first request head before it is closed.")
    var headerTimeout = Double(ConnectionLimits.defaultHeaderTimeout.components.seconds)

    @Option(help: "Seconds an idle connection (between requests, or with a head that never completes) stays open.")
    var idleTimeout = Double(ConnectionLimits.defaultIdleTimeout.components.seconds)

    @Option(help: "Failed sign-ins one client address may make per minute; more are answered 429 before any hashing.")
    var signInAttemptsPerAddress = SignInLimits.defaultAttemptsPerAddress

    @Option(help: "Failed sign-ins per login (existing or not) per minute; more are answered 429 before any hashing.")
    var signInAttemptsPerLogin = SignInLimits.defaultAttemptsPerLogin

    @Option(help: "Threads that hash passwords; sign-ins beyond their queue are answered 503.")
    var hashingThreads = SignInLimits.defaultHashingThreads

    @OptionGroup var mail: MailOptions

    @Option(help: "Seconds between runs of delivery to families (changes into messages, email sent), 1 to 3600.")
    var deliveryInterval = 5.0

    @OptionGroup var plugins: PluginsDirectoryOption

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError("--port must be between 1 and 65535 (got \(port))")
        }
        if let today, LocalDate(today) == nil {
            throw ValidationError("--today must be a date YYYY-MM-DD, such as 2026-11-20 (got '\(today)')")
        }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false
            else {
                throw ValidationError(
                    "--public-url must be an http or https address, such as https://journal.school.ru "
                        + "(got '\(publicURL)')")
            }
        }
        for proxy in trustedProxies where !ServerConfiguration.isIPAddress(proxy) {
            throw ValidationError("--trusted-proxy must be an IPv4 or IPv6 address, such as 127.0.0.1 (got '\(proxy)')")
        }
        for (name, value) in [
            ("--max-connections", maxConnections), ("--max-connections-per-address", maxConnectionsPerAddress),
            ("--sign-in-attempts-per-address", signInAttemptsPerAddress),
            ("--sign-in-attempts-per-login", signInAttemptsPerLogin), ("--hashing-threads", hashingThreads),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1 (got \(value))")
        }
        guard (1...3600).contains(deliveryInterval) else {
            throw ValidationError(
                "--delivery-interval must be a number of seconds from 1 to 3600 (got \(deliveryInterval))")
        }
        for (name, value) in [("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout)]
        where !(0.01...86_400).contains(value) {
            throw ValidationError("\(name) must be a number of seconds from 0.01 to 86400 (got \(value))")
        }
    }

    func run() async throws {
        try await reportingErrors {
            // One clock for the service and the store: with --today, what the service decides
            // and every time the store records follow the same shifted day.
            let service = try database.open(
                now: shiftedClock(today: today),
                signInLimits: SignInLimits(
                    attemptsPerAddress: signInAttemptsPerAddress, attemptsPerLogin: signInAttemptsPerLogin,
                    hashingThreads: hashingThreads))
            try service.checkDatabase()  // refuse a damaged file, before listening
            _ = try await service.school()
            _ = try await service.rules()  // refuse to start on broken rules, before listening
            let catalog = try await PluginCatalog.load(directory: plugins.directory)
            for refusal in catalog.refused {
                Logger(label: "SchoolJournal").warning("plugin \(refusal.id) refused: \(refusal.reason)")
            }
            try await service.installPlugins(catalog)
            let mailer = try mail.transport()  // refuse a malformed --smtp, before listening
            if mailer == nil {
                Logger(label: "SchoolJournal").warning(
                    "no --smtp: messages to families are made and shown in the delivery log, email stays queued")
            }
            let configuration = ServerConfiguration(
                host: host, port: port, secureCookies: secureCookies,
                publicURL: publicURL.flatMap(URL.init(string:)), responseCache: !noResponseCache,
                connectionLimits: connectionLimits(), trustedProxies: trustedProxies,
                delivery: DeliverySettings(mailer: mailer, interval: .milliseconds(Int64(deliveryInterval * 1000))))
            let app = buildApplication(service: service, configuration: configuration)
            do {
                try await app.runService()
            } catch {
                throw ListenFailure.explaining(error, configuration: configuration)
            }
            // A graceful shutdown (SIGTERM, SIGINT) leaves the school in the database file alone.
            try service.checkpoint()
        }
    }

    /// The connection limits of the options, with the total kept below the descriptor limit
    /// once the soft limit is raised to the hard one; both are logged.
    func connectionLimits() -> ConnectionLimits {
        let logger = Logger(label: "SchoolJournal")
        var limits = ConnectionLimits(
            maximumConnections: maxConnections, connectionsPerAddress: maxConnectionsPerAddress,
            headerTimeout: .milliseconds(Int64(headerTimeout * 1000)),
            idleTimeout: .milliseconds(Int64(idleTimeout * 1000)))
        if let (before, after) = DescriptorLimit.raiseSoftToHard() {
            limits = limits.fitting(descriptors: after.soft)
            logger.info(
                "descriptors: soft limit \(after.soft) (was \(before.soft)), hard limit \(after.hard); connections: at most \(limits.maximumConnections), \(limits.connectionsPerAddress) per address"
            )
            if limits.maximumConnections < maxConnections {
                logger.warning(
                    "--max-connections \(maxConnections) lowered to \(limits.maximumConnections) to stay below the descriptor limit; raise the hard limit (LimitNOFILE= in a systemd unit) to allow more"
                )
            }
        }
        return limits
    }
}
