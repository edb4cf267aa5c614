import Foundation
import HummingbirdBcrypt
import JournalAccess
public import JournalModel
import JournalStore
import Localization
import Synchronization
import Workers

/// Whose accounts to generate.
public enum AccountKind: String, Sendable, CaseIterable, Codable {
    case student
    case parent
    case staff
}

/// A freshly generated account with its one-time password, for the printable slip. The
/// password exists only here; the database keeps its bcrypt hash.
public struct GeneratedAccount: Sendable, Hashable, Codable {
    public var login: String
    public var password: String
    public var displayName: String
    public var roles: [Role]
    public var className: String?
    /// For a parent: the children, `Иванова Анна (5А)`.
    public var children: [String]

    public init(
        login: String, password: String, displayName: String, roles: [Role], className: String?, children: [String]
    ) {
        self.login = login
        self.password = password
        self.displayName = displayName
        self.roles = roles
        self.className = className
        self.children = children
    }
}

extension JournalService {
    /// bcrypt's cost for stored passwords: about 50–100 ms per hash on this class of machine.
    public static let passwordHashCost: UInt8 = 10

    /// Creates accounts for everyone of `kind` (in `className`, when given) who has none yet:
    /// a unique readable login, a random password without look-alike characters, only its
    /// slow hash stored, and a forced change at first sign-in (R11, R20).
    ///
    /// `deliver` receives the accounts with their passwords inside the transaction, before it
    /// commits: if delivering (writing the slips) fails, no account is created, so no account
    /// exists whose password nobody has.
    public func generateAccounts(
        kind: AccountKind?, className: String?, caller: Caller,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
        deliver: @escaping @Sendable ([GeneratedAccount]) throws -> Void = { _ in }
    ) async throws -> [GeneratedAccount] {
        try await authorize(caller, .usersManage, .school)
        let people = try await database.read { reader in
            try Self.peopleWithoutAccounts(kind: kind, className: className, reader)
        }
        var logins = LoginGenerator(taken: try await database.read { try $0.logins() })
        var random = SystemRandomNumberGenerator()
        let passwords = PasswordGenerator()
        let drafts = people.map { person in
            (person, logins.makeLogin(for: person.name), passwords.makePassword(using: &random))
        }
        let hashes = try await hashPasswords(drafts.map(\.2), cost: Self.passwordHashCost, progress: progress)
        let generated = drafts.map { person, login, password in
            GeneratedAccount(
                login: login, password: password, displayName: person.name.description, roles: person.roles,
                className: person.className, children: person.children)
        }
        let now = now()
        try await database.write(actor: caller.actor, reason: "accounts generated") { writer in
            let taken = try writer.reader.logins()
            for ((person, login, _), hash) in zip(drafts, hashes) {
                guard !taken.contains(login.lowercased()) else {
                    throw JournalError.conflict(
                        entity: "account", id: login, current: "taken by an account created meanwhile")
                }
                try Self.insertAccount(for: person, login: login, passwordHash: hash, now: now, writer)
            }
            try deliver(generated)
        }
        return generated
    }

    /// A new account of `person` with their roles; the password must change at first sign-in.
    static func insertAccount(
        for person: Person, login: String, passwordHash: String, now: Date, _ writer: AuditedWriter
    ) throws {
        let account = try writer.insert(
            Account(
                login: login, passwordHash: passwordHash, mustChangePassword: true, owner: person.owner, createdAt: now)
        )
        for role in person.roles { try writer.insert(AccountRole(accountID: account.id!, role: role)) }
    }

    struct Person: Sendable {
        var owner: AccountOwner
        var name: PersonName
        var roles: [Role]
        var className: String?
        var children: [String]
    }

    static func peopleWithoutAccounts(kind: AccountKind?, className: String?, _ reader: StoreReader) throws -> [Person]
    {
        guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
        let accounts = try reader.accounts()
        let hasAccount = Set(accounts.compactMap(\.owner))
        let classes = try className.map { [try findClass($0, reader)] } ?? reader.classes(year: year.id!)
        let classNames = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0.name) })
        let students = try reader.students(inClasses: classes.compactMap(\.id))
        var people: [Person] = []
        if kind == nil || kind == .student {
            people += students.filter { !hasAccount.contains(.student($0.id!)) }.map {
                Person(
                    owner: .student($0.id!), name: $0.name, roles: [.student], className: classNames[$0.classID],
                    children: [])
            }
        }
        if kind == nil || kind == .parent {
            let links = try reader.representativeLinks(students: students.compactMap(\.id))
            let studentsByID = Dictionary(uniqueKeysWithValues: students.map { ($0.id!, $0) })
            for (representativeID, children) in Dictionary(grouping: links, by: \.representativeID).sorted(by: {
                $0.key < $1.key
            })
            where !hasAccount.contains(.representative(representativeID)) {
                guard let representative = try reader.representative(representativeID) else { continue }
                let names = children.compactMap { studentsByID[$0.studentID] }.map {
                    "\($0.name.lastName) \($0.name.firstName) (\(classNames[$0.classID] ?? ""))"
                }
                people.append(
                    Person(
                        owner: .representative(representativeID), name: representative.name, roles: [.parent],
                        className: nil, children: names.sorted()))
            }
        }
        if (kind == nil && className == nil) || kind == .staff {
            people += try reader.allStaff().filter { !hasAccount.contains(.staff($0.id!)) }.map {
                Person(
                    owner: .staff($0.id!), name: $0.name,
                    roles: $0.roles.isEmpty ? Role.suggested(forPosition: $0.position) : $0.roles, className: nil,
                    children: [])
            }
        }
        return people
    }

    /// Hashes passwords on the hashing threads, one job per password on each thread at a
    /// time, so that sign-ins keep their turn; reports progress as it goes. A full queue
    /// (sign-ins waiting) makes it wait a moment and try again rather than fail.
    func hashPasswords(
        _ passwords: [String], cost: UInt8, progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [String] {
        let pool = workers.passwords
        return try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            let lanes = pool.threadCount
            let chunk = (passwords.count + lanes - 1) / max(lanes, 1)
            let done = ProgressCounter(total: passwords.count, report: progress)
            for lane in 0..<lanes {
                let range = (lane * chunk)..<min(passwords.count, (lane + 1) * chunk)
                guard !range.isEmpty else { continue }
                let slice = Array(passwords[range])
                group.addTask {
                    var hashes: [String] = []
                    for password in slice {
                        while true {
                            try Task.checkCancellation()
                            do {
                                hashes.append(try await pool.run { Bcrypt.hash(password, cost: cost) })
                                break
                            } catch is WorkerThreads.Busy {
                                try await Task.sleep(for: .milliseconds(20))
                            }
                        }
                        done.advance()
                    }
                    return (range.lowerBound, hashes)
                }
            }
            var results = [String](repeating: "", count: passwords.count)
            for try await (start, hashes) in group {
                for (offset, hash) in hashes.enumerated() { results[start + offset] = hash }
            }
            return results
        }
    }
}

/// Counts finished items across tasks and reports each step.
final class ProgressCounter: Sendable {
    private let count = Mutex(0)
    let total: Int
    let report: @Sendable (Int, Int) -> Void

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.report = report
    }

    func advance() {
        let value = count.withLock { count in
            count += 1
            return count
        }
        report(value, total)
    }
}
