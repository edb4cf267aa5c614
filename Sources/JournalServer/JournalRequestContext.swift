public import Hummingbird
public import JournalService
public import Localization
public import NIOCore

/// What a request carries beyond Hummingbird's core: the signed-in person, if any, and the
/// language of the answer.
public struct JournalRequestContext: RequestContext, AuthenticatingContext {
    public var coreContext: CoreRequestContextStorage
    public var session: AuthenticatedSession?
    public var language: Language = .ru
    /// The other end of the connection: the client, or a reverse proxy in front of it.
    public let peer: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress
    }

    /// Request bodies are small JSON documents.
    public var maxUploadSize: Int { 1 << 20 }

    /// Nothing, or the 401 problem when nobody signed in.
    func requireSession() throws { _ = try caller() }

    /// The signed-in caller, or a 401 problem.
    public func caller() throws -> Caller {
        guard let session else { throw Problem.unauthorized }
        return session.caller
    }
}
