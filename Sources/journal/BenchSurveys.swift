import ArgumentParser
import DefaultRules
import Foundation
import Hummingbird
import JournalModel
import JournalRules
import JournalServer
import JournalService
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `journal bench surveys` (issue 14): (a) ballots cast through the JSON API of a server in
/// this process by concurrent respondents, each with a session of their own — throughput, p50
/// and p99 (target p99 ≤ 50 ms); (b) the results of a 20-question survey over 2,000 ballots
/// (target ≤ 200 ms), and the close that keeps them.
struct SurveysBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surveys",
        abstract: "Ballots through the API by concurrent respondents, and a 20-question survey's results.")

    /// Ballots cast through the service alone after the API's, to tell what HTTP adds.
    static let direct = 100

    @Option(help: "Ballots cast through the API, each by another respondent.")
    var ballots = 1000

    @Option(help: "Concurrent clients casting them.")
    var clients = 64

    @Option(help: "Ballots of the 20-question survey whose results are computed.")
    var resultBallots = 2000

    @Option(help: "Students in the demo school (every one is asked; at least --ballots).")
    var students = 1200

    @Option(help: "The port of the server started for the bench, on 127.0.0.1.")
    var port = 18093

    @Option(help: "The school's day, YYYY-MM-DD.")
    var today = "2026-11-20"

    func validate() throws {
        guard (10...20_000).contains(ballots) else { throw ValidationError("--ballots must be 10 to 20000") }
        guard (1...512).contains(clients) else { throw ValidationError("--clients must be 1 to 512") }
        guard (10...100_000).contains(resultBallots) else {
            throw ValidationError("--result-ballots must be 10 to 100000")
        }
        guard students >= ballots + Self.direct, students <= 20_000 else {
            throw ValidationError("--students must be at least --ballots + 100 and at most 20000")
        }
        guard LocalDate(today) != nil else { throw ValidationError("--today: give a date YYYY-MM-DD, not \(today)") }
    }

    func run() async throws {
        try await reportingErrors {
            let day = LocalDate(today)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
            let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("bench-surveys-\(UUID().uuidString).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            let service = try JournalService.open(path: path, now: { noon })
            let timer = ContinuousClock()
            var started = timer.now
            _ = try await service.createDemo(
                students: students, seed: 17, today: day, rules: RuleFiles(DefaultRules.files))
            print("demo school of \(students) students, built in \(Stopwatch.format(timer.now - started))")

            started = timer.now
            let setup = try await service.benchSurveyRespondents(ballots + Self.direct)
            guard setup.tokens.count > ballots else {
                throw CommandFailure("only \(setup.tokens.count) respondents have accounts; give more --students")
            }
            print(
                "survey launched, \(setup.tokens.count) respondents signed in, in \(Stopwatch.format(timer.now - started))"
            )

            let server = Task {
                try await buildApplication(
                    service: service, configuration: ServerConfiguration(port: port, responseCache: false)
                ).runService()
            }
            defer { server.cancel() }
            let client = BenchHTTP(port: port, connections: clients)
            try await client.waitUntilUp()
            let body = try JSONEncoder().encode(["answers": setup.answers])
            let (latencies, wall, failures) = try await client.post(
                "/api/v1/surveys/\(setup.survey.rawValue)/ballots", tokens: Array(setup.tokens.prefix(ballots)),
                body: body,
                clients: clients)
            let timing = Stopwatch(samples: latencies)
            let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
            print(
                "(a) \(ballots) ballots by \(clients) clients: \(Int((Double(ballots) / seconds).rounded())) ballots/s, p50 \(Stopwatch.format(timing.median)), p99 \(Stopwatch.format(timing.p99)); answers other than 200: \(failures)"
            )
            print("    target p99 ≤ 50 ms → \(timing.p99 <= .milliseconds(50) && failures == 0 ? "met" : "missed")")
            // The same ballot cast through the service alone, one at a time: what HTTP adds.
            var direct: [Duration] = []
            for token in setup.tokens.dropFirst(ballots) {
                guard let session = try await service.authenticate(token: token) else { continue }
                let begin = timer.now
                _ = try await service.submitBallot(
                    setup.survey, BallotInput(unit: nil, answers: setup.answers), caller: session.caller)
                direct.append(timer.now - begin)
            }
            if !direct.isEmpty {
                print("    \(Stopwatch(samples: direct).line("the service alone, one ballot at a time"))")
            }

            let results = try await service.benchSurveyResults(ballots: resultBallots, repetitions: 5)
            let computation = Stopwatch(samples: results.computations)
            print(
                "(b) results of 20 questions over \(resultBallots) ballots: median \(Stopwatch.format(computation.median)) of \(results.computations.count); the close with its snapshot \(Stopwatch.format(results.close))"
            )
            print("    target ≤ 200 ms → \(computation.median <= .milliseconds(200) ? "met" : "missed")")
        }
    }
}

/// The next request's index, shared by the clients.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

/// A small HTTP client for the bench: JSON posts with a bearer token, timed one by one.
struct BenchHTTP: Sendable {
    let port: Int
    let session: URLSession

    init(port: Int, connections: Int) {
        self.port = port
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = connections
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// Waits for the server's health route, for up to ten seconds.
    func waitUntilUp() async throws {
        for _ in 0..<100 {
            if let (_, response) = try? await session.data(from: url("/api/v1/health")),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CommandFailure("the bench's server did not answer on port \(port)")
    }

    /// Posts `body` once per token, `clients` at a time; each request's latency, the wall time
    /// and the count of answers other than 200.
    func post(_ path: String, tokens: [String], body: Data, clients: Int) async throws -> (
        [Duration], Duration, Int
    ) {
        let next = Counter()
        let clock = ContinuousClock()
        let started = clock.now
        let outcomes = try await withThrowingTaskGroup(of: ([Duration], Int).self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var latencies: [Duration] = []
                    var failures = 0
                    while true {
                        let index = next.value.add(1, ordering: .relaxed).oldValue
                        guard index < tokens.count else { break }
                        var request = URLRequest(url: url(path))
                        request.httpMethod = "POST"
                        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                        request.setValue("Bearer \(tokens[index])", forHTTPHeaderField: "Authorization")
                        request.httpBody = body
                        let begin = clock.now
                        let (data, response) = try await session.data(for: request)
                        latencies.append(clock.now - begin)
                        if (response as? HTTPURLResponse)?.statusCode != 200 {
                            if failures == 0 { printError(String(decoding: data, as: UTF8.self)) }
                            failures += 1
                        }
                    }
                    return (latencies, failures)
                }
            }
            var all: ([Duration], Int) = ([], 0)
            for try await (latencies, failures) in group {
                all.0 += latencies
                all.1 += failures
            }
            return all
        }
        return (outcomes.0, clock.now - started, outcomes.1)
    }
}
