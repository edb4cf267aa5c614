import Foundation
import Synchronization

/// Failed sign-ins in a row for every login tried, whether or not an account has it, and the
/// lock they lead to (``SessionPolicy``: five failures lock for 30 seconds, doubling up to an
/// hour). Keeping them for unknown logins too is what makes the answers alike: a sixth wrong
/// password is refused as locked for a login nobody has just as for a real one.
///
/// The count of a login is forgotten `maximumLock` after its last failure or the end of its
/// lock, whichever is later. At most `capacity` logins are kept; beyond it the forgotten go
/// first, then those whose last failure is oldest.
final class SignInFailures: Sendable {
    struct Entry: Sendable, Equatable {
        var failures: Int
        var lockedUntil: Date?
        var lastFailure: Date
    }

    let policy: SessionPolicy
    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(policy: SessionPolicy, capacity: Int = 20_000) {
        self.policy = policy
        self.capacity = max(capacity, 1)
    }

    /// When the login's lock ends, if it is locked at `now`.
    func lockedUntil(_ login: String, now: Date) -> Date? {
        entries.withLock { entries in
            guard let until = entries[login]?.lockedUntil, until > now else { return nil }
            return until
        }
    }

    /// Counts a failure and returns the login's count and lock after it.
    @discardableResult
    func recordFailure(_ login: String, now: Date) -> Entry {
        entries.withLock { entries in
            var entry =
                entries[login].flatMap { isForgotten($0, now: now) ? nil : $0 }
                ?? Entry(failures: 0, lockedUntil: nil, lastFailure: now)
            entry.failures += 1
            entry.lastFailure = now
            let excess = entry.failures - policy.attemptsBeforeLock
            if excess >= 0 {
                let seconds = min(policy.firstLock * pow(2, Double(min(excess, 20))), policy.maximumLock)
                entry.lockedUntil = now.addingTimeInterval(seconds)
            }
            if entries[login] == nil && entries.count >= capacity { evict(&entries, now: now) }
            entries[login] = entry
            return entry
        }
    }

    /// Forgets the login's failures: it signed in, or an administrator reset its password.
    func forget(_ login: String) {
        _ = entries.withLock { $0.removeValue(forKey: login) }
    }

    var count: Int { entries.withLock { $0.count } }

    private func isForgotten(_ entry: Entry, now: Date) -> Bool {
        let since = max(entry.lastFailure, entry.lockedUntil ?? entry.lastFailure)
        return now.timeIntervalSince(since) >= policy.maximumLock
    }

    private func evict(_ entries: inout [String: Entry], now: Date) {
        entries = entries.filter { !isForgotten($0.value, now: now) }
        guard entries.count >= capacity else { return }
        let newest = entries.sorted { $0.value.lastFailure > $1.value.lastFailure }.prefix(capacity * 3 / 4)
        entries = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }
}
