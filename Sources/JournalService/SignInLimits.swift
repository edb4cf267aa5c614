public import Foundation
import JournalModel
import Synchronization

/// How much sign-in work the server accepts: attempts per client address and per login,
/// and the threads that hash passwords. Each limit is checked before any hashing, so a
/// flood of wrong passwords costs the server a dictionary lookup per attempt beyond it.
public struct SignInLimits: Sendable {
    /// Failed sign-ins one client address may make per ``defaultWindow``. A school's
    /// computer room often shares one address, so it allows a class's typing mistakes;
    /// successful sign-ins do not count.
    public static let defaultAttemptsPerAddress = 30
    /// Failed sign-ins per login (whether or not an account has it) per ``defaultWindow``.
    public static let defaultAttemptsPerLogin = 10
    /// The window the attempts are counted in: a minute.
    public static let defaultWindow: TimeInterval = 60
    /// Threads that hash passwords: half the cores, so that hashing never takes them all
    /// from the requests.
    public static let defaultHashingThreads = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
    /// Hashes that may wait for a thread before sign-ins are answered 503 at once.
    public static let defaultHashingQueue = 64

    public var attemptsPerAddress: Int
    public var attemptsPerLogin: Int
    public var window: TimeInterval
    public var hashingThreads: Int
    public var hashingQueue: Int

    public init(
        attemptsPerAddress: Int = defaultAttemptsPerAddress, attemptsPerLogin: Int = defaultAttemptsPerLogin,
        window: TimeInterval = defaultWindow, hashingThreads: Int = defaultHashingThreads,
        hashingQueue: Int = defaultHashingQueue
    ) {
        self.attemptsPerAddress = attemptsPerAddress
        self.attemptsPerLogin = attemptsPerLogin
        self.window = window
        self.hashingThreads = hashingThreads
        self.hashingQueue = hashingQueue
    }

    public static let `default` = SignInLimits()
}

/// The sign-in limits at work: the two limiters and the failures in a row of every login.
final class SignInGuard: Sendable {
    let addresses: AttemptLimiter
    let logins: AttemptLimiter
    let failures: SignInFailures
    /// The hash unknown logins are checked against, made at the cost of the school's own.
    let timingHash = Mutex<String?>(nil)

    /// The key of a caller without a network address (the command line, tests).
    static let noAddress = "-"

    init(limits: SignInLimits, policy: SessionPolicy) {
        addresses = AttemptLimiter(limit: limits.attemptsPerAddress, window: limits.window)
        logins = AttemptLimiter(limit: limits.attemptsPerLogin, window: limits.window)
        failures = SignInFailures(policy: policy)
    }

    /// One admitted attempt: the attempts it took, to give back when it turns out not to
    /// count.
    struct Admission {
        let address: String
        let login: String
    }

    /// Takes an attempt from the address and from the login, or throws
    /// ``SignInError/tooManyAttempts(retryAfter:)`` having taken none.
    func admit(address: String, login: String, now: Date) throws -> Admission {
        if let wait = addresses.acquire(address, now: now) {
            throw SignInError.tooManyAttempts(retryAfter: wait)
        }
        if let wait = logins.acquire(login, now: now) {
            addresses.release(address, now: now)
            throw SignInError.tooManyAttempts(retryAfter: wait)
        }
        return Admission(address: address, login: login)
    }

    /// Gives the attempts back: the sign-in succeeded, or was refused before any hashing.
    func release(_ admission: Admission, now: Date) {
        addresses.release(admission.address, now: now)
        logins.release(admission.login, now: now)
    }

    /// How long after a failure the accounts' records of their failures are written.
    static let recordDelay: Duration = .seconds(1)

    /// A failure count waiting to be written to its account's record.
    struct Record: Sendable {
        var login: String
        var failures: SignInFailures.Entry
    }

    private struct Records {
        var queued: [AccountID: Record] = [:]
        var writing = false
    }
    private let records = Mutex(Records())

    /// Queues the account's count, replacing one queued before; returns true when no write
    /// is due yet, so the caller schedules one.
    func queueRecord(account: AccountID, login: String, _ failures: SignInFailures.Entry) -> Bool {
        records.withLock { records in
            records.queued[account] = Record(login: login, failures: failures)
            defer { records.writing = true }
            return !records.writing
        }
    }

    /// The queued records, emptying the queue.
    func takeRecords() -> [AccountID: Record] {
        records.withLock { records in
            defer {
                records.queued = [:]
                records.writing = false
            }
            return records.queued
        }
    }

    /// Forgets a login's failures and its account's queued record: it signed in, or its
    /// password was reset.
    func forgetFailures(_ login: String, account: AccountID) {
        failures.forget(login)
        _ = records.withLock { $0.queued.removeValue(forKey: account) }
    }
}
