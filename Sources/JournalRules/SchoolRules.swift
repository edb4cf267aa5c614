public import JournalModel
public import LuaRuntime
public import Workers

/// A school's rules, loaded, checked and ready: scales, which scale each subject uses, work
/// types, attendance codes and the calendar for one academic year. The Lua parts (period,
/// annual and final marks, forecasts) run on a pool of sandboxed states through
/// ``withEvaluator(_:)``.
public final class SchoolRules: Sendable {
    /// The ruleset version these rules came from; nil for rules read from files.
    public let version: Int64?
    public let files: RuleFiles
    public let scales: [String: Scale]
    public let subjectScales: SubjectScales
    public let workTypes: WorkTypes
    public let attendanceCodes: AttendanceCodes
    public let calendar: SchoolCalendar
    public let roles: RoleDefinitions
    /// How exam scores become marks (`exams.lua`); none when the school has no such file.
    public let exams: ExamScales
    /// The journal-keeping duties and their deadlines (`deadlines.lua`); none without the file.
    public let deadlines: Deadlines
    /// How families are informed (`notifications.lua`); without the file, the diary only and
    /// the mandatory classes by email.
    public let notifications: Notifications
    /// The teachers' flags derived from medical records (`health_flags.lua`); none without it.
    public let healthFlags: HealthFlags
    let pool: LuaStatePool
    /// The limits of loading a script (running its top level once).
    let limits: LuaLimits
    /// The limits of one call of a rule's function: a recommended mark, a forecast.
    public let callLimits: LuaLimits
    /// Pauses this version's calls when they keep running into their limits.
    public let breaker = RuleBreaker()

    /// The files every ruleset must have, beside at least one scale under `scales/`.
    public static let requiredFiles = ["subjects.lua", "work_types.lua", "attendance.lua", "calendar.lua", "roles.lua"]

    /// A rule function is called per student and subject, a page computes dozens, the
    /// school thousands: one call may take 200,000 instructions (a grading function takes
    /// tens; the budget charges CPU time beyond the instructions too, so this is ~5 ms of CPU
    /// at most). The wall-clock limit is only a backstop: on a busy machine a thread may wait
    /// for a core longer than a call ever runs.
    public static let defaultCallLimits = LuaLimits(
        instructions: 200_000, memoryBytes: 8 << 20, timeout: .seconds(1))

    /// What loading and testing a whole set of rules may take together. The instructions are
    /// the limit (a few hundred thousand for the shipped rules); the wall clock is a backstop,
    /// wide enough for a busy two-core machine where the check waits for a core and a worker
    /// thread: at 5 s, parallel test runs on such a machine ran into it.
    public static func checkBudget() -> LuaBudget {
        LuaBudget(instructions: 50_000_000, timeout: .seconds(20), purpose: "checking the rules")
    }

    /// Loads and checks every file, then runs the tests the scripts carry. All problems are
    /// reported together. Evaluations run on `threads` when given, and all of them together
    /// within `budget` (by default ``checkBudget()``).
    public static func load(
        _ files: RuleFiles, version: Int64? = nil, academicYear: DateRange, limits: LuaLimits = .default,
        callLimits: LuaLimits = defaultCallLimits, poolCapacity: Int = 2, threads: WorkerThreads? = nil,
        budget: LuaBudget = checkBudget(), host: RuleHost = .unavailable
    ) async throws -> SchoolRules {
        let pool = LuaStatePool(capacity: max(poolCapacity, 1), threads: threads) { state in
            host.install(on: state)
            try state.installGlobals(from: Prelude.script)
        }
        let scripts = Dictionary(
            uniqueKeysWithValues: files.sorted.map { ($0.path, LuaScript(name: $0.path, source: $0.source)) })
        let loaded = try await pool.withState { state in
            state.budget = budget
            defer { state.budget = nil }
            return try Loader(
                files: files, scripts: scripts, state: state, year: academicYear, limits: limits, host: host
            ).load()
        }
        let rules = SchoolRules(
            version: version, files: files, loaded: loaded, pool: pool, limits: limits, callLimits: callLimits)
        try await rules.withEvaluator(budget: budget) { evaluator in
            try evaluator.runTests()
            try evaluator.runDeadlineTests()
            try evaluator.runNotificationTests()
            try evaluator.runHealthFlagTests()
        }
        return rules
    }

    private init(
        version: Int64?, files: RuleFiles, loaded: Loader.Result, pool: LuaStatePool, limits: LuaLimits,
        callLimits: LuaLimits
    ) {
        self.version = version
        self.files = files
        self.scales = loaded.scales
        self.subjectScales = loaded.subjectScales
        self.workTypes = loaded.workTypes
        self.attendanceCodes = loaded.attendanceCodes
        self.calendar = loaded.calendar
        self.roles = loaded.roles
        self.exams = loaded.exams
        self.deadlines = loaded.deadlines
        self.notifications = loaded.notifications
        self.healthFlags = loaded.healthFlags
        self.pool = pool
        self.limits = limits
        self.callLimits = callLimits
    }

    /// The scale for a subject in a grade, or nil when no marks are given there.
    public func scale(grade: Int, subject: String) -> Scale? {
        subjectScales.scaleID(grade: grade, subject: subject).flatMap { scales[$0] }
    }

