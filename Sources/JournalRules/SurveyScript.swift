public import Foundation
public import JournalModel
import Localization
public import LuaRuntime

/// What a survey script declares (R8): its text, its questions, who answers and how, when it
/// is open and who reads its results. Its functions — the audience, the questions'
/// conditions and the derived results — run through ``SurveyScript``.
public struct SurveyDefinition: Sendable, Hashable {
    public var title: String
    public var description: String
    public var questions: [SurveyQuestion]
    public var ballotUnit: BallotUnit
    public var privacy: SurveyPrivacy
    /// The smallest group whose answers are shown (k).
    public var minimumGroup: Int
    public var opens: LocalDate
    public var closes: LocalDate
    /// Days before the close on which those who have not answered are reminded.
    public var reminderDays: [Int]
    public var resultsReaders: [SurveyResultsReader]
    public var retentionDays: Int
    /// Whether the script computes derived results (`derived = function(results) … end`).
    public var hasDerived: Bool

    public func question(_ id: String) -> SurveyQuestion? { questions.first { $0.id == id } }
}

/// A person the audience function is asked about, as Lua sees them: `kind` ("parent",
/// "student" or "staff"), `roles` (a set: `roles.teacher`), `class` and `grade` of a
/// student, `child` (the class and grade of the child a representative is asked about) and
/// `paper` (the family's agreed form is paper).
public struct SurveyCandidate: Sendable {
    public enum Kind: String, Sendable { case parent, student, staff }
    public var kind: Kind
    public var roles: [String]
    public var className: String?
    public var grade: Int?
    /// The class and grade of the child a representative is asked about.
    public var childClass: String?
    public var childGrade: Int?
    public var paper: Bool

    public init(
        kind: Kind, roles: [String], className: String? = nil, grade: Int? = nil, childClass: String? = nil,
        childGrade: Int? = nil, paper: Bool = false
    ) {
        self.kind = kind
        self.roles = roles
        self.className = className
        self.grade = grade
        self.childClass = childClass
        self.childGrade = childGrade
        self.paper = paper
    }

    var lua: LuaValue {
        var fields: [String: LuaValue] = [
            "kind": .string(kind.rawValue), "paper": .boolean(paper),
            "roles": .map(Dictionary(uniqueKeysWithValues: roles.map { ($0, LuaValue.boolean(true)) })),
        ]
        if let className { fields["class"] = .string(className) }
        if let grade { fields["grade"] = .integer(Int64(grade)) }
        if let childClass, let childGrade {
            fields["child"] = .map(["class": .string(childClass), "grade": .integer(Int64(childGrade))])
        }
        return .map(fields)
    }

    static func from(_ value: LuaValue) -> SurveyCandidate? {
        guard let map = value.mapValue, let kind = map["kind"]?.stringValue.flatMap(Kind.init) else { return nil }
        let roles =
            (map["roles"]?.mapValue?.keys).map(Array.init) ?? map["roles"]?.arrayValue?.compactMap(\.stringValue)
        let child = map["child"]?.mapValue
        return SurveyCandidate(
            kind: kind, roles: (roles ?? []).sorted(), className: map["class"]?.stringValue,
            grade: map["grade"]?.integerValue.map { Int($0) }, childClass: child?["class"]?.stringValue,
            childGrade: child?["grade"]?.integerValue.map { Int($0) }, paper: map["paper"]?.boolValue ?? false)
    }
}

/// A loaded, checked survey script: its definition and a sandboxed state to run its
/// functions in. Loading runs the script's own tests; any problem is reported at its line.
public final class SurveyScript: Sendable {
    public let definition: SurveyDefinition
    public let file: String
    let script: LuaScript
    let pool: LuaStatePool

    /// One call of the audience function or a condition: small, like a rule's function.
    static let callLimits = SchoolRules.defaultCallLimits

    /// The longest survey the product takes.
    public static let maximumQuestions = 100

    /// Loads `source` (named `file` in messages), checks every field and runs its tests.
    public static func load(source: String, file: String) async throws -> SurveyScript {
        let pool = LuaStatePool(capacity: 2, threads: nil) { state in
            RuleHost.unavailable.install(on: state)
            try state.installGlobals(from: Prelude.script)
        }
        let script = LuaScript(name: file, source: source)
        let ruleFile = RuleFile(path: file, source: source)
        let definition = try await pool.withState { state in
            state.budget = SchoolRules.checkBudget()
            defer { state.budget = nil }
            let value: LuaValue
            do {
                value = try state.module(script)
            } catch let error as LuaError {
                throw RulesFailure([RulesError(error)])
            }
            guard value["kind"] == .string("survey") else {
                throw RulesFailure([RulesError(file: file, .init("survey.script.not_a_survey"))])
            }
            do {
                return try SurveyParser(file: ruleFile, value: value).parse()
            } catch let error as RulesError {
                throw RulesFailure([error])
            }
        }
        let loaded = SurveyScript(definition: definition, file: file, script: script, pool: pool)
        try await loaded.runTests(ruleFile)
        return loaded
    }

