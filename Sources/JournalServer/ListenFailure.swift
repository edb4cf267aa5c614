import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the server could not listen, in plain words naming the address and port, with what to
/// do; other errors of a running server pass through.
public struct ListenFailure: Error, CustomStringConvertible {
    public var description: String

    /// The failure `error` stands for when it is a refusal to listen, or `error` itself.
    public static func explaining(_ error: any Error, configuration: ServerConfiguration) -> any Error {
        guard let error = error as? IOError, error.description.contains("bind") else { return error }
        let address = "\(configuration.host):\(configuration.port)"
        switch error.errnoCode {
        case EADDRINUSE:
            return ListenFailure(
                description:
                    "port \(configuration.port) is already in use on \(configuration.host) (by another server, "
                    + "or a `journal serve` still running): stop that program, or choose another port with --port")
        case EACCES:
            return ListenFailure(
                description: "not allowed to listen on \(address): ports below 1024 need privileges; choose a port "
                    + "from 1024 with --port and put a reverse proxy in front")
        case EADDRNOTAVAIL:
            return ListenFailure(
                description: "cannot listen on \(address): \(configuration.host) is not an address of this machine; "
                    + "give one of its addresses with --host (127.0.0.1, or 0.0.0.0 for all)")
        default:
            return ListenFailure(description: "cannot listen on \(address): \(error.description)")
        }
    }
}
