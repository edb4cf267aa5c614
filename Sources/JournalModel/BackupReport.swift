/// What a backup or a restore did.
public struct BackupReport: Sendable {
    /// The file written.
    public var path: String
    public var bytes: Int64
    public var pages: Int
    /// How many steps the online backup took.
    public var steps: Int
    public var seconds: Double
    /// The migrations the copy holds, oldest first.
    public var migrations: [String]
    /// For a restore: where the database it replaced was kept, with its -wal.
    public var keptAside: String?

    public init(
        path: String, bytes: Int64, pages: Int, steps: Int, seconds: Double, migrations: [String],
        keptAside: String? = nil
    ) {
        (self.path, self.bytes, self.pages, self.steps, self.seconds) = (path, bytes, pages, steps, seconds)
        (self.migrations, self.keptAside) = (migrations, keptAside)
    }
}

/// How the online backup copies: pages per step and the pause between steps. Each step runs
/// in the same read transaction, so the copy is of one moment whatever is written meanwhile
/// and, in WAL mode, writers never wait for it; the pauses only leave the disk to them.
public struct BackupPace: Sendable {
    public var pagesPerStep: Int32
    public var pause: Duration

    public init(pagesPerStep: Int32, pause: Duration) {
        self.pagesPerStep = pagesPerStep
        self.pause = pause
    }

    /// 4 MiB of 4 KiB pages per step, 2 ms apart.
    public static let gentle = BackupPace(pagesPerStep: 1024, pause: .milliseconds(2))
    /// Everything in one step.
    public static let oneStep = BackupPace(pagesPerStep: -1, pause: .zero)
}
