import Synchronization

/// The source of one script and the name errors call it by (`scales/five.lua`).
///
/// Each script gets a process-unique identity, so that every pooled state compiles it once
/// and finds it again cheaply.
public final class LuaScript: Sendable, CustomStringConvertible {
    /// Scripts larger than this are refused before they are parsed.
    public static let maximumSourceBytes = 256 * 1024

    public let name: String
    public let source: String
    let identity: UInt64

    private static let counter = Atomic<UInt64>(0)

    public init(name: String, source: String) {
        self.name = name
        self.source = source
        self.identity = Self.counter.add(1, ordering: .relaxed).newValue
    }

    public var description: String { name }
}
