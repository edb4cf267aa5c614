import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import NIOCore
import Spreadsheet

/// Exports as files (XLSX or CSV): a group's journal grid, a class's summary of marks and a
/// class's attendance, for a period. The pages link here with the browser's session; the
/// service checks that the caller may view what is exported.
struct ExportController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/assignments/{assignmentID}/journal/export") {
            try await journal($0, context: $1)
        }
        routes.on(.get, "/api/v1/classes/{className}/summary/export") {
            try await summary($0, context: $1)
        }
        routes.on(.get, "/api/v1/classes/{className}/attendance/export") {
            try await attendance($0, context: $1)
        }
    }

    func journal(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = AssignmentID(try context.parameters.id("assignmentID"))
        let format = try Self.format(request)
        let export = try await service.journalExport(
            assignment: id, period: Self.period(request), language: context.language, caller: try context.caller())
        return try Self.file(export, format)
    }

    func summary(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let format = try Self.format(request)
        let export = try await service.classSummaryExport(
            className: try Self.className(context), period: Self.period(request), language: context.language,
            caller: try context.caller())
        return try Self.file(export, format)
    }

    func attendance(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let format = try Self.format(request)
        let export = try await service.classAttendanceExport(
            className: try Self.className(context), period: Self.period(request), language: context.language,
            caller: try context.caller())
        return try Self.file(export, format)
    }

    static func period(_ request: Request) -> String { request.query("period") ?? "current" }

    /// `xlsx` unless `format=csv` is asked for.
    static func format(_ request: Request) throws -> ExportFormat {
        guard let text = request.query("format") else { return .xlsx }
        guard let format = ExportFormat(rawValue: text.lowercased()) else {
            throw Problem.badRequest("'format' must be xlsx or csv, not '\(text)'", field: "format")
        }
        return format
    }

    /// The class's name from the path, where Cyrillic arrives percent-encoded (`5%D0%90`).
    static func className(_ context: JournalRequestContext) throws -> String {
        guard let raw = context.parameters.get("className"), let name = raw.removingPercentEncoding, !name.isEmpty
        else {
            throw Problem.badRequest("'className' in the path must be a class's name, such as 5А", field: "className")
        }
        return name
    }

    /// The file as an attachment, named for what it holds (RFC 6266: an ASCII fallback, and the
    /// real name in UTF-8 for the browsers, which all read `filename*`).
    static func file(_ export: Export, _ format: ExportFormat) throws -> Response {
        let bytes = try format.render(export.workbook)
        let name = "\(export.fileName).\(format.rawValue)"
        var headers = HTTPFields()
        headers[.contentType] = format.mediaType
        headers[.contentDisposition] = contentDisposition(name)
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func contentDisposition(_ name: String) -> String {
        let ascii = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
            })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<"\u{80}"))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
