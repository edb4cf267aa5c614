import Foundation
import JournalTestSupport
import Testing
import Workers

#if canImport(Glibc)
    import Glibc
#endif

/// The built `journal` executable, run as an operator would run it: commands that finish, and
/// `journal serve` as a real process on a real port, spoken to over HTTP and ended by a
/// signal.
enum JournalProcess {
    /// `journal` beside the test bundle (`.build/debug/journal`), which `swift build
    /// --build-tests` builds with the tests.
    static var executable: URL {
        get throws {
            let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            let candidates = [
                bundle.appendingPathComponent("journal"),
                TestSchool.repository.appendingPathComponent(".build/debug/journal"),
            ]
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
            else {
                throw Failure("no journal executable at \(candidates.map(\.path)); build it: swift build --build-tests")
            }
            return found
        }
    }

    /// Threads for the blocking reads of the processes' output.
    static let io = WorkerThreads(name: "process-io", threads: 8, queueLimit: 1000)

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `journal ARGUMENTS` to its end; `asUser` runs it as another user (the tests run as
    /// root in CI: a file root may write is read-only to `nobody`).
    static func run(_ arguments: [String], asUser uid: UInt32? = nil, timeout: Duration = .seconds(60))
        async throws -> Outcome
    {
        let process = try make(arguments, asUser: uid)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read while it runs: a full pipe would stop it. The reads block, so they run on threads
        // of their own, never on the cooperative threads that servers in this process need.
        async let out = (try? io.run { output.fileHandleForReading.readDataToEndOfFile() }) ?? Data()
        async let err = (try? io.run { errors.fileHandleForReading.readDataToEndOfFile() }) ?? Data()
        let ended = try await waitForExit(process, timeout: timeout)
        if !ended {
            process.terminate()
            throw Failure("journal \(arguments.joined(separator: " ")) did not end within \(timeout)")
        }
        return Outcome(
            status: process.terminationStatus, output: String(decoding: await out, as: UTF8.self),
            errors: String(decoding: await err, as: UTF8.self))
    }

    static func make(_ arguments: [String], asUser uid: UInt32? = nil) throws -> Process {
        let process = Process()
        if let uid {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments =
                ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", try executable.path] + arguments
        } else {
            process.executableURL = try executable
            process.arguments = arguments
        }
        return process
    }

    /// Waits for `process` to end; false when it did not within `timeout`.
    static func waitForExit(_ process: Process, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let socket = try ListeningSocket(port: 0)
        defer { socket.close() }
        return socket.port
    }
}

/// A TCP socket listening on 127.0.0.1, to hold a port.
final class ListeningSocket {
    let fd: Int32
    let port: Int

    init(port: Int) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw JournalProcess.Failure("socket: \(errno)") }
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            Glibc.close(fd)
            throw JournalProcess.Failure("cannot listen on port \(port): errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(fd) }
}

/// A running `journal serve`, spoken to with plain HTTP/1.1 requests.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    let log: URL
    var pid: Int32 { process.processIdentifier }

    /// Starts `journal serve --db PATH --port P ARGUMENTS` and waits until it answers.
    init(database path: String, arguments: [String] = [], log: URL) async throws {
        port = try JournalProcess.freePort()
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = try JournalProcess.make(["serve", "--db", path, "--port", String(port)] + arguments)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            if !process.isRunning {
                throw JournalProcess.Failure("journal serve ended at start: \(logText)")
            }
            if (try? request("GET", "/api/v1/health").status) == 200 { break }
            if ContinuousClock.now > deadline {
                throw JournalProcess.Failure("journal serve did not answer: \(logText)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    struct Answer {
        var status: Int
        var headers: String
        var body: String
        var json: [String: Any] {
            ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]) ?? [:]
        }
    }

    /// One request on a connection of its own.
    func request(_ method: String, _ path: String, token: String? = nil, json: String? = nil) throws -> Answer {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw JournalProcess.Failure("socket: \(errno)") }
        defer { Glibc.close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw JournalProcess.Failure("cannot connect to port \(port): errno \(errno)") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let body = Array((json ?? "").utf8)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAccept-Language: en\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if json != nil { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw JournalProcess.Failure("send: errno \(errno)") }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n"), let statusLine = text.split(separator: "\r\n").first,
            let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "")
        else { throw JournalProcess.Failure("no HTTP answer to \(method) \(path): \(text)") }
        return Answer(
            status: status, headers: String(text[..<split.lowerBound]), body: String(text[split.upperBound...]))
    }

    /// Signs the fixture's teacher in and returns the bearer token.
    func signIn() throws -> String {
        let answer = try request(
            "POST", "/api/v1/session",
            json: #"{"login": "\#(Person.teacher.login)", "password": "\#(TestSchool.password)"}"#)
        guard let token = answer.json["token"] as? String else {
            throw JournalProcess.Failure("signing in: \(answer.status) \(answer.body)")
        }
        return token
    }

    /// Sends `signal` and waits for the process to end.
    func stop(_ signal: Int32) async throws {
        kill(process.processIdentifier, signal)
        guard try await JournalProcess.waitForExit(process, timeout: .seconds(30)) else {
            kill(process.processIdentifier, SIGKILL)
            throw JournalProcess.Failure("journal serve did not end on signal \(signal)")
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
