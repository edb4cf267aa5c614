import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalServer
import JournalService
import JournalTestSupport
import NIOCore
import Testing

@testable import JournalStore

/// A database that fails — busy, read-only, full, damaged — is answered 503 with words that
/// say which failure it is and what to do (and `Retry-After` where waiting helps), never the
/// generic 500 "something went wrong".
@Suite(.serialized) struct StorageFailureTests {
    struct Answer {
        var status: HTTPResponse.Status
        var retryAfter: String?
        var problem: [String: Any]
        var type: String { problem["type"] as? String ?? "" }
        var detail: String { problem["detail"] as? String ?? "" }
    }

    /// Signs the teacher in and posts a mark for the first student, in English.
    static func postMark(_ client: some TestClientProtocol, _ school: TestSchool, token: String, value: String = "5")
        async throws -> Answer
    {
        let body =
            #"{"workID": \#(school.test.id!), "studentID": \#(school.students[0].id!), "value": "\#(value)", "isDebt": false}"#
        return try await client.execute(
            uri: "/api/v1/marks", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json", .acceptLanguage: "en"],
            body: ByteBuffer(string: body)
        ) { response in
            let json =
                (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
            return Answer(status: response.status, retryAfter: response.headers[.retryAfter], problem: json ?? [:])
        }
    }

    static func signIn(_ client: some TestClientProtocol) async throws -> String {
        let body = #"{"login": "\#(Person.teacher.login)", "password": "\#(TestSchool.password)"}"#
        return try await client.execute(
            uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: body)
        ) { response in
            let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            return try #require(json?["token"] as? String, "signing in: \(String(buffer: response.body))")
        }
    }

    static func application(_ school: TestSchool) -> some ApplicationProtocol {
        buildApplication(service: school.service, configuration: ServerConfiguration())
    }

    @Test func aDatabaseHeldByAnotherProcessIsA503WithRetryAfter() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        // The server waits a tenth of a second for the lock instead of five.
        try school.service.database.unauditedWrite { db in try db.execute(sql: "PRAGMA busy_timeout = 100") }
        // Another process's connection, holding the write lock across calls.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: school.path, configuration: configuration)
        try await Self.application(school).test(.router) { client in
            let token = try await Self.signIn(client)
            try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            let busy = try await Self.postMark(client, school, token: token)
            #expect(busy.status == .serviceUnavailable, "\(busy.problem)")
            #expect(busy.retryAfter == "5")
            #expect(busy.type == "/problems/database-busy")
            #expect(busy.detail.contains("nothing was saved") && busy.detail.contains("Try again"))
            try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            #expect(try await Self.postMark(client, school, token: token).status == .created)
        }
    }

    @Test func aReadOnlyDatabaseSaysSoAndWhatToDo() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try await Self.application(school).test(.router) { client in
            let token = try await Self.signIn(client)
            try school.service.database.unauditedWrite { db in try db.execute(sql: "PRAGMA query_only = 1") }
            let refused = try await Self.postMark(client, school, token: token)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.retryAfter == nil, "waiting does not make a file writable")
            #expect(refused.type == "/problems/database-read-only")
            #expect(refused.detail.contains("read-only") && refused.detail.contains("write the database file"))
        }
    }

    @Test func aFullDiskSaysSoAndWhatToDo() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try await Self.application(school).test(.router) { client in
            let token = try await Self.signIn(client)
            // The file may not grow: the next page it needs is refused as a full disk would be.
            try school.service.database.unauditedWrite { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
                try db.execute(sql: "PRAGMA max_page_count = \(pages)")
            }
            var answer = try await Self.postMark(client, school, token: token)
            var attempts = 1
            while answer.status == .created && attempts < 500 {
                answer = try await Self.postMark(client, school, token: token, value: ["5", "4", "3"][attempts % 3])
                attempts += 1
            }
            #expect(answer.status == .serviceUnavailable, "after \(attempts) marks")
            #expect(answer.type == "/problems/database-full")
            #expect(answer.retryAfter == nil)
            #expect(answer.detail.contains("no room on the disk") && answer.detail.contains("free space"))
        }
    }

    @Test func aDamagedDatabaseSaysSoAndHowToRestore() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        _ = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: school.students[0].id!, value: "5"),
            caller: .system("fixture"))
        try school.service.database.checkpoint()
        let markRoot = try await school.service.database.read { reader in
            try Int.fetchOne(reader.db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'mark'")
        }
        try school.close()
        try Self.damage(page: try #require(markRoot), of: school.path)
        // Opened again without the start-up check, as a server that was running when the disk
        // went bad would read it.
        let damaged = try JournalService.open(path: school.path, now: { TestSchool.noon }, mustExist: true)
        let app = buildApplication(service: damaged, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let token = try await Self.signIn(client)
            let uri = "/api/v1/assignments/\(school.assignment.id!)/journal"
            try await client.execute(
                uri: uri, method: .get, headers: [.authorization: "Bearer \(token)", .acceptLanguage: "ru"]
            ) { response in
                #expect(response.status == .serviceUnavailable)
                let text = String(buffer: response.body)
                #expect(text.contains("/problems/database-corrupt"), "\(text)")
                #expect(text.contains("journal restore"))
                #expect(text.contains("База данных повреждена"))
            }
        }
        #expect(throws: DatabaseFileError.self) { try damaged.checkDatabase() }
    }

    /// Overwrites a page of the file with bytes SQLite cannot read as a b-tree page.
    static func damage(page: Int, of path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.synchronize()
    }
}
