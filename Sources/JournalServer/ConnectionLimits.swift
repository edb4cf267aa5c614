import Foundation

/// What the server limits by itself at the connection level, so that connections opened and
/// left waiting cannot take every descriptor and stop it answering. Each limit is a
/// `journal serve` option; the README's operator section lists them with the settings of a
/// reverse proxy in front.
public struct ConnectionLimits: Sendable {
    /// Connections open at once, from everyone. Beyond it the server stops accepting until
    /// one closes (new ones wait in the listen backlog), so it never runs out of descriptors;
    /// `journal serve` lowers it below the descriptor limit it runs with.
    public static let defaultMaximumConnections = 4096
    /// Connections open at once from one client address (an IPv6 /64). One more is closed as
    /// soon as it is accepted. A school's computer room behind one address opens a few per
    /// browser. A trusted proxy is exempt (it limits its clients itself); its connections
    /// count toward the total only.
    public static let defaultConnectionsPerAddress = 128
    /// A new connection must deliver a whole request head within this time, or it is closed.
    public static let defaultHeaderTimeout: Duration = .seconds(10)
    /// A connection with nothing to do (between requests, or with part of a head that never
    /// completes) is closed after this time.
    public static let defaultIdleTimeout: Duration = .seconds(30)
    /// Connections the kernel keeps waiting to be accepted.
    public static let defaultBacklog = 1024
    /// Descriptors kept free for the database, its journal and the server itself below the
    /// process's limit when the connection cap is derived from it.
    public static let descriptorReserve = 128

    public var maximumConnections: Int
    public var connectionsPerAddress: Int
    public var headerTimeout: Duration
    public var idleTimeout: Duration
    public var backlog: Int

    public init(
        maximumConnections: Int = defaultMaximumConnections, connectionsPerAddress: Int = defaultConnectionsPerAddress,
        headerTimeout: Duration = defaultHeaderTimeout, idleTimeout: Duration = defaultIdleTimeout,
        backlog: Int = defaultBacklog
    ) {
        self.maximumConnections = maximumConnections
        self.connectionsPerAddress = connectionsPerAddress
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.backlog = backlog
    }

    /// The limits with the total cap kept below a descriptor limit of `descriptors`.
    public func fitting(descriptors: Int) -> ConnectionLimits {
        var limits = self
        limits.maximumConnections = max(1, min(maximumConnections, descriptors - Self.descriptorReserve))
        return limits
    }
}
