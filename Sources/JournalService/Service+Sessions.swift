import Crypto
public import Foundation
import HummingbirdBcrypt
public import JournalAccess
public import JournalModel
package import JournalStore
import Localization
import Synchronization
import Workers

/// A signed-in person for one request: the session, the account and the facts their rights
/// are decided on.
public struct AuthenticatedSession: Sendable {
    package var session: SessionRecord
    public var account: Account
    public var subject: AccessSubject
    /// The token as presented, to sign out.
    public var token: String
    /// Every capability the person holds in some scope, for menus; each use is still decided
    /// against its object.
    public var capabilities: Set<Capability> = []
    /// The request this session came with, `POST /journal/lessons/5`: the audit log says
    /// through which page or call each change came.
    public var via: String?

    public var caller: Caller {
        var caller = Caller.person(subject)
        caller.actor.via = via
        return caller
    }
    public var kind: SessionKind { session.kind }
    /// The token the session's forms and cookie-authenticated API calls must carry.
    public var csrfToken: String { session.csrfToken }
    public var expiresAt: Date { session.expiresAt }
    public var mustChangePassword: Bool { account.mustChangePassword }
}

/// Why signing in failed, without telling whether the login exists.
public enum SignInError: Error, Sendable, CustomStringConvertible {
    case invalidCredentials
    /// Too many failed attempts in a row: tried again too soon.
    case locked(until: Date, retryAfter: TimeInterval)
    /// Too many attempts from the client's address or for the login: refused before any
    /// password was checked.
    case tooManyAttempts(retryAfter: TimeInterval)
    case disabled

    /// Seconds to wait before trying again, for the `Retry-After` header.
    public var retryAfter: TimeInterval? {
        switch self {
        case .locked(_, let seconds), .tooManyAttempts(let seconds): seconds
        case .invalidCredentials, .disabled: nil
        }
    }

    /// What the refusal says, as a key of the localisation table and its values.
    public var message: JournalError.Message {
        switch self {
        case .invalidCredentials: .init("error.wrong_credentials")
        case .locked(let until, _):
            .init("error.account_locked", ["until": ISO8601DateFormatter().string(from: until)])
        case .tooManyAttempts(let seconds):
            .init("error.too_many_attempts", ["seconds": String(Int(seconds.rounded(.up)))])
        case .disabled: .init("error.account_disabled")
        }
    }

    /// The English text, for logs.
    public var description: String { message.text(.en) }
}

/// How long sessions live and when accounts lock.
public struct SessionPolicy: Sendable {
    /// A session unused this long ends.
    public var idleTimeout: TimeInterval = 7 * 24 * 3600
    /// A session ends this long after sign-in in any case.
    public var maximumAge: TimeInterval = 30 * 24 * 3600
    /// Failed attempts allowed before the account locks.
    public var attemptsBeforeLock = 5
    /// The first lock; each further failure doubles it, up to `maximumLock`.
    public var firstLock: TimeInterval = 30
    public var maximumLock: TimeInterval = 3600
    public static let `default` = SessionPolicy()

    public init() {}
}

extension JournalService {
    /// Signs in with a login and password (R20) from `client`, the caller's network address
    /// (nil for a caller without one).
    ///
    /// Before any password is checked, the attempt must fit ``SignInLimits`` for the address
    /// and for the login, or it is refused with ``SignInError/tooManyAttempts(retryAfter:)``;
    /// successful attempts are given back. Five failures in a row lock the login for 30
    /// seconds, doubling with each further failure up to an hour. A login nobody has is
    /// counted, locked and checked (against a hash of the school's usual cost, on the same
    /// threads) exactly as an account's, so no answer tells whether an account exists; the
    /// account's own record of its failures is written after the answer.
    public func signIn(login: String, password: String, kind: SessionKind, client: String? = nil)
        async throws -> (token: String, session: AuthenticatedSession)
    {
        let now = now()
        let login = login.trimmingWhitespace()
        let key = String(login.lowercased().prefix(100))
        let admission = try signInGuard.admit(address: client ?? SignInGuard.noAddress, login: key, now: now)
        let account: Account?
        let matches: Bool
        do {
            let valid = !login.isEmpty && login.count <= Limits.signInLogin && password.count <= Limits.signInPassword
            account = valid ? try await database.read({ try $0.account(login: login) }) : nil
            let locks = [signInGuard.failures.lockedUntil(key, now: now), account?.lockedUntil].compactMap { $0 }
            if let until = locks.max(), until > now {
                throw SignInError.locked(until: until, retryAfter: until.timeIntervalSince(now))
            }
            let timingHash = try await timingHash()
            let hash = account?.passwordHash ?? timingHash
            matches = try await workers.passwords.run { Bcrypt.verify(password, hash: hash) }
        } catch {
            // Refused before a password was checked: the attempt does not count.
            signInGuard.release(admission, now: now)
            throw error
        }
        guard matches, let account else {
            let failures = signInGuard.failures.recordFailure(key, now: now)
            if let account { recordFailure(failures, of: account, login: login) }
            throw SignInError.invalidCredentials
        }
        signInGuard.release(admission, now: now)
        signInGuard.forgetFailures(key, account: account.id!)
        if account.isDisabled { throw SignInError.disabled }
        if account.failedAttempts > 0 || account.lockedUntil != nil {
            try await database.write(actor: Actor(accountID: account.id, displayName: login), reason: "signed in") {
                writer in
                guard var current = try writer.reader.account(account.id!) else { return }
                current.failedAttempts = 0
                current.lockedUntil = nil
                try writer.update(current)
            }
        }
        let token = Self.randomToken()
        let record = try await database.insertSession(
            SessionRecord(
                tokenHash: Self.hashToken(token), accountID: account.id!, kind: kind, csrfToken: Self.randomToken(),
                createdAt: now, lastSeenAt: now, expiresAt: now.addingTimeInterval(sessionPolicy.idleTimeout)))
        var signedIn = account
        signedIn.failedAttempts = 0
        signedIn.lockedUntil = nil
        return (
            token,
            AuthenticatedSession(
                session: record, account: signedIn, subject: try await subject(account: account.id!), token: token)
        )
    }