    private init(definition: SurveyDefinition, file: String, script: LuaScript, pool: LuaStatePool) {
        self.definition = definition
        self.file = file
        self.script = script
        self.pool = pool
    }

    /// Which candidates the audience function takes, in their order.
    public func audience(_ candidates: [SurveyCandidate]) async throws -> [Bool] {
        try await pool.withState { state in
            state.budget = LuaBudget(
                instructions: 20_000 * max(candidates.count, 100), timeout: .seconds(30),
                purpose: "resolving the survey's audience")
            defer { state.budget = nil }
            return try candidates.map { candidate in
                let result = try call(state, ["audience"], [candidate.lua])
                guard let taken = result.boolValue else {
                    throw RulesFailure([
                        RulesError(
                            file: file, line: RuleFile(path: file, source: script.source).line(assigning: "audience"),
                            .init("survey.script.audience_result", ["value": result.json]))
                    ])
                }
                return taken
            }
        }
    }

    /// The questions shown to `respondent` given these answers, in order: a question with a
    /// condition is shown when its `show(answers, respondent)` returns true.
    public func shownQuestions(answers: [String: SurveyAnswer], respondent: SurveyCandidate) async throws
        -> [SurveyQuestion]
    {
        guard definition.questions.contains(where: \.isConditional) else { return definition.questions }
        return try await pool.withState { state in try shown(state, answers: answers, respondent: respondent) }
    }

    /// Checks a ballot against the questions shown to the respondent: every answer of the
    /// right shape and within its range, every required question answered, nothing answered
    /// that is not shown. Returns the answers to store.
    public func check(answers: [String: SurveyAnswer], respondent: SurveyCandidate) async throws -> [String:
        SurveyAnswer]
    {
        for id in answers.keys.sorted() where definition.question(id)?.kind.isAnswered != true {
            throw JournalError.invalid(
                field: "answers.\(id)", message: .init("survey.answer.unknown", ["question": id]))
        }
        // Each answer's shape and range first: the conditions then see only sound values.
        for (id, answer) in answers {
            if let question = definition.question(id), !Self.isEmpty(answer) {
                _ = try SurveyAnswerCheck(question: question).check(answer)
            }
        }
        let shown = try await shownQuestions(answers: answers, respondent: respondent)
        let shownIDs = Set(shown.map(\.id))
        for id in answers.keys.sorted() where !shownIDs.contains(id) {
            throw JournalError.invalid(field: "answers.\(id)", message: .init("survey.answer.hidden", ["question": id]))
        }
        var checked: [String: SurveyAnswer] = [:]
        for question in shown where question.kind.isAnswered {
            guard let answer = answers[question.id], !Self.isEmpty(answer) else {
                if question.isRequired {
                    throw JournalError.invalid(
                        field: "answers.\(question.id)",
                        message: .init("survey.answer.required", ["question": question.text]))
                }
                continue
            }
            checked[question.id] = try SurveyAnswerCheck(question: question).check(answer)
        }
        return checked
    }

    /// The script's derived results (`derived(results)`): titled values such as an index or
    /// a winner. `results` is the summary the core computed, as Lua sees it.
    public func derived(_ results: LuaValue) async throws -> [(title: String, value: String)] {
        guard definition.hasDerived else { return [] }
        return try await pool.withState { state in
            state.budget = LuaBudget(instructions: 5_000_000, timeout: .seconds(5), purpose: "deriving results")
            defer { state.budget = nil }
            let value = try call(state, ["derived"], [results])
            guard let rows = value.arrayValue ?? (value.isNil ? [] : nil) else {
                throw RulesFailure([
                    RulesError(file: file, .init("survey.script.derived_result", ["value": value.json]))
                ])
            }
            return try rows.map { row in
                guard let title = row["title"].stringValue, !row["value"].isNil else {
                    throw RulesFailure([
                        RulesError(file: file, .init("survey.script.derived_result", ["value": row.json]))
                    ])
                }
                let value = row["value"]
                let text =
                    value.stringValue ?? value.integerValue.map(String.init)
                    ?? value.doubleValue.map { String(format: "%.2f", $0) } ?? value.json
                return (title, text)
            }
        }
    }

    /// The script with its `opens` and `closes` set to these days: a template reused in
    /// another week. A day the script does not assign is left as it is.
    public static func settingDates(_ source: String, opens: LocalDate, closes: LocalDate) -> String {
        var text = source
        for (field, day) in [("opens", opens), ("closes", closes)] {
            text = setting(field, to: day, in: text) ?? text
        }
        return text
    }

