import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalTestSupport
import Testing

@Suite("The secretary's JSON API (issue 16)")
struct SecretaryAPITests {
    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    @Test func aFileATransferAndTheRegistersOverJSON() async throws {
        let school = try await TestSchool.make([.fiveA, .sixB], signingIn: [.secretary])
        let anna = school.students[0].id!
        let token = school.token(.secretary)
        try await school.application().test(.router) { client in
            let saved = try await client.send(
                .put, "/api/v1/students/\(anna)/personal-file", token: token,
                json:
                    #"{"fileNumber": "И-1", "enrolledOn": "2022-09-01", "enrolmentOrder": "45-у", "enrolmentOrderDate": "2022-08-25"}"#
            )
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(try json(saved)["fileNumber"] as? String == "И-1")
            let missing = try await client.send(
                .put, "/api/v1/students/\(anna)/personal-file", token: token,
                json:
                    #"{"fileNumber": "И-1", "enrolledOn": "2022-09-01", "enrolmentOrder": "", "enrolmentOrderDate": "2022-08-25"}"#
            )
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("enrolmentOrder"), "\(missing.text)")

            let transfer = try await client.send(
                .post, "/api/v1/students/\(anna)/transfer", token: token,
                json: #"{"toClass": "6Б", "date": "2026-11-20", "order": "101-у", "orderDate": "2026-11-19"}"#)
            #expect(transfer.status == .created, "\(transfer.text)")
            #expect(try json(transfer)["toClassName"] as? String == "6Б")

            let file = try json(try await client.send(.get, "/api/v1/students/\(anna)/personal-file", token: token))
            #expect(file["className"] as? String == "6Б")
            #expect((file["transfers"] as? [Any])?.count == 1)

            let application = try await client.send(
                .post, "/api/v1/applications", token: token,
                json:
                    #"{"receivedOn": "2026-11-19", "applicantName": "Иванова Елена", "kind": "certificate", "studentID": \#(anna), "summary": "Справка"}"#
            )
            #expect(application.status == .created, "\(application.text)")
            #expect(try json(application)["number"] as? Int == 1)
            let register = try json(try await client.send(.get, "/api/v1/applications?year=2026", token: token))
            #expect((register["applications"] as? [Any])?.count == 1)
            #expect(try await client.send(.get, "/api/v1/applications?year=soon", token: token).status == .badRequest)

            let csv = try await client.send(.get, "/api/v1/alphabet-book/csv", token: token)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("И-1"))

            let bad = try await client.send(
                .post, "/api/v1/personal-files/import?file=files.csv", token: token,
                json:
                    "code,file_number,enrolled_on,enrolment_order,enrolment_order_date\nнет-такого,А-1,2022-09-01,1,2022-09-01\n"
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("files.csv:2"), "\(bad.text)")
        }
    }
}
