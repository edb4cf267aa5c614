import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import NIOCore

/// The HR specialist's API (issue 16): staff files, education, courses, medical checks,
/// criminal-record certificates, the due list (JSON and CSV); each member of staff reads
/// their own file. The service decides who may do what and logs every special read.
struct PersonnelController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/hr/due", use: due)
        routes.on(.get, "/api/v1/hr/due.csv", use: dueCSV)
        routes.on(.get, "/api/v1/me/personnel", use: mine)
        routes.on(.get, "/api/v1/staff/{staffID}/personnel", use: file)
        routes.on(.put, "/api/v1/staff/{staffID}/personnel", use: setFile)
        routes.on(.post, "/api/v1/staff/{staffID}/personnel/education", use: addEducation)
        routes.on(.post, "/api/v1/staff/{staffID}/personnel/courses", use: addCourse)
        routes.on(.post, "/api/v1/staff/{staffID}/personnel/medical-checks", use: addMedicalCheck)
        routes.on(.post, "/api/v1/staff/{staffID}/personnel/criminal-record", use: addCertificate)
    }

    struct EducationBody: Decodable {
        var institution: String
        var year: Int
        var qualification: String
    }

    struct MedicalCheckBody: Decodable {
        var date: LocalDate
        var validUntil: LocalDate
    }

    struct CertificateBody: Decodable {
        var number: String
        var issuedOn: LocalDate
        var validUntil: LocalDate
    }

    struct DueJSON: Encodable {
        var staff: [PersonnelDue]
    }

    @Sendable func due(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(DueJSON(staff: try await service.personnelDue(caller: try context.caller())))
    }

    @Sendable func dueCSV(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let csv = try await service.personnelDueCSV(context.language, caller: try context.caller())
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = ExportController.contentDisposition("hr-due.csv")
        headers[.cacheControl] = "private, no-store"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array("\u{FEFF}\(csv)".utf8))))
    }

    @Sendable func mine(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.myPersonnelFile(caller: try context.caller()))
    }

    @Sendable func file(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.personnelFile(try Self.staff(context), caller: try context.caller()))
    }

    @Sendable func setFile(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(StaffFileInput.self, request, context: context)
        return try JSON.response(
            try await service.setStaffFile(try Self.staff(context), body, caller: try context.caller()))
    }

    @Sendable func addEducation(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(EducationBody.self, request, context: context)
        let education = try await service.addStaffEducation(
            try Self.staff(context), institution: body.institution, year: body.year, qualification: body.qualification,
            caller: try context.caller())
        return try JSON.response(education, status: .created)
    }

    @Sendable func addCourse(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(StaffCourseInput.self, request, context: context)
        return try JSON.response(
            try await service.addStaffCourse(try Self.staff(context), body, caller: try context.caller()),
            status: .created)
    }

    @Sendable func addMedicalCheck(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(MedicalCheckBody.self, request, context: context)
        let check = try await service.addStaffMedicalCheck(
            try Self.staff(context), date: body.date, validUntil: body.validUntil, caller: try context.caller())
        return try JSON.response(check, status: .created)
    }

    @Sendable func addCertificate(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(CertificateBody.self, request, context: context)
        let certificate = try await service.addCriminalRecordCertificate(
            try Self.staff(context), number: body.number, issuedOn: body.issuedOn, validUntil: body.validUntil,
            caller: try context.caller())
        return try JSON.response(certificate, status: .created)
    }

    static func staff(_ context: JournalRequestContext) throws -> StaffID {
        StaffID(try context.parameters.id("staffID"))
    }
}
