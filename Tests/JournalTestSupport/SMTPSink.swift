public import Foundation

/// A real SMTP server for a test: scripts/smtp-sink.py (aiosmtpd, from the tests' virtualenv)
/// on 127.0.0.1 and a free port, storing every message it accepts in a directory of its own.
///
///     let sink = try await SMTPSink.start(refusing: .init(.rcpt, code: 451, times: 1))
///     defer { sink.stop() }
///     … send to sink.url …
///     let message = try #require(sink.messages.first)
public final class SMTPSink: @unchecked Sendable {
    /// Where the sink says no: to MAIL FROM, to RCPT TO or at the end of DATA.
    public struct Refusal: Sendable {
        public enum Stage: String, Sendable { case mail, rcpt, data }
        public var stage: Stage
        public var code: Int
        /// Refuse the first `times` attempts and accept after; nil refuses always.
        public var times: Int?
        public var text: String?

        public init(_ stage: Stage, code: Int, times: Int? = nil, text: String? = nil) {
            self.stage = stage
            self.code = code
            self.times = times
            self.text = text
        }
    }

    /// One stored message as Python's email package read it (see scripts/smtp-sink.py).
    public struct Message: Decodable, Sendable {
        public struct Part: Decodable, Sendable {
            public var contentType: String
            public var charset: String?
            public var transferEncoding: String?
            public var text: String
        }
        public var mailFrom: String
        public var rcptTos: [String]
        public var login: String?
        /// Decoded (RFC 2047) header values.
        public var subject: String?
        public var from: String?
        public var to: String?
        public var messageId: String?
        public var date: String?
        public var mimeVersion: String?
        public var contentType: String
        public var parts: [Part]
        public var defects: [String]
        public var maxLineLength: Int
        public var bareLineFeeds: Int
        /// The raw message as received.
        public var data: String

        /// The decoded text of the first part of `type` (`text/plain`, `text/html`).
        public func part(_ type: String) -> String? { parts.first { $0.contentType == type }?.text }
    }

    public let port: Int
    public let directory: URL
    private let process: Process

    /// The script, beside the package's other scripts.
    public static let script = TestSchool.repository.appendingPathComponent("scripts/smtp-sink.py").path

    /// Whether the virtualenv exists and has aiosmtpd (`scripts/python-venv.sh` makes it).
    public static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: VenvPython.path) else { return false }
        return (try? VenvPython.run(["-c", "import aiosmtpd"]).status) == 0
    }()

    /// `smtp://127.0.0.1:<port>?from=<from>`, for ``SMTPConfiguration``-style settings.
    public func url(from sender: String = "school@example.org", user: String? = nil) -> String {
        "smtp://\(user.map { "\($0)@" } ?? "")127.0.0.1:\(port)?from=\(sender)"
    }

    private init(port: Int, directory: URL, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    deinit { stop() }

    /// Starts a sink and waits (up to 15 seconds) until it listens.
    public static func start(refusing refusal: Refusal? = nil, auth: (user: String, password: String)? = nil)
        async throws -> SMTPSink
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ready = directory.appendingPathComponent("port")
        var arguments = [
            script, "--dir", directory.appendingPathComponent("messages").path, "--ready-file", ready.path,
        ]
        if let refusal {
            arguments += ["--refuse-\(refusal.stage.rawValue)", String(refusal.code)]
            if let times = refusal.times { arguments += ["--refuse-count", String(times)] }
            if let text = refusal.text { arguments += ["--refuse-text", text] }
        }
        if let auth { arguments += ["--auth", "\(auth.user):\(auth.password)"] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: VenvPython.path)
        process.arguments = ["-W", "ignore"] + arguments
        let log = directory.appendingPathComponent("sink.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        for _ in 0..<300 {
            if let text = try? String(contentsOf: ready, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return SMTPSink(port: port, directory: directory, process: process)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning { process.terminate() }
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw SinkDidNotStart(output: said)
    }

    /// The sink did not listen; `output` is what the script printed.
    public struct SinkDidNotStart: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "scripts/smtp-sink.py did not start: \(output)" }
    }

    /// The messages accepted so far, in order of arrival.
    public var messages: [Message] {
        let folder = directory.appendingPathComponent("messages")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                return nil
            }
            return try? decoder.decode(Message.self, from: data)
        }
    }

    /// Waits until at least `count` messages arrived (for a sender that works in the
    /// background, such as an outbox) and returns them all; throws ``Timeout`` after `seconds`.
    public func waitForMessages(_ count: Int, seconds: Double = 10) async throws -> [Message] {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            let received = messages
            if received.count >= count { return received }
            guard ContinuousClock.now < deadline else { throw Timeout(expected: count, received: received.count) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Fewer messages than expected arrived in time.
    public struct Timeout: Error, CustomStringConvertible {
        public var expected: Int
        public var received: Int
        public var description: String { "the SMTP sink received \(received) of \(expected) messages in time" }
    }

    /// Stops the server and removes its directory; calling it again does nothing.
    public func stop() {
        if process.isRunning {
            process.terminate()
            // Never hang a test run on a sink that ignores SIGTERM: kill it after a few seconds.
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
