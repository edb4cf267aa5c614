public import Foundation
public import JournalService
import JournalStore

/// A school in a database file (``TestSchool/Storage/temporaryFile``): what the operations
/// tests back up, damage, restore and serve from a real `journal serve`.
extension TestSchool {
    /// A new, empty directory of its own in the system's temporary directory; the caller removes it.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("journal-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The path of the database file.
    public var path: String { file("school.sqlite") }

    /// The path of another file in the school's directory.
    public func file(_ name: String) -> String {
        guard let directory else {
            preconditionFailure("this school is in memory; build it with storage: .temporaryFile")
        }
        return directory.appendingPathComponent(name).path
    }

    /// Another service on the database file, with the school's clock, as another process would
    /// open it: its own connections, its own caches.
    public func openAgain() throws -> JournalService {
        JournalService(database: try JournalDatabase.open(path: path, now: { [clock] in clock.now }))
    }

    /// Closes the database, so that another process may have the file to itself.
    public func close() throws { try service.database.close() }

    /// Removes the school's directory; a school in memory has none.
    public func cleanUp() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }
}
