import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension TestSchool {
    /// A personal file, a document, an application and a certificate for S1 (each number 1) and
    /// for S2 (each number 2), for the operations on one of them.
    func addAuthorizationPersonalFiles() async throws {
        let system = Caller.system("secretary")
        for (index, student) in [students[0], sixBStudents[0]].enumerated() {
            try await service.savePersonalFile(
                student: student.id!,
                PersonalFileForm(
                    fileNumber: "Л-\(index + 1)", enrolledOn: LocalDate("2022-09-01")!, enrolmentOrder: "45-у",
                    enrolmentOrderDate: LocalDate("2022-08-25")!), caller: system)
            try await service.addStudentDocument(
                student: student.id!, kind: .birthCertificate, receivedOn: LocalDate("2022-08-20")!, note: nil,
                caller: system)
            try await service.registerApplication(
                ApplicationForm(
                    receivedOn: LocalDate("2026-11-19")!, applicantName: "Заявитель", kind: .certificate,
                    studentID: student.id!, summary: "Справка об обучении"), caller: system)
            _ = try await service.issueCertificate(student: student.id!, purpose: "по месту требования", caller: system)
        }
    }
}

extension Operation {
    /// The number of the target's document, application and certificate: 1 for S1, 2 for S2.
    private static func number(_ context: CaseContext) -> Int { context.target == .unrelated ? 2 : 1 }

    private static func aboutStudent(_ context: CaseContext) -> ObjectName {
        ObjectName(.student, context.side.student)
    }

    private static func onStudent(
        _ method: HTTPRequest.Method, _ suffix: String, _ capability: Capability, json: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: "/api/v1/students/{studentID}/\(suffix)", capability: capability,
            changesData: method != .get, targets: [.related, .unrelated],
            request: { ("/api/v1/students/\($0.side.student)/\(suffix)", json) }, object: aboutStudent)
    }

    private static func onSchool(
        _ method: HTTPRequest.Method, _ path: String, _ capability: Capability, uri: String? = nil, json: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: path, capability: capability, changesData: method != .get, targets: [.school],
            request: { _ in (uri ?? path, json) }, object: { _ in .school })
    }

    static let personalFile = onStudent(.get, "personal-file", .personalFilesView)
    static let savePersonalFile = onStudent(
        .put, "personal-file", .personalFilesEdit,
        json:
            #"{"fileNumber": "Л-9", "enrolledOn": "2022-09-01", "enrolmentOrder": "45-у", "enrolmentOrderDate": "2022-08-25"}"#
    )
    static let transferStudent = Operation(
        method: .post, path: "/api/v1/students/{studentID}/transfer", capability: .personalFilesEdit,
        changesData: true, targets: [.related, .unrelated],
        request: {
            (
                "/api/v1/students/\($0.side.student)/transfer",
                #"{"toClass": "\#($0.target == .unrelated ? "5А" : "6Б")", "date": "2026-11-20", "order": "101-у", "orderDate": "2026-11-19"}"#
            )
        }, object: aboutStudent)
    static let addStudentDocument = onStudent(
        .post, "documents", .personalFilesEdit, json: #"{"kind": "medical_card", "receivedOn": "2026-11-19"}"#)
    static let issueCertificate = onStudent(
        .post, "certificates", .personalFilesEdit, json: #"{"purpose": "по месту требования"}"#)
    static let returnStudentDocument = Operation(
        method: .post, path: "/api/v1/student-documents/{documentID}/return", capability: .personalFilesEdit,
        changesData: true, targets: [.related, .unrelated],
        request: { ("/api/v1/student-documents/\(number($0))/return", #"{"returnedOn": "2026-11-20"}"#) },
        object: aboutStudent)
    static let certificatePDF = Operation(
        method: .get, path: "/api/v1/certificates/{certificateID}/pdf", capability: .personalFilesView,
        changesData: false, targets: [.related, .unrelated],
        request: { ("/api/v1/certificates/\(number($0))/pdf", nil) }, object: aboutStudent)

    static let secretaryDay = onSchool(.get, "/api/v1/secretary", .personalFilesView)
    static let listApplications = onSchool(.get, "/api/v1/applications", .personalFilesView)
    static let applicationsCSV = onSchool(.get, "/api/v1/applications/csv", .personalFilesView)
    static let listCertificates = onSchool(.get, "/api/v1/certificates", .personalFilesView)
    static let certificatesCSV = onSchool(.get, "/api/v1/certificates/csv", .personalFilesView)
    static let alphabetBook = onSchool(.get, "/api/v1/alphabet-book", .personalFilesView)
    static let alphabetBookCSV = onSchool(.get, "/api/v1/alphabet-book/csv", .personalFilesView)
    static let registerApplication = onSchool(
        .post, "/api/v1/applications", .personalFilesEdit,
        json: #"{"receivedOn": "2026-11-20", "applicantName": "Заявитель", "kind": "other", "summary": "Вопрос"}"#)
    static let decideApplication = onSchool(
        .post, "/api/v1/applications/{applicationID}/decision", .personalFilesEdit,
        uri: "/api/v1/applications/1/decision", json: #"{"status": "considered", "decidedOn": "2026-11-20"}"#)
    static let importPersonalFiles = onSchool(
        .post, "/api/v1/personal-files/import", .personalFilesEdit, uri: "/api/v1/personal-files/import?file=f.csv",
        json: "code,file_number,enrolled_on,enrolment_order,enrolment_order_date\n")
}

extension AccessMatrix {
    // MARK: The secretary's personal files and registers (issue 16)

    /// A student's personal file: the secretary and the administrator keep it (students'
    /// records are theirs; personal files are not special-category data), management reads it,
    /// and the class teacher reads their class's. Teachers otherwise, the families and the
    /// other specialists do not: a family gets its child's data through the subject-access
    /// export.
    static let secretary: [MatrixRow] =
        [Operation.personalFile, .certificatePDF].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: .school), .allowed(by: .school)],
                    .management: [.allowed(by: .school), .allowed(by: .school)],
                    .teacher: [.allowed(by: .ownClass), .refused], .student: [.refused, .refused],
                    .parent: [.refused, .refused], .secretary: [.allowed(by: .school), .allowed(by: .school)],
                    .medical: [.refused, .refused], .psychologist: [.refused, .refused], .hr: [.refused, .refused],
                ])
        }
        + [
            Operation.savePersonalFile, .transferStudent, .addStudentDocument, .issueCertificate,
            .returnStudentDocument,
        ].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: .school), .allowed(by: .school)],
                    .management: [.refused, .refused], .teacher: [.refused, .refused], .student: [.refused, .refused],
                    .parent: [.refused, .refused], .secretary: [.allowed(by: .school), .allowed(by: .school)],
                    .medical: [.refused, .refused], .psychologist: [.refused, .refused], .hr: [.refused, .refused],
                ])
        }
        + [
            Operation.secretaryDay, .listApplications, .applicationsCSV, .listCertificates, .certificatesCSV,
            .alphabetBook, .alphabetBookCSV,
        ].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)],
                    .teacher: [.refused], .student: [.refused], .parent: [.refused],
                    .secretary: [.allowed(by: .school)], .medical: [.refused], .psychologist: [.refused],
                    .hr: [.refused],
                ])
        }
        + [Operation.registerApplication, .decideApplication, .importPersonalFiles].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: .school)], .management: [.refused], .teacher: [.refused],
                    .student: [.refused], .parent: [.refused], .secretary: [.allowed(by: .school)],
                    .medical: [.refused], .psychologist: [.refused], .hr: [.refused],
                ])
        }
}