    /// The script with its first assignment `field = "YYYY-MM-DD"` (at a line's start or after
    /// a comma or a brace) set to `day`; nil when there is none.
    public static func setting(_ field: String, to day: LocalDate, in source: String) -> String? {
        guard
            let pattern = try? NSRegularExpression(
                pattern: #"((?:^|[,{])\s*\#(field)\s*=\s*")\d{4}-\d{2}-\d{2}(")"#, options: [.anchorsMatchLines]),
            let match = pattern.firstMatch(in: source, range: NSRange(source.startIndex..., in: source)),
            let range = Range(match.range, in: source)
        else { return nil }
        return source.replacingCharacters(
            in: range, with: pattern.replacementString(for: match, in: source, offset: 0, template: "$1\(day)$2"))
    }

    // MARK: -

    private func call(_ state: LuaState, _ path: [String], _ arguments: [LuaValue]) throws -> LuaValue {
        do {
            return try state.call(script, path: path, arguments, limits: Self.callLimits)
        } catch let error as LuaError {
            throw RulesFailure([RulesError(error)])
        }
    }

    private func shown(_ state: LuaState, answers: [String: SurveyAnswer], respondent: SurveyCandidate) throws
        -> [SurveyQuestion]
    {
        let given = LuaValue.map(answers.mapValues(\.lua))
        return try definition.questions.filter { question in
            guard question.isConditional else { return true }
            let result = try call(state, ["show_functions", question.id], [given, respondent.lua])
            guard let shown = result.boolValue else {
                throw RulesFailure([
                    RulesError(
                        file: file, .init("survey.script.show_result", ["question": question.id, "value": result.json]))
                ])
            }
            return shown
        }
    }

    static func isEmpty(_ answer: SurveyAnswer) -> Bool {
        switch answer {
        case .text(let text): text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .list(let list): list.isEmpty
        case .matrix(let matrix): matrix.isEmpty
        case .number, .flag: false
        }
    }

    /// Runs the script's `tests`: `{ respondent = {…}, audience = true|false }` checks the
    /// audience function; `{ answers = {…}, respondent = {…}, shows = {…}, hides = {…} }` the
    /// conditions; `{ answers = {…}, valid = false }` the checks of answers.
    private func runTests(_ file: RuleFile) async throws {
        let tests: [LuaValue] = try await pool.withState { state in
            (try? state.module(script))?["tests"].arrayValue ?? []
        }
        var failures: [RulesError] = []
        for (index, test) in tests.enumerated() {
            let line = file.line(ofEntry: index, in: "tests")
            func fail(_ expected: String, _ got: String) {
                failures.append(
                    RulesError(
                        file: file.path, line: line,
                        .init("survey.script.test_failed", ["n": String(index + 1), "expected": expected, "got": got])))
            }
            let respondent =
                SurveyCandidate.from(test["respondent"]) ?? SurveyCandidate(kind: .parent, roles: ["parent"])
            do {
                if let expected = test["audience"].boolValue {
                    let got = try await audience([respondent])[0]
                    if got != expected { fail("audience = \(expected)", "audience = \(got)") }
                    continue
                }
                var answers: [String: SurveyAnswer] = [:]
                for (key, value) in test["answers"].mapValue ?? [:] {
                    guard let answer = SurveyAnswer(value) else {
                        fail("answers.\(key): a string, number, boolean, list or table of numbers", value.json)
                        continue
                    }
                    answers[key] = answer
                }
                if let valid = test["valid"].boolValue {
                    var got = true
                    var reason = ""
                    do { _ = try await check(answers: answers, respondent: respondent) } catch let error as JournalError
                    {
                        got = false
                        reason = error.text(.en)
                    }
                    if got != valid { fail("valid = \(valid)", "valid = \(got) \(reason)") }
                }
                let shown = Set(try await shownQuestions(answers: answers, respondent: respondent).map(\.id))
                for id in test["shows"].arrayValue?.compactMap(\.stringValue) ?? [] where !shown.contains(id) {
                    fail("shows \(id)", "hidden")
                }
                for id in test["hides"].arrayValue?.compactMap(\.stringValue) ?? [] where shown.contains(id) {
                    fail("hides \(id)", "shown")
                }
            } catch let error as RulesFailure {
                failures += error.errors.map {
                    RulesError(file: $0.file, line: $0.line ?? line, message: "test \(index + 1): \($0.message)")
                }
            }
        }
        if !failures.isEmpty { throw RulesFailure(failures) }
    }
}

extension SurveyAnswer {
    /// The answer as its Lua value: a string, a list, a number, a boolean or a table.
    public var lua: LuaValue {
        switch self {
        case .text(let text): .string(text)
        case .list(let list): .array(list.map { .string($0) })
        case .number(let number): Int64(exactly: number).map { .integer($0) } ?? .number(number)
        case .flag(let flag): .boolean(flag)
        case .matrix(let matrix): .map(matrix.mapValues { .integer(Int64($0)) })
        }
    }

    init?(_ value: LuaValue) {
        switch value {
        case .string(let text): self = .text(text)
        case .boolean(let flag): self = .flag(flag)
        case .integer, .number: self = .number(value.doubleValue!)
        case .array(let list):
            let strings = list.compactMap(\.stringValue)
            guard strings.count == list.count else { return nil }
            self = .list(strings)
        case .map(let map):
            let points = map.compactMapValues { $0.integerValue.map { Int($0) } }
            guard points.count == map.count else { return nil }
            self = .matrix(points)
        case .nil, .function: return nil
        }
    }
}
