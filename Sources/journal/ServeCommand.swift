import ArgumentParser
import Foundation
import Hummingbird
import JournalModel
import JournalServer
import JournalService

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the journal, the diary and the JSON API over HTTP.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Flag(help: "Mark cookies Secure (when served behind HTTPS).")
    var secureCookies = false

    @Flag(help: "Encode every diary week anew instead of keeping it until the journal changes (for measuring).")
    var noResponseCache = false

    @Option(
        help: ArgumentHelp(
            "Serve as if it were this day, YYYY-MM-DD, with the clock running on from there: "
                + "for demonstrations and browser tests of a demo school made with --today."))
    var today: String?

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError("--port must be between 1 and 65535 (got \(port))")
        }
        if let today, LocalDate(today) == nil {
            throw ValidationError("--today must be a date YYYY-MM-DD, such as 2026-11-20 (got '\(today)')")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let shift =
                today.flatMap(LocalDate.init).map { TimeInterval(($0.dayNumber - LocalDate.today.dayNumber) * 86_400) }
                ?? 0
            let service = try database.open(now: { Date(timeIntervalSinceNow: shift) })
            _ = try await service.school()
            _ = try await service.rules()  // refuse to start on broken rules, before listening
            let app = buildApplication(
                service: service,
                configuration: ServerConfiguration(
                    host: host, port: port, secureCookies: secureCookies, responseCache: !noResponseCache))
            try await app.runService()
        }
    }
}