    /// Lends an evaluator bound to one pooled state for a batch of rule calls, all of them
    /// within `budget` when one is given.
    public func withEvaluator<T>(budget: LuaBudget? = nil, _ body: (RuleEvaluator) throws -> T) async throws -> T {
        try await pool.withState { state in
            state.budget = budget
            defer { state.budget = nil }
            return try body(RuleEvaluator(state: state, rules: self))
        }
    }
}

/// Turns rule files into checked values; collects every file's problem before failing.
struct Loader {
    struct Result {
        var scales: [String: Scale]
        var subjectScales: SubjectScales
        var workTypes: WorkTypes
        var attendanceCodes: AttendanceCodes
        var calendar: SchoolCalendar
        var roles: RoleDefinitions
        var exams: ExamScales
        var deadlines: Deadlines
        var notifications: Notifications
        var healthFlags: HealthFlags
    }

    let files: RuleFiles
    let scripts: [String: LuaScript]
    let state: LuaState
    let year: DateRange
    let limits: LuaLimits
    let host: RuleHost

    func load() throws -> Result {
        var errors: [RulesError] = []
        for required in SchoolRules.requiredFiles where files.files[required] == nil {
            errors.append(RulesError(file: required, .init("rules.school_rules.1")))
        }
        var scales: [String: Scale] = [:]
        for file in files.sorted where file.path.hasPrefix("scales/") {
            do {
                let scale = try Scale.parse(module(file, kind: "scale"), file: file, script: scripts[file.path]!)
                if let other = scales[scale.id] {
                    throw RulesError.field(
                        "id", in: file, .init("rules.school_rules.2", ["v1": "\(scale.id)", "v2": "\(other.file)"]))
                }
                scales[scale.id] = scale
            } catch let error as RulesError {
                errors.append(error)
            }
        }
        if scales.isEmpty && errors.isEmpty {
            errors.append(RulesError(file: "scales/", .init("rules.school_rules.3")))
        }
        func attempt<T>(_ path: String, _ parse: (RuleFile) throws -> T) -> T? {
            guard let source = files.files[path] else { return nil }
            do {
                return try parse(RuleFile(path: path, source: source))
            } catch let error as RulesError {
                errors.append(error)
            } catch {
                errors.append(RulesError(file: path, .init("rules.school_rules.4")))
            }
            return nil
        }
        let subjectScales = attempt("subjects.lua") { file in
            try SubjectScales.parse(module(file, kind: "subjects"), file: file, scales: Set(scales.keys))
        }
        let workTypes = attempt("work_types.lua") { file in
            try WorkTypes.parse(module(file, kind: "work_types"), file: file)
        }
        let attendance = attempt("attendance.lua") { file in
            try AttendanceCodes.parse(module(file, kind: "attendance_codes"), file: file)
        }
        let calendar = attempt("calendar.lua") { file in
            try SchoolCalendar.parse(module(file, kind: "calendar"), file: file, year: year)
        }
        let roles = attempt("roles.lua") { file in
            try RoleDefinitions.parse(
                module(file, kind: "roles"), file: file, script: scripts[file.path]!,
                conditions: ConditionRunner(host: host))
        }
        let exams = attempt("exams.lua") { file in
            try ExamScales.parse(module(file, kind: "exams"), file: file)
        }
        let deadlines = attempt("deadlines.lua") { file in
            try Deadlines.parse(module(file, kind: "deadlines"), file: file, script: scripts[file.path]!)
        }
        let notifications = attempt("notifications.lua") { file in
            try Notifications.parse(module(file, kind: "notifications"), file: file, script: scripts[file.path]!)
        }
        let healthFlags = attempt(HealthFlags.file) { file in
            try HealthFlags.parse(module(file, kind: "health_flags"), file: file, script: scripts[file.path]!)
        }
        for file in files.sorted where !file.path.hasPrefix("scales/") && !Self.knownFiles.contains(file.path) {
            // Other files (roles, later kinds) are checked by their own loaders; they must still run.
            _ = attempt(file.path) { try module($0, kind: nil) }
        }
        guard errors.isEmpty, let subjectScales, let workTypes, let attendance, let calendar, let roles else {
            throw RulesFailure(errors)
        }
        return Result(
            scales: scales, subjectScales: subjectScales, workTypes: workTypes, attendanceCodes: attendance,
            calendar: calendar, roles: roles, exams: exams ?? .none, deadlines: deadlines ?? .none,
            notifications: notifications ?? .none, healthFlags: healthFlags ?? .none)
    }

    static let knownFiles: Set<String> = Set(
        SchoolRules.requiredFiles + ["exams.lua", "deadlines.lua", "notifications.lua", HealthFlags.file])

    /// Runs the file and checks that it returns a table built by the constructor `kind`.
    private func module(_ file: RuleFile, kind: String?) throws -> LuaValue {
        let value: LuaValue
        do {
            value = try state.module(scripts[file.path]!, limits: limits)
        } catch let error as LuaError {
            throw RulesError(error)
        }
        if let kind, value["kind"] != .string(kind) {
            throw RulesError(
                file: file.path, .init("rules.school_rules.5", ["v1": "\(kind)", "v2": "\(describe(value))"]))
        }
        return value
    }

    private func describe(_ value: LuaValue) -> String {
        if let kind = value["kind"].stringValue { return "\(kind) { ... }" }
        return "a \(value.typeName)"
    }
}
