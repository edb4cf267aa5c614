import Foundation
import Testing

@testable import JournalService

/// The sign-in limits' bookkeeping, driven by instants the tests choose.
@Suite("Sign-in limiters")
struct SignInLimitersTests {
    static let start = Date(timeIntervalSince1970: 1_795_165_200)

    func at(_ seconds: TimeInterval) -> Date { Self.start.addingTimeInterval(seconds) }

    @Test func aKeyHasItsWholeLimitAtOnceAndThenOneAttemptPerShareOfTheWindow() {
        let limiter = AttemptLimiter(limit: 10, window: 60)
        for attempt in 1...10 { #expect(limiter.acquire("login", now: at(0)) == nil, "attempt \(attempt)") }
        let wait = limiter.acquire("login", now: at(0))
        #expect(wait.map { abs($0 - 6) < 0.001 } == true, "the 11th waits for one attempt to come back: \(wait ?? -1)")
        #expect(limiter.acquire("login", now: at(5.9)) != nil)
        #expect(limiter.acquire("login", now: at(6)) == nil)
        #expect(limiter.acquire("login", now: at(6)) != nil)
        // Another key is not affected.
        #expect(limiter.acquire("other", now: at(6)) == nil)
    }

    @Test func aWholeWindowRefillsTheBucketButNoMore() {
        let limiter = AttemptLimiter(limit: 3, window: 60)
        for _ in 1...3 { #expect(limiter.acquire("a", now: at(0)) == nil) }
        #expect(limiter.acquire("a", now: at(0)) != nil)
        // A day of silence gives back the limit, not a day's worth of attempts.
        for _ in 1...3 { #expect(limiter.acquire("a", now: at(86_400)) == nil) }
        #expect(limiter.acquire("a", now: at(86_400)) != nil)
    }

    @Test func aReleasedAttemptComesBackAndNoMoreThanTheLimit() {
        let limiter = AttemptLimiter(limit: 2, window: 60)
        #expect(limiter.acquire("a", now: at(0)) == nil)
        #expect(limiter.acquire("a", now: at(0)) == nil)
        #expect(limiter.acquire("a", now: at(0)) != nil)
        limiter.release("a", now: at(0))
        #expect(limiter.acquire("a", now: at(0)) == nil)
        // Releasing more than was taken does not raise the limit.
        for _ in 1...5 { limiter.release("a", now: at(1)) }
        #expect(limiter.acquire("a", now: at(1)) == nil)
        #expect(limiter.acquire("a", now: at(1)) == nil)
        #expect(limiter.acquire("a", now: at(1)) != nil)
    }

    @Test func aClockSetBackTakesNoAttemptsAway() {
        let limiter = AttemptLimiter(limit: 2, window: 60)
        #expect(limiter.acquire("a", now: at(100)) == nil)
        #expect(limiter.acquire("a", now: at(40)) == nil)
        #expect(limiter.acquire("a", now: at(40)) != nil)
        #expect(limiter.acquire("a", now: at(130)) == nil)
    }

    @Test func keysBackToAFullBucketAreDroppedFirstWhenTheTableIsFull() {
        let limiter = AttemptLimiter(limit: 5, window: 60, capacity: 100)
        for key in 0..<100 { #expect(limiter.acquire("old-\(key)", now: at(0)) == nil) }
        #expect(limiter.count == 100)
        // A minute later every old bucket is full again: a new key evicts them all.
        #expect(limiter.acquire("new", now: at(60)) == nil)
        #expect(limiter.count == 1)
    }

    @Test func theTableStaysBoundedAndKeepsTheKeysLimitedMostRecently() {
        let limiter = AttemptLimiter(limit: 1, window: 3600, capacity: 100)
        for key in 0..<1000 {
            #expect(limiter.acquire("spray-\(key)", now: at(Double(key))) == nil)
            #expect(limiter.count <= 100)
        }
        // The newest keys are still limited; the oldest were let go.
        #expect(limiter.acquire("spray-999", now: at(1000)) != nil)
        #expect(limiter.acquire("spray-0", now: at(1000)) == nil)
    }

    static let policy = SessionPolicy()

    @Test func fiveFailuresInARowLockForThirtySecondsAndEachFurtherOneDoubles() {
        let failures = SignInFailures(policy: Self.policy)
        for number in 1...4 {
            #expect(failures.recordFailure("nobody", now: at(0)).lockedUntil == nil, "failure \(number)")
        }
        #expect(failures.lockedUntil("nobody", now: at(0)) == nil)
        #expect(failures.recordFailure("nobody", now: at(0)).lockedUntil == at(30))
        #expect(failures.lockedUntil("nobody", now: at(29)) == at(30))
        #expect(failures.lockedUntil("nobody", now: at(30)) == nil)
        #expect(failures.recordFailure("nobody", now: at(31)).lockedUntil == at(91))
        #expect(failures.recordFailure("nobody", now: at(92)).lockedUntil == at(92 + 120))
        // Up to an hour, never more.
        var last = at(300)
        for _ in 1...20 { last = failures.recordFailure("nobody", now: last).lockedUntil ?? last }
        #expect(failures.recordFailure("nobody", now: last).lockedUntil == last.addingTimeInterval(3600))
    }

    @Test func failuresAreForgottenAnHourAfterTheLastAndOnSuccess() {
        let failures = SignInFailures(policy: Self.policy)
        for _ in 1...4 { failures.recordFailure("someone", now: at(0)) }
        #expect(failures.recordFailure("someone", now: at(3600)).failures == 1)
        for _ in 1...3 { failures.recordFailure("someone", now: at(3600)) }
        failures.forget("someone")
        #expect(failures.recordFailure("someone", now: at(3601)).failures == 1)
    }

    @Test func failuresOfManyLoginsStayBounded() {
        let failures = SignInFailures(policy: Self.policy, capacity: 50)
        for key in 0..<500 {
            failures.recordFailure("login-\(key)", now: at(Double(key)))
            #expect(failures.count <= 50)
        }
        #expect(failures.recordFailure("login-499", now: at(500)).failures == 2)
    }
}
