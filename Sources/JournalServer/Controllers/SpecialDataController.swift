import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import NIOCore

/// The protection of special-category data (R21, 152-ФЗ): the log of its reads, emergency
/// access outside one's rights, and a representative's export of everything the school holds
/// about their child.
struct SpecialDataController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/special-reads", use: log)
        routes.on(.post, "/api/v1/students/{studentID}/emergency-access", use: openEmergency)
        routes.on(.get, "/api/v1/students/{studentID}/subject-access", use: subjectAccess)
    }

    struct EmergencyRequest: Decodable {
        var domain: String
        var reason: String
    }

    /// One read in the log, with names beside the ids.
    struct ReadJSON: Encodable {
        var id: Int64
        var at: Date
        var reader: String
        var readerAccountID: Int64?
        var domain: String
        var what: String
        var studentID: Int64?
        var student: String?
        var staffID: Int64?
        var staff: String?
        var purpose: String
        var emergencyAccessID: Int64?
    }

    struct EmergencyJSON: Encodable {
        var id: Int64
        var accountID: Int64
        var openedBy: String
        var studentID: Int64
        var student: String?
        var domain: String
        var reason: String
        var openedAt: Date
        var until: Date
    }

    struct LogJSON: Encodable {
        var reads: [ReadJSON]
        var emergencyAccesses: [EmergencyJSON]
    }

    /// The special-read log: `student`, `account`, `domain`, `emergency=true`, `limit` filter it.
    @Sendable func log(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let filter = try Self.filter(QueryFilters(request))
        let log = try await service.specialReadLog(filter, caller: try context.caller())
        return try JSON.response(Self.json(log))
    }

    @Sendable func openEmergency(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let body = try await JSON.body(EmergencyRequest.self, request, context: context)
        guard let domain = DataDomain(rawValue: body.domain) else {
            throw Problem.badRequest(
                "problem.domain_value", ["text": body.domain, "accepted": "health, psychology"], field: "domain")
        }
        let access = try await service.openEmergencyAccess(
            student: student, domain: domain, reason: body.reason, caller: try context.caller())
        return try JSON.response(Self.json(access, student: nil), status: .created)
    }

    @Sendable func subjectAccess(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let export = try await service.subjectAccessExport(
            student: student, language: context.language, caller: try context.caller())
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = ExportController.contentDisposition(export.fileName)
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: export.pdf)))
    }

    /// The log's filter from a query (the API's, or the page's form).
    static func filter(_ query: QueryFilters) throws -> SpecialReadFilter {
        var filter = SpecialReadFilter()
        filter.student = try query.positiveNumber("student").map { StudentID($0) }
        filter.account = try query.positiveNumber("account").map { AccountID($0) }
        if let text = query.filled("domain") {
            guard let domain = DataDomain(rawValue: text) else {
                throw Problem.badRequest(
                    "problem.domain_value",
                    ["text": text, "accepted": DataDomain.allCases.map(\.rawValue).joined(separator: ", ")],
                    field: "domain")
            }
            filter.domain = domain
        }
        if let text = query.filled("emergency") {
            guard let value = Bool(text) else {
                throw Problem.badRequest(
                    "problem.boolean_query", ["name": "emergency", "text": text], field: "emergency")
            }
            filter.emergencyOnly = value
        }
        if let limit = try query.positiveNumber("limit") { filter.limit = Int(min(limit, 1_000_000)) }
        return filter
    }

    static func json(_ log: SpecialReadLog) -> LogJSON {
        LogJSON(
            reads: log.reads.map { read in
                ReadJSON(
                    id: read.id ?? 0, at: read.at, reader: read.actorName, readerAccountID: read.accountID?.rawValue,
                    domain: read.domain.rawValue, what: read.what, studentID: read.studentID?.rawValue,
                    student: read.studentID.flatMap { log.studentNames[$0] }, staffID: read.staffID?.rawValue,
                    staff: read.staffID.flatMap { log.staffNames[$0] }, purpose: read.purpose,
                    emergencyAccessID: read.emergencyAccessID)
            },
            emergencyAccesses: log.emergencyAccesses.map { json($0, student: log.studentNames[$0.studentID]) })
    }

    static func json(_ access: EmergencyAccess, student: String?) -> EmergencyJSON {
        EmergencyJSON(
            id: access.id ?? 0, accountID: access.accountID.rawValue, openedBy: access.actorName,
            studentID: access.studentID.rawValue, student: student, domain: access.domain.rawValue,
            reason: access.reason, openedAt: access.openedAt, until: access.until)
    }
}
