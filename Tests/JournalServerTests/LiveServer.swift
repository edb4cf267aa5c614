import Foundation
import Hummingbird
import JournalModel
import JournalRules
import JournalServer
import JournalService
import JournalTestSupport
import Logging
import ServiceLifecycle
import Workers

#if canImport(Glibc)
    import Glibc
#endif

/// The server as `journal serve` runs it, on a free port of 127.0.0.1, for what only real
/// sockets show: connections held, half-sent, refused.
enum LiveServer {
    /// A school with no accounts, as the OpenAPI tests make it.
    static func service(signInLimits: SignInLimits = .default) async throws -> JournalService {
        try await TestSchool.make(.empty, signInLimits: signInLimits).service
    }

    /// Runs `body` with the port of a server of `service` with `configuration` (its host and
    /// port are chosen here), and stops the server after it.
    static func run<T: Sendable>(
        _ service: JournalService, _ configuration: ServerConfiguration, _ body: (Int) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = try freePort()
        let port = configuration.port
        let app = buildApplication(service: service, configuration: configuration)
        // Stopped by a graceful shutdown, never by cancelling its task: cancelling while accepted
        // connections wait to be served traps in swift-nio ("Deinited NIOAsyncWriter without
        // calling finish()", apple/swift-nio#3481).
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: Logger(label: "live-server")))
        let server = Task { try await group.run() }
        defer { server.cancel() }
        for _ in 0..<500 {
            if let probe = try? RawConnection(port: port, from: "127.0.0.254") {
                probe.close()
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let result = try await body(port)
        await group.triggerGracefulShutdown()
        // Connections a test left open end by the server's idle timeout; a server that has not
        // stopped after that is cancelled.
        let stopped = Task {
            try await Task.sleep(for: .seconds(10))
            server.cancel()
        }
        _ = await server.result
        stopped.cancel()
        return result
    }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(probe) }
        var address = RawConnection.address("127.0.0.1", port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(probe, pointer, length) == 0 && getsockname(probe, pointer, &length) == 0
            }
        }
        guard bound else { throw RawConnection.Failure(call: "bind", code: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A TCP connection to 127.0.0.1 from a chosen loopback address (all of 127.0.0.0/8 is this
/// machine on Linux), driven by hand: held without a byte, a head sent by halves.
final class RawConnection {
    struct Failure: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    /// What waiting for the server gave.
    enum Reply: Equatable {
        case data(String)
        /// The server closed the connection (an end of file or a reset).
        case closed
        /// Nothing came in time: the connection is still open.
        case nothing
    }

    private var descriptor: Int32

    init(port: Int, from source: String = "127.0.0.1") throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(call: "socket", code: errno) }
        var local = Self.address(source, port: 0)
        var remote = Self.address("127.0.0.1", port: port)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close()
            throw Failure(call: "bind", code: code)
        }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close()
            throw Failure(call: "connect", code: code)
        }
    }

    deinit { close() }

    static func address(_ text: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        _ = inet_pton(AF_INET, text, &address.sin_addr)
        return address
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw Failure(call: "send", code: errno) }
    }

    /// Blocking calls run on threads of their own: a test blocked in poll() on one of the few
    /// cooperative threads would starve the very server it waits for (both run in this process).
    static let io = WorkerThreads(name: "test-io", threads: 16, queueLimit: 10_000)

    /// Waits up to `timeout` for the server to send something or to close.
    func wait(_ timeout: Duration) async -> Reply {
        (try? await Self.io.run { waitNow(timeout) }) ?? .nothing
    }

    private func waitNow(_ timeout: Duration) -> Reply {
        var poll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard Glibc.poll(&poll, 1, milliseconds) > 0 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return .closed }
        return .data(String(decoding: buffer[0..<count], as: UTF8.self))
    }

    /// Sends a whole request and returns the status line of the answer, or nil when the
    /// connection closed without one.
    func request(_ head: String, timeout: Duration = .seconds(10)) async throws -> String? {
        try send(head)
        guard case .data(let text) = await wait(timeout) else { return nil }
        return text.split(separator: "\r\n", maxSplits: 1).first.map(String.init)
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }
}
