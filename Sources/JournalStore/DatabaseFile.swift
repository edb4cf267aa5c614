import Foundation
import GRDB
import JournalModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What is wrong with a database file, found before anything is written into it: in plain
/// words, with what to do.
public enum DatabaseFileError: Error, Sendable, CustomStringConvertible {
    /// The directory the file should be in does not exist.
    case noDirectory(path: String, directory: String)
    /// No file where a school's database was expected.
    case missing(path: String)
    /// A directory or a device where a database file was expected.
    case notAFile(path: String)
    /// A file of zero bytes: a truncated database or a wrong path, never a school.
    case empty(path: String)
    /// An SQLite database of another program.
    case foreign(path: String)
    /// Made by a newer SQLite journal: it knows migrations this build does not.
    case newerSchema(path: String, unknown: [String])
    /// SQLite's integrity check found damage.
    case damaged(path: String, problems: [String])
    /// Another process has the database open.
    case inUse(path: String, pid: Int32, command: String?)
    /// The file to write already exists.
    case exists(path: String)

    public var description: String {
        switch self {
        case .noDirectory(let path, let directory):
            "\(path): the directory \(directory) does not exist; create it (mkdir -p \(directory)) or give another path"
        case .missing(let path):
            "\(path): no such database; create one with `journal init --db \(path)`, or restore a backup with "
                + "`journal restore --from BACKUP --db \(path)`"
        case .notAFile(let path): "\(path) is a directory or a device, not a database file; give the file's path"
        case .empty(let path):
            "\(path) is an empty file (0 bytes), not a school's database: it was left untouched. Check the path; "
                + "restore a backup with `journal restore --from BACKUP --db \(path)`, or remove the empty file and "
                + "create a school with `journal init --db \(path)`"
        case .foreign(let path):
            "\(path) is an SQLite database of another program, not a school's journal; give the journal's file"
        case .newerSchema(let path, let unknown):
            "\(path) was written by a newer version of SchoolJournal (it has the changes "
                + unknown.map { "«\($0)»" }.joined(separator: ", ")
                + " that this version does not know); a database is never taken back to an older version: run the "
                + "newer version, or restore a backup made by this one"
        case .damaged(let path, let problems):
            "\(path) is damaged (SQLite's integrity check: \(problems.prefix(3).joined(separator: "; "))"
                + (problems.count > 3 ? "; …" : "") + "); keep a copy of the file and restore the last good backup "
                + "with `journal restore --from BACKUP --db \(path)`"
        case .inUse(let path, let pid, let command):
            "\(path) is open in process \(pid)" + (command.map { " (\($0))" } ?? "")
                + "; stop it first — `kill \(pid)` ends `journal serve` gracefully, or stop its service "
                + "(systemctl stop …) — then run this again"
        case .exists(let path): "\(path) already exists; give a new file name (nothing was overwritten)"
        }
    }
}

/// Checks of a database file from outside SQLite: where it is, whether it may be written,
/// whether anyone has it open, how much room is left beside it.
public enum DatabaseFile {
    /// Refuses a path that cannot hold a school's database, before SQLite creates or writes
    /// anything: a missing directory, a directory or device, a zero-byte file, a file or
    /// directory this process may not write (unless only `reading`). `mustExist`: the school
    /// must be there already.
    public static func preflight(path: String, mustExist: Bool, reading: Bool = false) throws {
        let directory = Self.directory(of: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw DatabaseFileError.noDirectory(path: path, directory: directory) }
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else { throw DatabaseFileError.notAFile(path: path) }
            if info.st_size == 0 && mustExist { throw DatabaseFileError.empty(path: path) }
            if reading {
                guard access(path, R_OK) == 0 else {
                    throw StorageFailure.io(
                        path: path, cause: "the file may not be read by user \(Self.userName): \(Self.errnoText())")
                }
                return
            }
            if access(path, W_OK) != 0 {
                throw StorageFailure.readOnly(
                    path: path, cause: "the file may not be written by user \(Self.userName): \(Self.errnoText())")
            }
        } else if mustExist {
            throw DatabaseFileError.missing(path: path)
        }
        if access(directory, W_OK) != 0 {
            throw StorageFailure.readOnly(
                path: path,
                cause: "its directory \(directory) may not be written by user \(Self.userName), and the -wal and -shm "
                    + "files live there: \(Self.errnoText())")
        }
    }

    /// The process that has the database at `path` open, if another one does. Every SQLite
    /// connection to a database in WAL mode holds a shared lock on the "DMS" byte of its -shm
    /// file while it is open (https://sqlite.org/walformat.html#the_shm_file); the kernel
    /// drops it when the process ends, even by kill -9. Locks of this process are not seen.
    public static func holder(of path: String) -> (pid: Int32, command: String?)? {
        let fd = open(path + "-shm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        // Closing the descriptor drops any lock this process holds on the file: the callers
        // (backup, restore) never have the database open themselves while they ask.
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128  // (22 + SQLITE_SHM_NLOCK) * 4 + SQLITE_SHM_NLOCK: the DMS byte
        lock.l_len = 1
        guard fcntl(fd, F_GETLK, &lock) == 0, lock.l_type != Int16(F_UNLCK) else { return nil }
        let pid = lock.l_pid
        let command = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")))
            .map { String(decoding: $0, as: UTF8.self).split(separator: "\0").joined(separator: " ") }
        return (pid, command?.isEmpty == false ? command : nil)
    }

    /// Refuses when another process has the database open (see ``holder(of:)``).
    public static func refuseIfInUse(_ path: String) throws {
        if let (pid, command) = holder(of: path) {
            throw DatabaseFileError.inUse(path: path, pid: pid, command: command)
        }
    }

    /// Bytes free to this process on the file system that holds `path`.
    static func freeBytes(near path: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(directory(of: path), &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }

    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// The size of a file, or nil when there is none.
    static func size(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }

    /// Flushes a file, or a directory's entries, to the disk.
    static func sync(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// The user this process runs as, by name when it has one.
    static var userName: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return String(geteuid()) }
        return String(cString: name)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
