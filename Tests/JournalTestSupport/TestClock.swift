public import Foundation
import Synchronization

/// The instant a test school's service sees: it stands still at ``TestSchool/noon`` until the
/// test moves it.
public final class TestClock: Sendable {
    private let instant: Mutex<Date>

    public init(_ start: Date = TestSchool.noon) { instant = Mutex(start) }

    public var now: Date { instant.withLock { $0 } }

    /// Moves the clock by `seconds`, backwards for a negative number.
    public func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
