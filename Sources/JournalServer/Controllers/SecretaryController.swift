import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import NIOCore

/// The secretary's work over JSON (issue 16): students' personal files, transfers and
/// documents, the register of incoming applications, certificates of study and the alphabet
/// book, with their CSV import and exports.
struct SecretaryController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/secretary", use: day)
        routes.on(.get, "/api/v1/students/{studentID}/personal-file", use: personalFile)
        routes.on(.put, "/api/v1/students/{studentID}/personal-file", use: savePersonalFile)
        routes.on(.post, "/api/v1/students/{studentID}/transfer", use: transfer)
        routes.on(.post, "/api/v1/students/{studentID}/documents", use: addDocument)
        routes.on(.post, "/api/v1/student-documents/{documentID}/return", use: returnDocument)
        routes.on(.post, "/api/v1/students/{studentID}/certificates", use: issueCertificate)
        routes.on(.post, "/api/v1/personal-files/import", use: importFiles)
        routes.on(.get, "/api/v1/applications", use: applications)
        routes.on(.post, "/api/v1/applications", use: registerApplication)
        routes.on(.get, "/api/v1/applications/csv", use: applicationsCSV)
        routes.on(.post, "/api/v1/applications/{applicationID}/decision", use: decide)
        routes.on(.get, "/api/v1/certificates", use: certificates)
        routes.on(.get, "/api/v1/certificates/csv", use: certificatesCSV)
        routes.on(.get, "/api/v1/certificates/{certificateID}/pdf", use: certificatePDF)
        routes.on(.get, "/api/v1/alphabet-book", use: alphabetBook)
        routes.on(.get, "/api/v1/alphabet-book/csv", use: alphabetBookCSV)
    }

    struct Transfer: Decodable {
        var toClass: String
        var date: LocalDate
        var order: String
        var orderDate: LocalDate
    }

    struct NewDocument: Decodable {
        var kind: StudentDocumentKind
        var receivedOn: LocalDate
        var note: String?
    }

    struct Return: Decodable {
        var returnedOn: LocalDate
    }

    struct NewCertificate: Decodable {
        var purpose: String
        var issuedOn: LocalDate?
    }

    struct Decision: Decodable {
        var status: ApplicationStatus
        var decision: String?
        var decidedOn: LocalDate
    }

    struct Book: Encodable {
        var entries: [AlphabetBookEntry]
    }

    struct Applications: Encodable {
        var year: Int
        var applications: [ApplicationEntry]
    }

    struct Certificates: Encodable {
        var year: Int
        var certificates: [CertificateEntry]
    }

    @Sendable func day(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.secretaryDay(caller: try context.caller()))
    }

    @Sendable func personalFile(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = StudentID(try context.parameters.id("studentID"))
        return try JSON.response(try await service.personalFile(student: id, caller: try context.caller()))
    }

    @Sendable func savePersonalFile(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = StudentID(try context.parameters.id("studentID"))
        let form = try await JSON.body(PersonalFileForm.self, request, context: context)
        return try JSON.response(try await service.savePersonalFile(student: id, form, caller: try context.caller()))
    }

    @Sendable func transfer(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = StudentID(try context.parameters.id("studentID"))
        let body = try await JSON.body(Transfer.self, request, context: context)
        let transfer = try await service.transferStudent(
            id, toClass: body.toClass, on: body.date, order: body.order, orderDate: body.orderDate,
            caller: try context.caller())
        return try JSON.response(transfer, status: .created)
    }

    @Sendable func addDocument(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = StudentID(try context.parameters.id("studentID"))
        let body = try await JSON.body(NewDocument.self, request, context: context)
        let document = try await service.addStudentDocument(
            student: id, kind: body.kind, receivedOn: body.receivedOn, note: body.note, caller: try context.caller())
        return try JSON.response(document, status: .created)
    }

    @Sendable func returnDocument(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try context.parameters.id("documentID")
        let body = try await JSON.body(Return.self, request, context: context)
        return try JSON.response(
            try await service.returnStudentDocument(id, on: body.returnedOn, caller: try context.caller()))
    }

    /// Issues a certificate: its register row; the PDF is at `/api/v1/certificates/{id}/pdf`.
    @Sendable func issueCertificate(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = StudentID(try context.parameters.id("studentID"))
        let body = try await JSON.body(NewCertificate.self, request, context: context)
        let issued = try await service.issueCertificate(
            student: id, purpose: body.purpose, issuedOn: body.issuedOn, language: context.language,
            caller: try context.caller())
        return try JSON.response(issued.certificate, status: .created)
    }

    /// Imports personal files from a CSV (the body), named by `?file=` in messages.
    @Sendable func importFiles(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try context.requireSession()
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let summary = try await service.importPersonalFiles(
            file: request.query("file") ?? "personal-files.csv", bytes: Array(body.readableBytesView),
            caller: try context.caller())
        return try JSON.response(summary)
    }

    @Sendable func applications(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let year = try await Self.year(request, service)
        return try JSON.response(
            Applications(
                year: year, applications: try await service.applications(year: year, caller: try context.caller())))
    }

    @Sendable func registerApplication(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let form = try await JSON.body(ApplicationForm.self, request, context: context)
        return try JSON.response(
            try await service.registerApplication(form, caller: try context.caller()), status: .created)
    }

    @Sendable func applicationsCSV(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let year = try await Self.year(request, service)
        let text = try await service.applicationsCSV(
            year: year, language: context.language, caller: try context.caller())
        return Self.csv(text, name: "applications-\(year).csv")
    }

    @Sendable func decide(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try context.parameters.id("applicationID")
        let body = try await JSON.body(Decision.self, request, context: context)
        return try JSON.response(
            try await service.decideApplication(
                id, status: body.status, decision: body.decision, on: body.decidedOn, caller: try context.caller()))
    }

    @Sendable func certificates(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let year = try await Self.year(request, service)
        return try JSON.response(
            Certificates(
                year: year, certificates: try await service.certificates(year: year, caller: try context.caller())))
    }

    @Sendable func certificatesCSV(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let year = try await Self.year(request, service)
        let text = try await service.certificatesCSV(
            year: year, language: context.language, caller: try context.caller())
        return Self.csv(text, name: "certificates-\(year).csv")
    }

    @Sendable func certificatePDF(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try context.parameters.id("certificateID")
        let pdf = try await service.certificatePDF(id, language: context.language, caller: try context.caller())
        return Self.pdf(pdf, name: "certificate-\(id).pdf")
    }

    @Sendable func alphabetBook(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(Book(entries: try await service.alphabetBook(caller: try context.caller())))
    }

    @Sendable func alphabetBookCSV(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let text = try await service.alphabetBookCSV(language: context.language, caller: try context.caller())
        return Self.csv(text, name: "alphabet-book.csv")
    }

    /// `year`: a calendar year of the registers; absent, this year.
    static func year(_ request: Request, _ service: JournalService) async throws -> Int {
        guard let text = request.query("year") else { return try await service.today().year }
        guard let year = Int(text), (2000...2100).contains(year) else {
            throw Problem.badRequest("problem.year_query", ["text": text], field: "year")
        }
        return year
    }

    static func csv(_ text: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = ExportController.contentDisposition(name)
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func pdf(_ data: Data, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = ExportController.contentDisposition(name)
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
