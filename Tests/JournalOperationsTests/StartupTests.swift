import Foundation
import GRDB
import JournalService
import JournalTestSupport
import Testing

@testable import JournalStore

#if canImport(Glibc)
    import Glibc
#endif

/// `journal serve` refuses to start in plain words — the port, the file, what to do — and
/// before anything is written: a zero-byte file stays zero bytes.
@Suite struct StartupTests {
    static func serve(_ path: String, port: Int? = nil, asUser uid: UInt32? = nil) async throws
        -> JournalProcess.Outcome
    {
        let port = try port ?? JournalProcess.freePort()
        return try await JournalProcess.run(["serve", "--db", path, "--port", String(port)], asUser: uid)
    }

    @Test func aZeroByteFileIsRefusedAndLeftUntouched() async throws {
        let directory = try TestSchool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("school.sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let outcome = try await Self.serve(path)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("\(path) is an empty file (0 bytes)"), "\(outcome.errors)")
        #expect(outcome.errors.contains("journal restore"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(entries == ["school.sqlite"], "nothing beside it: no -wal, no -shm")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
    }

    @Test func aDirectoryThatDoesNotExistIsNamed() async throws {
        let directory = try TestSchool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("no/such/place")
        for arguments in [
            ["serve", "--db", missing.appendingPathComponent("school.sqlite").path, "--port", "1"],
            ["init", "--db", missing.appendingPathComponent("school.sqlite").path, "--name", "Школа"],
        ] {
            let outcome = try await JournalProcess.run(arguments)
            #expect(outcome.status != 0)
            #expect(
                outcome.errors.contains("the directory \(missing.path) does not exist"),
                "\(arguments[0]): \(outcome.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("no").path))
    }

    @Test func aBusyPortIsNamedWithWhatToDo() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try school.close()
        let holder = try ListeningSocket(port: 0)
        defer { holder.close() }
        let outcome = try await Self.serve(school.path, port: holder.port)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("port \(holder.port) is already in use"), "\(outcome.errors)")
        #expect(outcome.errors.contains("--port"))
    }

    @Test func aReadOnlyDatabaseFileIsRefusedInPlainWords() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try school.close()
        // Root may write any file: the server then runs as nobody, who may only read it.
        let asRoot = getuid() == 0
        if !asRoot { chmod(school.path, 0o444) }
        let outcome = try await Self.serve(school.path, asUser: asRoot ? 65534 : nil)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("\(school.path) is read-only for this process"), "\(outcome.errors)")
        #expect(outcome.errors.contains("make the file and its directory writable"))
    }

    @Test func aDatabaseOfANewerVersionIsRefusedNotMigratedBack() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try school.close()
        let queue = try DatabaseQueue(path: school.path)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 a change from the future')")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: school.path))
        let outcome = try await Self.serve(school.path)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("written by a newer version of SchoolJournal"), "\(outcome.errors)")
        #expect(outcome.errors.contains("«v99 a change from the future»"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: school.path)) == before)
    }

    @Test func aDamagedDatabaseIsRefusedBeforeServing() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        let root = try await school.service.database.read { reader in
            try Int.fetchOne(reader.db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'student'")
        }
        try school.service.database.checkpoint()
        try school.close()
        try StorageFailureTests.damage(page: try #require(root), of: school.path)
        let outcome = try await Self.serve(school.path)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("\(school.path) is damaged"), "\(outcome.errors)")
        #expect(outcome.errors.contains("journal restore --from BACKUP --db \(school.path)"))
    }
}
