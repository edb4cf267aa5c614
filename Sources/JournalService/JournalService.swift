public import Foundation
public import JournalModel
import JournalPlugins
public import JournalRules
package import JournalStore
import Localization
package import Logging
import LuaRuntime
import Synchronization
import Workers

/// The only door to the school's data, for the command line and the server alike. Every
/// use case takes the acting person and validated input, checks the rules, and writes
/// through the audited store.
public final class JournalService: Sendable {
    package let database: JournalDatabase
    /// The active rules, as of a version of the rules' tables (another process may activate).
    private let activeRules = Mutex<(version: Int64, task: Task<SchoolRules, any Error>)?>(nil)
    /// Earlier versions of the rules that closed periods are computed with, by version. A
    /// version never changes once stored, so they are kept for the process's life.
    private let pastRules = Mutex<[Int64: Task<SchoolRules, any Error>]>([:])
    /// The school's record, read again after any change of the school's reference data.
    private let cachedSchool = Mutex<(version: Int64, school: School)?>(nil)
    /// The journal's changes, by this process and any other, as versions caches compare.
    let changes = ChangeTracker()
    let access = AccessCache()
    /// Where CPU-bound work runs, off the threads that serve requests.
    let workers: ServiceWorkers
    /// Rule failures at read time, logged with the version and the input.
    let ruleFailures: RuleFailureLog
    /// Survey scripts loaded and checked, by their text: a ballot does not load its survey again.
    let surveyScripts = Mutex<[String: SurveyScript]>([:])
    /// The plugins installed from `plugins/` (``installPlugins(_:)``); none until then.
    let pluginCatalog = Mutex<PluginCatalog>(.empty)

    /// How long sessions live and when accounts lock.
    public let sessionPolicy: SessionPolicy
    /// How many sign-in attempts are checked, and on how many threads.
    public let signInLimits: SignInLimits
    let signInGuard: SignInGuard

    /// A service over `database`, following the database's clock: the times it compares and
    /// the times the store records come from one clock.
    package init(
        database: JournalDatabase, sessionPolicy: SessionPolicy = .default, signInLimits: SignInLimits = .default,
        logger: Logger = Logger(label: "SchoolJournal")
    ) {
        self.database = database
        self.sessionPolicy = sessionPolicy
        self.ruleFailures = RuleFailureLog(logger: logger)
        self.signInLimits = signInLimits
        self.signInGuard = SignInGuard(limits: signInLimits, policy: sessionPolicy)
        self.workers = ServiceWorkers(passwords: signInLimits)
        access.bridge.connect(self)
    }

    /// The current instant: the database's clock, which tests fix and `serve --today` shifts.
    var now: @Sendable () -> Date { database.now }

    /// What the rules may ask of this school (`can`).
    var ruleHost: RuleHost { access.bridge.host }

    /// Opens the school database at `path`, created when missing unless `mustExist`, with the
    /// clock `now` for everything the service decides and the store records. A path that
    /// cannot hold the school (see ``JournalDatabase/open(path:now:mustExist:)``) is refused in
    /// plain words before anything is written.
    public static func open(
        path: String, now: @escaping @Sendable () -> Date = { Date() }, mustExist: Bool = false,
        signInLimits: SignInLimits = .default
    ) throws -> JournalService {
        do {
            return JournalService(
                database: try JournalDatabase.open(path: path, now: now, mustExist: mustExist),
                signInLimits: signInLimits)
        } catch let error as DatabaseFileError {
            throw error
        } catch let error as StorageFailure {
            throw error
        } catch {
            throw ServiceError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The school, or an error telling to run `journal init`.
    public func school() async throws -> School { try schoolNow() }

    /// The school, read synchronously: for Lua's host functions too, which cannot wait.
    func schoolNow() throws -> School {
        try changes.refreshIfWritten(database)
        let version = changes.current.school
        if let cached = cachedSchool.withLock({ $0 }), cached.version == version { return cached.school }
        guard let school = try database.readNow({ try $0.school() }) else { throw ServiceError.notInitialized }
        cachedSchool.withLock { $0 = (version, school) }
        return school
    }

    /// Looks at what was committed since the last request, by this process or another on the
    /// same database, so that this request's caches see it. The server calls it once per request.
    public func refreshChanges() throws { try changes.refresh(database) }

    public func currentYear() async throws -> AcademicYear {
        guard let year = try await database.read({ try $0.currentYear() }) else { throw ServiceError.notInitialized }
        return year
    }

    /// Today in the school's time zone.
    public func today() async throws -> LocalDate {
        let school = try await school()
        return Self.localDate(of: now(), timeZone: school.timeZone)
    }

    /// Today, read synchronously (see ``schoolNow()``).
    func todayNow() throws -> LocalDate { Self.localDate(of: now(), timeZone: try schoolNow().timeZone) }

    static func localDate(of instant: Date, timeZone identifier: String) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "Europe/Moscow")!
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The active rules, loaded once and kept until another version is activated. Callers that
    /// arrive while they load wait for that one load.
    public func rules() async throws -> SchoolRules {
        try changes.refreshIfWritten(database)
        let version = changes.current.rules
        let task: Task<SchoolRules, any Error> = activeRules.withLock { active in
            if let loading = active, loading.version == version { return loading.task }
            let loading = Task { try await self.loadActiveRules() }
            active = (version, loading)
            return loading
        }
        do {
            return try await task.value
        } catch {
            // A failed load is not kept: the next caller tries again (and sees the error anew).
            activeRules.withLock { if $0?.task == task { $0 = nil } }
            throw error
        }
    }

    /// The rules of a stored version, active or not.
    func rules(version: Int64) async throws -> SchoolRules {
        if let active = try? await rules(), active.version == version { return active }
        let task = pastRules.withLock { past in
            if let loading = past[version] { return loading }
            let loading = Task { try await self.loadRules(version: version) }
            past[version] = loading
            return loading
        }
        do {
            return try await task.value
        } catch {
            pastRules.withLock { if $0[version] == task { $0[version] = nil } }
            throw error
        }
    }

    private func loadActiveRules() async throws -> SchoolRules { try await loadRules(version: nil) }

    /// Loads the active version, or the stored `version`.
    private func loadRules(version: Int64?) async throws -> SchoolRules {
        let (ruleset, files, year) = try await database.read { reader in
            let found = try version.map { try reader.ruleset($0) } ?? reader.activeRuleset()
            guard let ruleset = found, let year = try reader.currentYear() else {
                throw ServiceError.notInitialized
            }
            return (ruleset, try reader.ruleFiles(ruleset: ruleset.id!), year)
        }
        let stored = RuleFiles(Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.source) }))
        let missing = SchoolRules.requiredFiles.filter { stored.files[$0] == nil }
        guard missing.isEmpty else {
            throw JournalError.refused(
                .init(
                    "error.rules_incomplete",
                    ["version": String(ruleset.id!), "files": missing.joined(separator: ", ")]))
        }
        return try await SchoolRules.load(
            stored, version: ruleset.id, academicYear: year.range, threads: workers.rules, host: ruleHost)
    }

    func forgetRules() { activeRules.withLock { $0 = nil } }
}

