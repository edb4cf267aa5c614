/// The database could not do what was asked, for a reason outside the request: another
/// process holds it, the disk is full, the file is read-only or damaged. The description is
/// for the operator (the server's log, the console): which failure, which file and what to do.
/// `cause` keeps the database's own words.
public enum StorageFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another connection held the database longer than the wait allows; trying again helps.
    case busy(cause: String)
    /// The file (or its directory, where the write-ahead log lives) cannot be written.
    case readOnly(path: String, cause: String)
    /// The disk, or a limit on the file's size, left no room for the change.
    case full(path: String, cause: String)
    /// The file is not a sound SQLite database.
    case corrupt(path: String, cause: String)
    /// Reading or writing the file failed at the operating system's level.
    case io(path: String, cause: String)

    /// Whether trying again later may succeed without anyone acting.
    public var isTransient: Bool {
        if case .busy = self { return true }
        return false
    }

    /// A key of `Localization` with the words for the people who meet it in a page or an answer.
    public var localizationKey: String {
        switch self {
        case .busy: "storage.busy"
        case .readOnly: "storage.read_only"
        case .full: "storage.full"
        case .corrupt: "storage.corrupt"
        case .io: "storage.io"
        }
    }

    /// The database's own words for the failure.
    public var cause: String {
        switch self {
        case .busy(let cause), .readOnly(_, let cause), .full(_, let cause), .corrupt(_, let cause),
            .io(_, let cause):
            cause
        }
    }

    public var description: String {
        switch self {
        case .busy(let cause):
            "the database is busy: another process (a backup, an import, a second server) held it longer than "
                + "the wait allows; try again in a few seconds (\(cause))"
        case .readOnly(let path, let cause):
            "the database \(path) is read-only for this process: make the file and its directory writable by the "
                + "user the server runs as (the directory holds the -wal and -shm files), then try again (\(cause))"
        case .full(let path, let cause):
            "no room to write the database \(path): the disk (or a quota) is full; free space on its file "
                + "system, then try again (\(cause))"
        case .corrupt(let path, let cause):
            "the database \(path) is damaged: stop the server, keep a copy of the file, and restore the last "
                + "backup with `journal restore --from BACKUP --db \(path)` (\(cause))"
        case .io(let path, let cause):
            "the database \(path) could not be read or written (a disk or file system error): check the disk "
                + "and the system log, then start again (\(cause))"
        }
    }
}
