import Foundation
import GRDB
import JournalModel

/// The database's connections as the rest of the store uses them: every SQLite failure that is
/// no fault of the request — busy, read-only, full, damaged, an I/O error — leaves the store as
/// a ``StorageFailure`` naming the file, never as a bare `DatabaseError`. Errors the bodies
/// throw themselves pass through untouched.
struct GuardedConnections: Sendable {
    let raw: any DatabaseWriter
    /// The file, or a description of an in-memory database.
    let path: String

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await raw.read(body) } catch { throw StorageFailure.classify(error, path: path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try raw.read(body) } catch { throw StorageFailure.classify(error, path: path) }
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await raw.write(body) } catch { throw StorageFailure.classify(error, path: path) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try raw.write(body) } catch { throw StorageFailure.classify(error, path: path) }
    }

    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try raw.writeWithoutTransaction(body) } catch {
            throw StorageFailure.classify(error, path: path)
        }
    }
}

extension StorageFailure {
    /// The storage failure an SQLite error stands for, or the error itself when it is the
    /// request's own (a constraint, a misuse) or not SQLite's at all.
    static func classify(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        let cause = "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StorageFailure.busy(cause: cause)
        case .SQLITE_READONLY, .SQLITE_PERM: return StorageFailure.readOnly(path: path, cause: cause)
        case .SQLITE_FULL: return StorageFailure.full(path: path, cause: cause)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return StorageFailure.corrupt(path: path, cause: cause)
        case .SQLITE_IOERR, .SQLITE_CANTOPEN:
            // A full disk often shows as a failed write or fsync rather than SQLITE_FULL.
            if DatabaseFile.freeBytes(near: path).map({ $0 < 1 << 20 }) ?? false {
                return StorageFailure.full(path: path, cause: cause)
            }
            return StorageFailure.io(path: path, cause: cause)
        default: return error
        }
    }
}
