public import Foundation
import HummingbirdBcrypt
import HummingbirdTesting
public import JournalModel
public import JournalRules
public import JournalService
import JournalStore
public import Logging
import Testing

/// A school for one test, in a database of its own (in memory, or in a file of a temporary
/// directory), built through the audited store with the parts the test asks for. Its clock
/// stands at ``noon`` of ``today``, a Friday of the second quarter, until the test moves it.
///
/// ```swift
/// let school = try await TestSchool.make()  // Петрова's mathematics in 5А
/// let school = try await TestSchool.make([.marks, .sixB], accounts: [.teacher, .otherTeacher])
/// ```
public struct TestSchool: Sendable {
    public let service: JournalService
    public let clock: TestClock
    /// The directory of the database file, for a school built with ``Storage/temporaryFile``.
    public let directory: URL?
    var content: Content
    let accounts: [Person: AccountID]
    var tokens: [Person: String]

    public static let name = "Тестовая школа"
    public static let today = LocalDate("2026-11-20")!
    /// 2026-11-20 12:00 Moscow time.
    public static let noon = Date(timeIntervalSince1970: 1_795_165_200)
    /// Everyone's password.
    public static let password = "Vesna-2026!"
    /// bcrypt at cost 4: a real hash, made once for every account of every school of the run.
    public static let passwordHash = Bcrypt.hash(password, cost: 4)
    /// The repository's root, where the shipped rules and the examples are.
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let rulesDirectory = repository.appendingPathComponent("rules").path

    /// Where the school's database is.
    public enum Storage: Sendable {
        /// An in-memory database, gone with the service.
        case memory
        /// `school.sqlite` in a temporary directory of its own, removed by ``cleanUp()``.
        case temporaryFile
    }

    /// What the school holds besides the school itself and its year. Every part builds on
    /// ``fiveA``; ``crossTeaching`` and ``substitution`` build on ``sixB``.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Nobody: the school, its year, its bells and its rules.
        public static let empty: Parts = []
        /// Петрова Мария, class teacher of 5А, teaches it mathematics: Иванова Анна, Смирнов
        /// Олег, Кузнецова Дарья. Its lesson of Monday 16.11 (2nd, «Дроби») was held and has a
        /// test and an answer in class, unmarked.
        public static let fiveA = Parts(rawValue: 1 << 0)
        /// Marks and attendance in each lesson held. In 5А's mathematics Анна has 5 for the test
        /// (×3) and 3 for the answer (×1), 4.5 on average, and was late; Олег has 3 for the test;
        /// Дарья was absent.
        public static let marks = Parts(rawValue: 1 << 1)
        /// Two more lessons of 5А's mathematics with nothing recorded: Wednesday 18.11 (3rd),
        /// ``plainLesson``, and today's (4th), ``todayLesson``.
        public static let week = Parts(rawValue: 1 << 2)
        /// Сидоров Павел, class teacher of 6Б, teaches it mathematics: Морозов Максим and
        /// Кузнецов Игорь. Its lesson of 16.11 (3rd) was held and has a test.
        public static let sixB = Parts(rawValue: 1 << 3)
        /// Teachers outside their own class: Сидоров teaches 5А Russian (a dictation on 17.11),
        /// Петрова teaches informatics to a subgroup of 6Б, Кузнецов Игорь (practical work on 18.11).
        public static let crossTeaching = Parts(rawValue: 1 << 4)
        /// Today's 5th lesson of 6Б's mathematics, which management arranged for Петрова to give
        /// in Сидоров's place; its answer in class has Морозов's 4 from Сидоров and his 5 from
        /// Петрова.
        public static let substitution = Parts(rawValue: 1 << 5)
        /// A weekly timetable of every subject taught, in room 21: mathematics in 5А on Monday
        /// (2nd) and in 6Б on Monday (3rd), Russian on Tuesday (1st), informatics on Wednesday (5th).
        public static let timetable = Parts(rawValue: 1 << 6)
        /// The administrator's extension letting HR view reports.
        public static let rightsExtension = Parts(rawValue: 1 << 7)

