import JournalModel
import Synchronization

/// Stops calling one version's rules for a while once its calls keep running into their
/// limits: a rule that loops on the school's data then costs each page nothing instead of its
/// budget, and the server's CPU stays with the people using it. After the pause the rules
/// are tried again; if they still run into their limits, the pause starts over.
public final class RuleBreaker: Sendable {
    public struct Policy: Sendable {
        /// Calls stopped by a limit…
        public var failures: Int
        /// …within this time open the breaker…
        public var window: Duration
        /// …for this long.
        public var pause: Duration

        public init(failures: Int = 20, window: Duration = .seconds(30), pause: Duration = .seconds(30)) {
            self.failures = failures
            self.window = window
            self.pause = pause
        }
    }

    private struct State {
        var recent: [ContinuousClock.Instant] = []
        var openUntil: ContinuousClock.Instant?
    }

    public let policy: Policy
    private let state = Mutex(State())

    public init(policy: Policy = Policy()) { self.policy = policy }

    /// Whether calls are paused now, and until when.
    public var pausedFor: Duration? {
        state.withLock { state in
            guard let until = state.openUntil else { return nil }
            let left = until - ContinuousClock.now
            return left > .zero ? left : nil
        }
    }

    /// Throws, without running anything, while the breaker is open.
    func check(_ file: String, version: Int64?) throws {
        guard let left = pausedFor else { return }
        let seconds = Int(left.components.seconds) + 1
        throw RulesError(
            file: file,
            .init(
                "rules.rule_breaker.1",
                [
                    "v1": "\(version.map { " of version \($0)" } ?? "")", "v2": "\(seconds)",
                    "v3": "\(policy.failures)", "v4": "\(policy.window)",
                ]))
    }

    /// Notes a call that a limit stopped; opens the breaker when there were too many lately.
    func recordLimit() {
        let now = ContinuousClock.now
        state.withLock { state in
            state.recent.removeAll { now - $0 > policy.window }
            state.recent.append(now)
            if state.recent.count >= policy.failures {
                state.openUntil = now.advanced(by: policy.pause)
                state.recent.removeAll()
            }
        }
    }
}