    /// Queues an account's failures and lock, as counted in memory, for its record. They
    /// are written a moment after the answer — ``SignInGuard/recordDelay``, all accounts'
    /// at once — never while it is made: a login nobody has makes no write, and an answer that
    /// waited for one, or shared the processor with one, would tell the two apart. The lock
    /// works from memory at once; the record keeps it over a restart and shows it to
    /// administrators.
    private func recordFailure(_ failures: SignInFailures.Entry, of account: Account, login: String) {
        guard signInGuard.queueRecord(account: account.id!, login: login, failures) else { return }
        Task { [weak self] in
            try? await Task.sleep(for: SignInGuard.recordDelay)
            await self?.writeFailureRecords()
        }
    }

    /// Writes the queued failure records, each account's in its own audited transaction.
    func writeFailureRecords() async {
        for (id, record) in signInGuard.takeRecords() {
            try? await database.write(
                actor: Actor(accountID: id, displayName: record.login), reason: "sign-in failed"
            ) { writer in
                guard var current = try writer.reader.account(id) else { return }
                current.failedAttempts = record.failures.failures
                current.lockedUntil = record.failures.lockedUntil
                try writer.update(current)
            }
        }
    }

    /// The hash a login nobody has is checked against: made once, at the bcrypt cost most
    /// of the school's accounts have, so that checking it takes as long as checking theirs.
    func timingHash() async throws -> String {
        if let hash = signInGuard.timingHash.withLock({ $0 }) { return hash }
        let cost = try await database.read { try $0.commonPasswordHashCost() } ?? Self.passwordHashCost
        let hash = try await workers.passwords.run { Bcrypt.hash("timing-equaliser", cost: cost) }
        signInGuard.timingHash.withLock { $0 = $0 ?? hash }
        return hash
    }

    /// Hashes a password at ``passwordHashCost`` on the hashing threads.
    func hashPassword(_ password: String) async throws -> String {
        try await workers.passwords.run { Bcrypt.hash(password, cost: Self.passwordHashCost) }
    }

