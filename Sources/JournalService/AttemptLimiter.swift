public import Foundation
import Synchronization

/// Allows each key (a client address, a login) `limit` attempts per `window`, as a token
/// bucket: a full bucket holds `limit` attempts, and one attempt comes back every
/// `window / limit` seconds. A key that has not been seen for a window is back to a full
/// bucket, which is the same as not being kept at all, so such keys are dropped first when
/// the table reaches `capacity`; beyond that the keys least recently limited go.
///
/// The instant is passed to every call, so tests drive it and the service uses its clock.
public final class AttemptLimiter: Sendable {
    /// Attempts a key may make in one window, and the burst allowed at once.
    public let limit: Int
    /// The time in which `limit` attempts come back.
    public let window: TimeInterval
    /// Keys kept at most; a new key beyond it evicts others first.
    public let capacity: Int

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    public init(limit: Int, window: TimeInterval, capacity: Int = 10_000) {
        precondition(limit > 0 && window > 0 && capacity > 0, "a limiter needs a limit, a window and room")
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    /// Attempts that come back per second.
    private var rate: Double { Double(limit) / window }

    /// Takes one attempt for `key` at `now`. Returns nil when it is allowed, or how many
    /// seconds to wait before the next attempt is.
    public func acquire(_ key: String, now: Date) -> TimeInterval? {
        buckets.withLock { buckets in
            var bucket = buckets[key].map { refilled($0, now: now) } ?? Bucket(tokens: Double(limit), updated: now)
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return (1 - bucket.tokens) / rate
            }
            bucket.tokens -= 1
            if buckets[key] == nil && buckets.count >= capacity { evict(&buckets, now: now) }
            buckets[key] = bucket
            return nil
        }
    }

    /// Gives back an attempt taken with ``acquire(_:now:)`` that turned out not to count:
    /// a successful sign-in, or one refused before any work was done.
    public func release(_ key: String, now: Date) {
        buckets.withLock { buckets in
            guard var bucket = buckets[key].map({ refilled($0, now: now) }) else { return }
            bucket.tokens = min(bucket.tokens + 1, Double(limit))
            buckets[key] = bucket
        }
    }

    /// The keys kept now, full buckets included until they are evicted.
    public var count: Int { buckets.withLock { $0.count } }

    private func refilled(_ bucket: Bucket, now: Date) -> Bucket {
        // A clock set back refills nothing rather than taking attempts away.
        let elapsed = max(now.timeIntervalSince(bucket.updated), 0)
        return Bucket(tokens: min(bucket.tokens + elapsed * rate, Double(limit)), updated: max(now, bucket.updated))
    }

    /// Drops every key whose bucket is full by `now`; when that frees too little, the keys
    /// least recently limited, down to three quarters of the capacity, so that the next
    /// quarter of new keys costs nothing.
    private func evict(_ buckets: inout [String: Bucket], now: Date) {
        buckets = buckets.filter { refilled($0.value, now: now).tokens < Double(limit) }
        guard buckets.count >= capacity else { return }
        let keep = capacity * 3 / 4
        let newest = buckets.sorted { $0.value.updated > $1.value.updated }.prefix(keep)
        buckets = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }
}
