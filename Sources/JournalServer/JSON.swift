import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON in and out, the same everywhere: ISO 8601 instants, sorted keys.
enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        response(bytes: try encode(value), status: status)
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        try StreamingJSONEncoder().encode(value) ?? Array(try encoder.encode(value))
    }

    /// An answer already encoded, with its entity tag when it has one.
    static func response(bytes: [UInt8], status: HTTPResponse.Status = .ok, tag: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let tag {
            headers[.eTag] = tag
            headers[.cacheControl] = "private, no-cache"
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func notModified(tag: String) -> Response {
        var headers = HTTPFields()
        headers[.eTag] = tag
        headers[.cacheControl] = "private, no-cache"
        return Response(status: .notModified, headers: headers)
    }

    /// Decodes a request body, refusing bodies that are not JSON objects of the expected form.
    static func body<Value: Decodable>(_ type: Value.Type, _ request: Request, context: some RequestContext)
        async throws
        -> Value
    {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("problem.json_body_missing") }
        return try decoder.decode(Value.self, from: Data(buffer.readableBytesView))
    }
}

/// An empty success.
struct Empty: Codable {}
