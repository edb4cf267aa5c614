import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

/// HTTP/1.1 connections with the server's limits in front of Hummingbird's own channel: a
/// client address may hold ``ConnectionLimits/connectionsPerAddress`` connections, and the one
/// beyond is closed as soon as it is accepted — before a pipeline, a task or a buffer is made
/// for it; a connection must send its first request head within
/// ``ConnectionLimits/headerTimeout``; an idle one closes after
/// ``ConnectionLimits/idleTimeout`` (Hummingbird's own timeout).
struct GuardedHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let perAddress: ConnectionsPerAddress

    init(responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits, perAddress: ConnectionsPerAddress)
    {
        let headerTimeout = TimeAmount(limits.headerTimeout)
        self.http1 = HTTP1Channel(
            responder: responder,
            configuration: .init(
                // A request the HTTP parser refuses is answered with a problem document, not an
                // empty 400.
                additionalChannelHandlers: [HeaderTimeoutHandler(timeout: headerTimeout), UnreadableRequestHandler()],
                idleTimeout: TimeAmount(limits.idleTimeout)))
        self.perAddress = perAddress
    }

    /// Refused connections fail their setup: the server's accept loop drops them.
    struct Refused: Error {}

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // A connection without a peer address was reset before it was accepted.
        guard let key = ClientAddress.key(channel.remoteAddress), perAddress.open(key) else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(Refused())
        }
        if !perAddress.isExempt(key) {
            let perAddress = perAddress
            channel.closeFuture.whenComplete { _ in perAddress.close(key) }
        }
        return http1.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

/// The connections open now from each client address, for every event loop at once. Trusted
/// proxies are exempt: every client behind one arrives from its address, and the proxy limits
/// its clients' connections itself; theirs count only toward the server's total.
final class ConnectionsPerAddress: Sendable {
    let limit: Int
    let exempt: Set<String>
    let logger: Logger
    private struct State {
        var counts: [String: Int] = [:]
        /// Refusals since the last warning, and when it was written.
        var refused = 0
        var warned: ContinuousClock.Instant?
    }
    private let state = Mutex(State())

    init(limit: Int, exempt: Set<String> = [], logger: Logger) {
        self.limit = max(limit, 1)
        self.exempt = exempt
        self.logger = logger
    }

    func isExempt(_ key: String) -> Bool { exempt.contains(key) }

    /// Counts a new connection from `key`, or returns false — counting nothing — when the
    /// address already holds `limit`. An exempt address is let through uncounted.
    func open(_ key: String) -> Bool {
        if exempt.contains(key) { return true }
        // nil: accepted; otherwise refused, with the refusals to report if a warning is due.
        let refusal: Int?? = state.withLock { state in
            let open = state.counts[key, default: 0]
            guard open >= limit else {
                state.counts[key] = open + 1
                return nil
            }
            state.refused += 1
            let now = ContinuousClock.now
            guard state.warned.map({ now - $0 >= ConnectionCap.warningInterval }) ?? true else { return .some(nil) }
            defer {
                state.refused = 0
                state.warned = now
            }
            return .some(state.refused)
        }
        guard let refusal else { return true }
        if let refused = refusal {
            logger.warning(
                "\(key) holds \(limit) connections, the most one address may: \(refused) refused since the last warning"
            )
        }
        return false
    }

    func close(_ key: String) {
        state.withLock { state in
            let open = state.counts[key, default: 0]
            state.counts[key] = open > 1 ? open - 1 : nil
        }
    }

    /// Connections open now from `key`.
    func count(_ key: String) -> Int { state.withLock { $0.counts[key, default: 0] } }
}

/// Stops accepting connections while `maximum` are open (they wait in the listen backlog
/// meanwhile), and says so in the log — at most every ``warningInterval``.
struct ConnectionCap: AvailableConnectionsDelegate {
    static let warningInterval: Duration = .seconds(10)

    let maximum: Int
    let logger: Logger
    private var open = 0
    private var warned: ContinuousClock.Instant?

    init(maximum: Int, logger: Logger) {
        self.maximum = max(maximum, 1)
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        guard open >= maximum else { return }
        let now = ContinuousClock.now
        guard warned.map({ now - $0 >= Self.warningInterval }) ?? true else { return }
        warned = now
        logger.warning("\(open) connections are open, the most the server takes: new ones wait until one closes")
    }

    mutating func connectionClosed() { open -= 1 }

    func isAcceptingNewConnections() -> Bool { open < maximum }
}

/// Closes a connection whose first request head has not arrived within `timeout` of its
/// opening. Hummingbird's idle timeout counts parsed parts of requests, so a client sending a
/// few bytes of a head and then nothing would hold its descriptor until then; this handler
/// bounds that wait from the first byte of the connection. After the first head it leaves
/// the pipeline: later requests on the connection are bounded by the idle timeout.
final class HeaderTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let timeout: TimeAmount
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let isHead = if case .head = unwrapInboundIn(data) { true } else { false }
        context.fireChannelRead(data)
        if isHead {
            timer?.cancel()
            timer = nil
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }
}

@available(*, unavailable)
extension HeaderTimeoutHandler: Sendable {}