        /// These parts and the parts they build on.
        var withWhatTheyBuildOn: Parts {
            var parts = self
            if !parts.isEmpty { parts.insert(.fiveA) }
            if !parts.isDisjoint(with: [.crossTeaching, .substitution]) { parts.insert(.sixB) }
            return parts
        }

        public static let all: Parts = [
            .fiveA, .marks, .week, .sixB, .crossTeaching, .substitution, .timetable, .rightsExtension,
        ]
    }

    /// Builds a school of `parts`, with an account for each of `people` (and of `signingIn`), and
    /// signs `signingIn` in through the API (see ``token(_:)``).
    public static func make(
        _ parts: Parts = .fiveA, accounts people: Set<Person> = [], signingIn: [Person] = [],
        storage: Storage = .memory, clock: TestClock = TestClock(), sessionPolicy: SessionPolicy = .default,
        signInLimits: SignInLimits = .default, logger: Logger = Logger(label: "test")
    ) async throws -> TestSchool {
        let parts = parts.withWhatTheyBuildOn
        let people = people.union(signingIn)
        let directory = storage == .temporaryFile ? try temporaryDirectory() : nil
        let database =
            if let directory {
                try JournalDatabase.open(
                    path: directory.appendingPathComponent("school.sqlite").path, now: { clock.now })
            } else {
                try JournalDatabase.inMemory(now: { clock.now })
            }
        let service = JournalService(
            database: database, sessionPolicy: sessionPolicy, signInLimits: signInLimits, logger: logger)
        try await service.initialize(schoolName: name, rules: try shippedRules(), today: today)
        let fixture = Caller.system("test school")
        let content = try await database.write(actor: fixture.actor) { writer in
            try Content(parts: parts, people: people, builder: try SchoolBuilder(writer))
        }
        if let psychologist = content.staff[.psychologist], let anna = content.fiveA?.students[0] {
            try await service.setCaseload(staff: psychologist.id!, students: [anna.id!], caller: fixture)
        }
        var school = TestSchool(
            service: service, clock: clock, directory: directory, content: content, accounts: content.accounts,
            tokens: [:])
        if parts.contains(.rightsExtension) {
            school.content.rightsExtension = try await service.addRightsExtension(
                RightsExtensionInput(
                    role: .hr, accountID: nil, capability: "reports.view", scope: "school", effect: "allow",
                    comment: "hr prepares staffing reports"),
                caller: fixture
            ).id
        }
        if !signingIn.isEmpty {
            school.tokens = try await school.application().test(.router) { client in
                var tokens: [Person: String] = [:]
                for person in signingIn {
                    tokens[person] = try await client.signIn(person.login, password: password).token
                }
                return tokens
            }
        }
        return school
    }

    /// Adds to the school in one audited transaction, as the test writes it.
    public func build<T: Sendable>(_ body: @Sendable (SchoolBuilder) throws -> T) async throws -> T {
        try await service.database.write(actor: .system("test")) { writer in try body(try SchoolBuilder(writer)) }
    }

    // MARK: People

    /// The account of `person`, who must have been given one.
    public func account(_ person: Person) -> AccountID {
        guard let account = accounts[person] else { preconditionFailure("\(person) has no account in this school") }
        return account
    }

    /// The bearer token of `person`, signed in when the school was built.
    public func token(_ person: Person) -> String {
        guard let token = tokens[person] else { preconditionFailure("\(person) was not signed in") }
        return token
    }

    /// The staff record of a member of staff of the school.
    public func staff(_ person: Person) -> Staff {
        guard let staff = content.staff[person] else { preconditionFailure("\(person) is not on this school's staff") }
        return staff
    }

    // MARK: Rules

    /// The rules the repository ships, as `journal init` reads them.
    public static func shippedRules() throws -> RuleFiles { try RuleFiles.load(directory: rulesDirectory) }

    /// The shipped rules with one file's text replaced.
    public static func rules(editing path: String, replacing old: String, with new: String) throws -> RuleFiles {
        try shippedRules().replacing(old, with: new, in: path)
    }
}

extension RuleFiles {
    /// These rules with `old` replaced by `new` in the file at `path`.
    public func replacing(_ old: String, with new: String, in path: String) -> RuleFiles {
        var copy = self
        copy.files[path] = copy.files[path]!.replacingOccurrences(of: old, with: new)
        return copy
    }
}
