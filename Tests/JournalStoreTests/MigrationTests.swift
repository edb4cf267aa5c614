import Foundation
import GRDB
import JournalModel
import Testing

@testable import JournalStore

@Suite("Migrations")
struct MigrationTests {
    @Test func emptyDatabaseGetsEveryMigration() throws {
        let database = try JournalDatabase.inMemory()
        #expect(try database.appliedMigrations() == JournalDatabase.knownMigrations)
        #expect(JournalDatabase.knownMigrations.count >= 6)
    }

    /// Each migration applied to a database built by the ones before it, holding data, keeps
    /// that data and leaves a schema that passes SQLite's own checks.
    @Test(arguments: 1..<Migrations.names.count)
    func migrationUpgradesTheDatabaseOfThePreviousOne(index: Int) throws {
        let queue = try DatabaseQueue()
        let names = Migrations.names
        try Migrations.migrator.migrate(queue, upTo: names[index - 1])
        try queue.write { db in
            try db.execute(sql: "INSERT INTO school (name, timeZone) VALUES ('Школа', 'Europe/Moscow')")
            try db.execute(
                sql:
                    "INSERT INTO academicYear (title, startsOn, endsOn, isCurrent) VALUES ('2026/2027', '2026-09-01', '2027-08-31', 1)"
            )
            try db.execute(
                sql: "INSERT INTO staff (lastName, firstName, position) VALUES ('Петрова', 'Мария', 'учитель')")
        }
        try Migrations.migrator.migrate(queue, upTo: names[index])
        try queue.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "SELECT name FROM school") == "Школа")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff") == 1)
            #expect(try String.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
        }
        let database = try JournalDatabase(queue)
        #expect(try database.appliedMigrations() == names)
    }
}
