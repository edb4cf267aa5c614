import Foundation
import JournalModel
import JournalStore
import Synchronization

/// Follows the journal's committed changes — this process's and those of any other process
/// on the same database file (`journal rules activate`, `journal import`, a second server) —
/// through the audit log, and keeps the versions the service's caches compare. A version is
/// the id of the newest audit entry that could have changed what a cache holds: it only ever
/// grows, so a cache entry stamped with it is stale as soon as it differs.
final class ChangeTracker: Sendable {
    struct Versions: Sendable {
        /// The newest audit entry applied; -1 before the first look.
        var seen: Int64 = -1
        /// This process's commits already looked at.
        var localCommits: UInt64 = 0
        /// Who may see what.
        var access: Int64 = 0
        /// The school's rules.
        var rules: Int64 = 0
        /// Reference data every page may show (subjects, staff, bells, the school itself).
        var school: Int64 = 0
        /// One student's own data, and one teaching assignment's lessons and works.
        var students: [StudentID: Int64] = [:]
        var assignments: [AssignmentID: Int64] = [:]
    }

    private let versions = Mutex(Versions())
    /// A random value of this process, for tags built from versions: they never repeat across
    /// restarts, nor after a database is restored from an older backup.
    let boot = UUID().uuidString.prefix(8).lowercased()

    /// More changes than this at once (an import) count as a change of everything.
    static let batchLimit = 5000

    var current: Versions { versions.withLock { $0 } }

    /// Reads and applies what was committed since the last look. Cheap when nothing was: one
    /// indexed read of the newest audit id (reads in WAL mode never wait for writers). Looks
    /// are serialized, so no change is skipped between two of them.
    func refresh(_ database: JournalDatabase) throws {
        try versions.withLock { versions in
            let local = database.localCommits
            try database.readNow { reader in
                let latest = try reader.latestChange()
                defer { versions.localCommits = local }
                guard latest > versions.seen else { return }
                let changes = versions.seen < 0 ? [] : try reader.changes(after: versions.seen, limit: Self.batchLimit)
                guard versions.seen >= 0, changes.count < Self.batchLimit else {
                    // The first look, or too much at once: everything is as new as the newest entry.
                    versions = Versions(seen: latest, access: latest, rules: latest, school: latest)
                    return
                }
                for change in changes {
                    switch change.area {
                    case .access: versions.access = change.id
                    case .rules: versions.rules = change.id
                    case .student(let id): versions.students[id] = change.id
                    case .assignment(let id): versions.assignments[id] = change.id
                    case .account: break
                    case .school: versions.school = change.id
                    }
                }
                versions.seen = latest
            }
        }
    }

    /// Refreshes only when this process committed something since the last look: for caches
    /// consulted within a request, after the request itself has refreshed.
    func refreshIfWritten(_ database: JournalDatabase) throws {
        let pending = versions.withLock { $0.seen < 0 || $0.localCommits != database.localCommits }
        if pending { try refresh(database) }
    }

    /// What a student's diary shows may have changed since this version: their own data, the
    /// lessons and works of their assignments, the reference data and the rules, and who
    /// teaches them (access).
    func diaryVersion(student: StudentID, assignments: some Sequence<AssignmentID>) -> Int64 {
        versions.withLock { versions in
            var newest = max(versions.school, versions.rules, versions.access, versions.students[student] ?? 0)
            for id in assignments { newest = max(newest, versions.assignments[id] ?? 0) }
            return newest
        }
    }
}