    /// The session a token opens, or nil when it is unknown, expired or its account disabled.
    /// Sessions are kept in memory for a few seconds between requests, so a busy diary does
    /// not read the session and the account on every request; signing out, changing or
    /// resetting a password and any change of access facts drop them at once.
    public func authenticate(token: String) async throws -> AuthenticatedSession? {
        guard !token.isEmpty, token.count <= Limits.token else { return nil }
        let hash = Self.hashToken(token)
        let now = now()
        try changes.refreshIfWritten(database)
        let version = changes.current.access
        if let cached = access.sessions.withLock({ $0[hash] }), cached.version == version,
            now.timeIntervalSince(cached.loadedAt) < AccessCache.sessionTTL, cached.session.session.expiresAt > now
        {
            return cached.session
        }
        guard let session = try await database.session(tokenHash: hash) else { return nil }
        let policy = sessionPolicy
        if session.expiresAt <= now || session.createdAt.addingTimeInterval(policy.maximumAge) <= now {
            try await database.deleteSession(tokenHash: hash)
            forgetSession(hash)
            return nil
        }
        guard let account = try await database.read({ try $0.account(session.accountID) }), !account.isDisabled else {
            return nil
        }
        var current = session
        // Sliding expiry, written at most once a minute per session.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            current.lastSeenAt = now
            current.expiresAt = min(
                now.addingTimeInterval(policy.idleTimeout), session.createdAt.addingTimeInterval(policy.maximumAge))
            try await database.touchSession(
                id: session.id!, lastSeenAt: current.lastSeenAt, expiresAt: current.expiresAt)
        }
        let subject = try await subject(account: account.id!)
        let authenticated = AuthenticatedSession(
            session: current, account: account, subject: subject, token: token,
            capabilities: Set(try await accessPolicy().capabilities(of: subject).keys))
        access.sessions.withLock { sessions in
            if sessions.count > 10_000 { sessions.removeAll() }
            sessions[hash] = (version, now, authenticated)
        }
        return authenticated
    }

    func forgetSession(_ hash: String) {
        _ = access.sessions.withLock { $0.removeValue(forKey: hash) }
    }

    func forgetSessions(account: AccountID) {
        access.sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.session.account.id != account }
        }
    }

    public func signOut(token: String) async throws {
        let hash = Self.hashToken(token)
        try await database.deleteSession(tokenHash: hash)
        forgetSession(hash)
    }

    /// Changes one's own password; other sessions of the account end.
    public func changePassword(_ session: AuthenticatedSession, current: String, new: String) async throws {
        let hash = session.account.passwordHash
        guard try await workers.passwords.run({ Bcrypt.verify(current, hash: hash) }) else {
            throw JournalError.invalid(field: "currentPassword", message: .init("error.current_password_wrong"))
        }
        try Self.checkNewPassword(new, login: session.account.login, current: current)
        let newHash = try await hashPassword(new)
        let keeping = Self.hashToken(session.token)
        try await database.write(actor: session.caller.actor, reason: "password changed") { writer in
            guard var account = try writer.reader.account(session.account.id!) else { return }
            account.passwordHash = newHash
            account.mustChangePassword = false
            try writer.update(account)
            try writer.endSessions(account: account.id!, keeping: keeping)
        }
        forgetSessions(account: session.account.id!)
    }

    /// Gives an account a new one-time password (R20): for an administrator, or a class
    /// teacher for their class's students and parents. Returns the password, shown once.
    public func resetPassword(account id: AccountID, caller: Caller) async throws -> String {
        let object = try await accountObject(id, for: .passwordsReset, caller: caller)
        try await authorize(caller, .passwordsReset, object)
        var random = SystemRandomNumberGenerator()
        let password = PasswordGenerator().makePassword(using: &random)
        let hash = try await hashPassword(password)
        let sensitive = try await rolesHoldingDataDenied(to: caller)
        let login = try await database.write(actor: caller.actor, reason: "password reset") { writer -> String? in
            guard var account = try writer.reader.account(id) else { return nil }
            account.passwordHash = hash
            account.mustChangePassword = true
            account.failedAttempts = 0
            account.lockedUntil = nil
            try writer.update(account)
            try writer.endSessions(account: id)
            let held = Set(try writer.reader.roles(account: id))
            try writer.notify(.passwordReset, account: account, roles: held.intersection(sensitive))
            return account.login
        }
        forgetSessions(account: id)
        if let login { signInGuard.forgetFailures(login.lowercased(), account: id) }
        return password
    }

    static func checkNewPassword(_ password: String, login: String, current: String?) throws {
        guard password.count >= Limits.passwordLength.lowerBound else {
            throw JournalError.invalid(
                field: "newPassword",
                message: .init("error.password_too_short", ["min": String(Limits.passwordLength.lowerBound)]))
        }
        guard password.count <= Limits.passwordLength.upperBound else {
            throw JournalError.invalid(
                field: "newPassword",
                message: .init("error.password_too_long", ["max": String(Limits.passwordLength.upperBound)]))
        }
        // A NUL ends the password for bcrypt, and control characters cannot be typed back.
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw JournalError.invalid(
                field: "newPassword",
                message: .init("error.password_control_characters"))
        }
        guard password.lowercased() != login.lowercased(), !password.lowercased().contains(login.lowercased()) else {
            throw JournalError.invalid(field: "newPassword", message: .init("error.password_contains_login"))
        }
        guard password != current else {
            throw JournalError.invalid(
                field: "newPassword", message: .init("error.password_same"))
        }
        guard Set(password).count >= Limits.passwordDistinctCharacters else {
            throw JournalError.invalid(
                field: "newPassword",
                message: .init("error.password_distinct", ["count": String(Limits.passwordDistinctCharacters)]))
        }
        guard !commonPasswords.contains(password.lowercased()) else {
            throw JournalError.invalid(
                field: "newPassword", message: .init("error.password_common"))
        }
    }

    /// A fresh random token, for one-time form tokens and the like.
    public static func newToken() -> String { randomToken() }

    /// Passwords that guessing tries first, refused whatever their length (compared in lower case).
    static let commonPasswords: Set<String> = [
        "12345678", "123456789", "1234567890", "87654321", "11223344", "password", "password1", "passw0rd",
        "qwertyui", "qwertyuiop", "qwerty123", "1q2w3e4r", "1qaz2wsx", "abcd1234", "abc12345", "iloveyou",
        "йцукенгш", "пароль123",
    ]

    /// 32 random bytes, URL-safe base64.
    static func randomToken() -> String {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hashToken(_ token: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
