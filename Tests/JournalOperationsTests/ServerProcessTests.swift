import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real `journal serve` on a temporary database: written to through the API, backed up while
/// it serves, killed with -9, started again and restored from the backup — and what each
/// database holds afterwards.
@Suite struct ServerProcessTests {
    /// The marks of the fixture's test work, by student, as the file holds them now.
    static func marks(in path: String) throws -> [(student: Int64, value: String, createdAt: String)] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT studentID, value, createdAt FROM mark ORDER BY id").map {
                (student: $0["studentID"], value: $0["value"], createdAt: $0["createdAt"])
            }
        }
    }

    static func postMark(_ server: ServerProcess, _ school: FileSchool, token: String, student: Int, value: String)
        throws -> ServerProcess.Answer
    {
        try server.request(
            "POST", "/api/v1/marks", token: token,
            json:
                #"{"workID": \#(school.test), "studentID": \#(school.students[student]), "value": "\#(value)", "isDebt": false}"#
        )
    }

    @Test func aBackupMadeWhileServingSurvivesKillNineAndIsRestored() async throws {
        let school = try await FileSchool.make()
        defer { school.cleanUp() }
        try school.close()
        let backup = school.file("backup.sqlite")

        // Serve as if it were 2026-11-20 and write through the API.
        var server = try await ServerProcess(
            database: school.path, arguments: ["--today", "2026-11-20"], log: URL(fileURLWithPath: school.file("1.log"))
        )
        var token = try server.signIn()
        for (student, value) in [(0, "5"), (1, "4"), (2, "3")] {
            let answer = try Self.postMark(server, school, token: token, student: student, value: value)
            #expect(answer.status == 201, "\(answer.body)")
        }

        // Back up while it serves; then write once more, after the backup.
        let backedUp = try await JournalProcess.run(["backup", "--db", school.path, "--out", backup])
        #expect(backedUp.status == 0, "\(backedUp.errors)")
        #expect(backedUp.output.contains("integrity check: ok"), "\(backedUp.output)")
        #expect(try Self.postMark(server, school, token: token, student: 0, value: "2").status == 201)

        // A restore is refused while the server has the database open, and says how to stop it.
        let refused = try await JournalProcess.run(["restore", "--from", backup, "--db", school.path])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("is open in process \(server.pid)"), "\(refused.errors)")
        #expect(refused.errors.contains("kill \(server.pid)"))

        // kill -9: no shutdown at all. Every answered write is in the database, started again.
        try await server.stop(SIGKILL)
        server = try await ServerProcess(
            database: school.path, arguments: ["--today", "2026-11-20"], log: URL(fileURLWithPath: school.file("2.log"))
        )
        token = try server.signIn()
        let survived = try server.request("GET", "/api/v1/assignments/\(school.assignment)/journal", token: token)
        #expect(survived.status == 200)
        #expect((survived.json["marks"] as? [Any])?.count == 4, "the four marks answered before kill -9")
        try await server.stop(SIGKILL)

        // The restore puts the backup in place: the three marks of before it, stamped with the
        // day the server followed; the database it replaced is kept aside.
        let restored = try await JournalProcess.run(["restore", "--from", backup, "--db", school.path])
        #expect(restored.status == 0, "\(restored.errors)")
        #expect(restored.output.contains("before-restore-"), "\(restored.output)")
        let marks = try Self.marks(in: school.path)
        #expect(marks.map(\.value) == ["5", "4", "3"])
        // Stored in UTC: 20 November in Moscow is from 21:00 UTC of the 19th to 21:00 of the 20th.
        #expect(
            marks.allSatisfy { $0.createdAt >= "2026-11-19 21:00" && $0.createdAt < "2026-11-20 21:00" },
            "\(marks.map(\.createdAt))")
        let aside = try FileManager.default.contentsOfDirectory(atPath: school.directory.path)
            .filter { $0.hasPrefix("school.sqlite.before-restore-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        #expect(aside.count == 1)
        #expect(try Self.marks(in: school.file(try #require(aside.first))).count == 4)

        // And it serves again, as restored.
        server = try await ServerProcess(
            database: school.path, arguments: ["--today", "2026-11-20"], log: URL(fileURLWithPath: school.file("3.log"))
        )
        token = try server.signIn()
        let journal = try server.request("GET", "/api/v1/assignments/\(school.assignment)/journal", token: token)
        #expect((journal.json["marks"] as? [Any])?.count == 3)
        try await server.stop(SIGTERM)
    }

    @Test func aGracefulShutdownLeavesTheSchoolInTheDatabaseFileAlone() async throws {
        let school = try await FileSchool.make()
        defer { school.cleanUp() }
        try school.close()
        let server = try await ServerProcess(
            database: school.path, arguments: ["--today", "2026-11-20"], log: URL(fileURLWithPath: school.file("1.log"))
        )
        let token = try server.signIn()
        #expect(try Self.postMark(server, school, token: token, student: 1, value: "5").status == 201)
        let wal = school.path + "-wal"
        #expect((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0) > 0)
        try await server.stop(SIGTERM)
        #expect(server.process.terminationStatus == 0, "\(server.logText)")
        let left = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(left == 0, "the write-ahead log was checkpointed into the file and emptied")
        // The file alone holds the mark: a copy of it without the log has it.
        let copy = school.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: school.path, toPath: copy)
        #expect(try Self.marks(in: copy).map(\.value) == ["5"])
    }
}
