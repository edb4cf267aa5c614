import Foundation
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
}
