/// The resources one evaluation may use.
public struct LuaLimits: Sendable, Hashable {
    /// Lua VM instructions, plus the work that library functions do on the script's behalf.
    public var instructions: Int
    /// Bytes the evaluation may allocate beyond what the state held when it started.
    public var memoryBytes: Int
    /// Wall-clock time.
    public var timeout: Duration

    public init(instructions: Int = 10_000_000, memoryBytes: Int = 32 << 20, timeout: Duration = .seconds(1)) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
        self.timeout = timeout
    }

    /// 10 million instructions, 32 MiB, 1 second.
    public static let `default` = LuaLimits()
}
