import Foundation
import HTTPTypes
import Localization
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request that cannot be read as HTTP/1.1 with a problem document that says what
/// was wrong, where Hummingbird would send an empty 400. The usual case: a path or query with
/// letters sent raw (`?period=четверть` as UTF-8 bytes), which HTTP allows only
/// percent-encoded; the parser refuses the request before there is a request to route.
///
/// A request refused after earlier ones of the same connection is answered once their
/// responses have ended, so that answers never interleave. An error in the middle of a
/// request (its body) goes on to Hummingbird, which ends that request.
final class UnreadableRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests whose head arrived and whose response has not ended.
    private var answering = 0
    /// A request's head arrived and its end has not.
    private var receiving = false
    /// The refusal waiting for the responses before it.
    private var pending: HTTPParserError?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            answering += 1
            receiving = true
        case .end: receiving = false
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        answering -= 1
        context.write(data, promise: promise)
        if answering == 0, let pending {
            self.pending = nil
            answer(pending, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError, !receiving, pending == nil else {
            context.fireErrorCaught(error)
            return
        }
        if answering > 0 {
            pending = error
        } else {
            answer(error, context: context)
        }
    }

    private func answer(_ error: HTTPParserError, context: ChannelHandlerContext) {
        let problem = Self.problem(for: error)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json; charset=utf-8"
        headers[.contentLength] = String(problem.readableBytes)
        headers[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .badRequest, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(problem)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// The problem document: a refused request target says how to write one; any other
    /// unreadable request says so. Before the headers are read there is no language to
    /// choose: the words are Russian, the default, and English.
    static func problem(for error: HTTPParserError) -> ByteBuffer {
        let target: Bool
        switch error {
        case .invalidURL, .invalidCharactersUsed, .invalidPath, .invalidQueryString: target = true
        default: target = false
        }
        let key = target ? "http.raw_target" : "http.unreadable"
        var document = Problem(
            target ? "invalid-request-target" : "invalid-request", status: .badRequest,
            detail: Strings.text(key, .ru) + " / " + Strings.text(key, .en))
        document.title = Strings.text("problem.\(document.title)", .ru)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return ByteBuffer(bytes: body)
    }
}