/// The dedicated threads the service runs CPU-bound work on. Swift's cooperative pool has a
/// thread per core and serves every request: a rule that runs to its limits there stalls the
/// whole server, health checks included.
struct ServiceWorkers: Sendable {
    /// The active rules' calls behind pages and answers.
    let rules = WorkerThreads(name: "rules", threads: 2, queueLimit: 1024)
    /// Checks, previews, dry-runs and activations of candidate rules from the editor: one at a
    /// time, two more waiting at most; others are told to try again.
    let editor = WorkerThreads(name: "rules-editor", threads: 1, queueLimit: 2)
    /// Plugins' handlers that need no rules evaluator (those that do run on `rules`).
    let plugins = WorkerThreads(name: "plugins", threads: 1, queueLimit: 64)
    /// Reading and checking import files: one at a time, two more waiting at most.
    let imports = WorkerThreads(name: "imports", threads: 1, queueLimit: 2)
    /// Hashing and checking passwords (bcrypt) for sign-ins, password changes and new
    /// accounts: ``SignInLimits/hashingThreads`` threads; when ``SignInLimits/hashingQueue``
    /// hashes wait, more are refused at once.
    let passwords: WorkerThreads

    init(passwords limits: SignInLimits = .default) {
        passwords = WorkerThreads(
            name: "bcrypt", threads: max(limits.hashingThreads, 1), queueLimit: max(limits.hashingQueue, 1))
    }
}

extension JournalService {
    /// The rule calls behind one page or answer, together.
    static func pageBudget() -> LuaBudget {
        LuaBudget(instructions: 20_000_000, timeout: .seconds(2), purpose: "this page")
    }

    /// A dry-run of candidate rules over every student and subject of the school.
    static func dryRunBudget() -> LuaBudget {
        LuaBudget(instructions: 500_000_000, timeout: .seconds(30), purpose: "the dry-run over the school")
    }
}

/// What the service refuses, in words a person can act on.
public enum ServiceError: Error, Sendable, CustomStringConvertible {
    case notInitialized
    case alreadyInitialized(school: String)
    case cannotOpen(path: String, reason: String)
    case unknownClass(String, known: [String])
    case unknown(entity: String, id: String)

    /// What the error says, as a key of the localisation table and its values.
    public var message: JournalError.Message {
        switch self {
        case .notInitialized: .init("error.no_school_yet")
        case .alreadyInitialized(let school): .init("error.school_exists", ["school": school])
        case .cannotOpen(let path, let reason): .init("error.cannot_open_database", ["path": path, "reason": reason])
        case .unknownClass(let name, let known):
            .init("error.unknown_class", ["name": name, "known": known.joined(separator: ", ")])
        case .unknown(let entity, let id): .init("error.unknown", ["entity": entity, "id": id])
        }
    }

    /// The English text, for logs and the command line.
    public var description: String { message.text(.en) }
}
