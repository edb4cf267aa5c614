import Foundation
import GRDB
import JournalModel
import JournalService
import JournalTestSupport
import Synchronization
import Testing

@testable import JournalStore

/// `journal backup` copies a database that is being written to into a sound file of one
/// moment; `journal restore` puts only a sound backup of a known schema in place, never half
/// of one.
@Suite struct BackupRestoreTests {
    static func count(_ table: String, in path: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test func aBackupWhileWritesGoOnIsASoundCopyOfOneMoment() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        let backup = school.file("backup.sqlite")
        // Writes go on all through the copy (up to a bound, so that a copy started over at
        // every write still ends).
        let copying = Atomic<Bool>(true)
        let started = Atomic<Int>(0)
        let writer = Task {
            var written = 0
            while copying.load(ordering: .relaxed) && written < 400 {
                _ = try await school.service.postMark(
                    MarkDraft(workID: school.test.id!, studentID: school.students[written % 3].id!, value: "5"),
                    caller: .system("load"))
                written += 1
                started.store(written, ordering: .relaxed)
            }
            return written
        }
        while started.load(ordering: .relaxed) < 3 { try await Task.sleep(for: .milliseconds(5)) }
        let report = try await Task.detached {
            try JournalService.backup(
                database: school.path, to: backup, pace: BackupPace(pagesPerStep: 4, pause: .milliseconds(2)))
        }.value
        copying.store(false, ordering: .relaxed)
        let written = try await writer.value
        #expect(report.pages > 0 && report.steps > 1)
        // One pass over the pages of one moment: the writes never started the copy over.
        #expect(report.steps == (report.pages + 3) / 4, "\(report.steps) steps for \(report.pages) pages")
        #expect(report.migrations == JournalDatabase.knownMigrations)
        // Every mark of the copy has its audit entry: a moment, not a mix.
        let marks = try Self.count("mark", in: backup)
        let audited = try Self.count("audit WHERE entity = 'mark'", in: backup)
        #expect(marks == audited)
        #expect(marks > 0 && marks < written, "some marks before the copy's moment, some after")
        try JournalDatabase.verify(backup)
    }

    @Test func aBackupNeverOverwritesAFile() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        let existing = school.file("existing.sqlite")
        _ = FileManager.default.createFile(atPath: existing, contents: Data("keep me".utf8))
        #expect(throws: DatabaseFileError.self) { try JournalService.backup(database: school.path, to: existing) }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
        #expect(throws: DatabaseFileError.self) {
            try JournalService.backup(database: school.path, to: school.file("no/such/dir/backup.sqlite"))
        }
    }

    /// What a refused restore leaves: the database as it was, and nothing beside it.
    static func expectUntouched(_ school: TestSchool, _ before: Data, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        #expect(try Data(contentsOf: URL(fileURLWithPath: school.path)) == before, sourceLocation: sourceLocation)
        let stray = try FileManager.default.contentsOfDirectory(atPath: school.directory!.path)
            .filter { $0.contains(".partial-") || $0.contains("before-restore") }
        #expect(stray.isEmpty, "\(stray)", sourceLocation: sourceLocation)
    }

    @Test func aDamagedBackupIsRefusedAndTheDatabaseKept() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        let backup = school.file("backup.sqlite")
        _ = try JournalService.backup(database: school.path, to: backup)
        let root = try await school.service.database.read { reader in
            try Int.fetchOne(reader.db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'audit'")
        }
        try school.service.database.checkpoint()
        try school.close()
        try StorageFailureTests.damage(page: try #require(root), of: backup)
        let before = try Data(contentsOf: URL(fileURLWithPath: school.path))
        #expect {
            try JournalService.restore(from: backup, to: school.path)
        } throws: { "\($0)".contains("\(backup) is damaged") }
        try Self.expectUntouched(school, before)
    }

    @Test func aBackupOfANewerVersionOrAnotherProgramIsRefused() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try school.service.database.checkpoint()
        try school.close()
        let newer = school.file("newer.sqlite")
        _ = try JournalService.backup(database: school.path, to: newer)
        let queue = try DatabaseQueue(path: newer)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99 from the future')")
        }
        try queue.close()
        // A newer version's database is backed up all the same; restoring it is what is refused.
        let newerCopy = school.file("newer-copy.sqlite")
        let copied = try JournalService.backup(database: newer, to: newerCopy)
        #expect(copied.migrations.last == "v99 from the future")
        let foreign = school.file("foreign.sqlite")
        let other = try DatabaseQueue(path: foreign)
        try await other.write { db in try db.execute(sql: "CREATE TABLE note (text TEXT)") }
        try other.close()
        let empty = school.file("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        let before = try Data(contentsOf: URL(fileURLWithPath: school.path))
        for (backup, words) in [
            (newer, "written by a newer version"), (newerCopy, "written by a newer version"),
            (foreign, "another program"), (empty, "empty file (0 bytes)"),
            (school.file("missing.sqlite"), "no such database"),
        ] {
            #expect("\(backup)") {
                try JournalService.restore(from: backup, to: school.path)
            } throws: { "\($0)".contains(words) }
        }
        try Self.expectUntouched(school, before)
    }

    @Test func aRestoreKeepsTheReplacedDatabaseAsideWithItsLog() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        let backup = school.file("backup.sqlite")
        _ = try JournalService.backup(database: school.path, to: backup)
        _ = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: school.students[0].id!, value: "5"), caller: .system("after"))
        try school.close()
        let report = try JournalService.restore(from: backup, to: school.path)
        let aside = try #require(report.keptAside)
        #expect(try Self.count("mark", in: school.path) == 0)
        #expect(try Self.count("mark", in: aside) == 1)
        #expect(!FileManager.default.fileExists(atPath: school.path + "-wal"), "no log of the old file is applied")
        // The restored school opens and serves.
        let service = try JournalService.open(path: school.path, now: { TestSchool.noon }, mustExist: true)
        try service.checkDatabase()
        #expect(try await service.school().name == TestSchool.name)
    }
}
