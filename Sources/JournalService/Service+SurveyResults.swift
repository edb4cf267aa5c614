public import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
import Localization
import LuaRuntime

/// A closed survey's results as they stood at the close (R8): per question counts and
/// percentages, a breakdown by class and by grade where groups reach k, free text without
/// names, and what the script derived. Nothing in it names a respondent but, in a named
/// survey, the list of named ballots that only those who launch surveys see.
public struct SurveyResults: Sendable, Codable {
    public struct Row: Sendable, Codable, Hashable {
        /// The option, point or statement as the script names it.
        public var key: String
        public var label: String
        public var count: Int
        /// Of the question's answers, in whole percent.
        public var percent: Int
        /// A ranking's average place (1 = first), a matrix statement's average point.
        public var mean: Double?
    }

    public struct Question: Sendable, Codable, Hashable {
        public var id: String
        public var text: String
        public var kind: SurveyQuestionKind
        /// Ballots that answered it.
        public var answered: Int
        public var rows: [Row]
        /// The average of a scale or a number.
        public var mean: Double?
        /// Free-text answers, in alphabetical order, without names.
        public var texts: [String]
        /// Fewer than k answered it: nothing but the count is shown.
        public var suppressed: Bool
    }

    public struct Group: Sendable, Codable, Hashable {
        public var title: String
        public var ballots: Int
        /// Fewer than k ballots (or needed to protect such a group): nothing shown.
        public var suppressed: Bool
        public var questions: [Question]
    }

    public struct Derived: Sendable, Codable, Hashable {
        public var title: String
        public var value: String
    }

    public struct NamedBallot: Sendable, Codable, Hashable {
        public var label: String
        public var className: String?
        public var isPaper: Bool
        public var answers: [String: String]
    }

    public var surveyID: SurveyID
    public var title: String
    public var privacy: SurveyPrivacy
    public var minimumGroup: Int
    public var audience: Int
    public var ballots: Int
    public var paperBallots: Int
    public var closedAt: Date?
    /// Fewer than k ballots in all: no answer is shown.
    public var suppressed: Bool
    public var questions: [Question]
    public var classes: [Group]
    public var grades: [Group]
    public var derived: [Derived]
    public var named: [NamedBallot]?
}

extension JournalService {
    /// A closed survey's results, for those who launch surveys and the readers its script
    /// names. Before the close there are none to read.
    public func surveyResults(_ id: SurveyID, caller: Caller) async throws -> SurveyResults {
        try await closeDueSurveys()
        guard let survey = try await database.read({ try $0.survey(id) }), survey.status != .draft else {
            try await authorize(caller, .surveysLaunch, .school)
            throw ServiceError.unknown(entity: "survey", id: id.description)
        }
        guard try await mayReadResults(survey, caller: caller) else {
            try await authorize(caller, .surveysLaunch, .school)
            throw ServiceError.unknown(entity: "survey", id: id.description)
        }
        guard survey.status == .closed, let snapshot = survey.snapshot else {
            throw JournalError.refused(.init("survey.results_after_close", ["closes": survey.closes.russianText]))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var results = try decoder.decode(SurveyResults.self, from: Data(snapshot.utf8))
        if survey.privacy == .named, try await may(caller, .surveysLaunch, .school) {
            results.named = try await namedBallots(survey)
        }
        return results
    }

    /// Closes the launched surveys whose last day has passed: their results are computed
    /// and kept, an anonymous survey's participation key is destroyed. Then deletes the raw
    /// answers of closed surveys past their retention. Run on every survey read and by the
    /// delivery schedule; doing it twice changes nothing.
    public func closeDueSurveys() async throws {
        let today = try await today()
        let now = now()
        let (due, expired) = try await database.read { reader in
            (try reader.surveysToClose(today: today), try reader.surveysToPurge(now: now))
        }
        for survey in due {
            // A ballot cast while the results were counted (a respondent's last second before
            // midnight) makes the count stale: count again, then close in the same breath.
            for _ in 1...3 {
                let results = try await computeResults(survey, closedAt: now)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                let snapshot = String(decoding: try encoder.encode(results), as: UTF8.self)
                let closed = try await database.write(actor: .system("surveys")) { writer in
                    guard var current = try writer.reader.survey(survey.id!), current.status == .launched else {
                        return true
                    }
                    guard try writer.reader.surveyBallotCount(survey.id!) == results.ballots else { return false }
                    current.status = .closed
                    current.closedAt = now
                    current.snapshot = snapshot
                    try writer.update(current)
                    try writer.destroySurveySecret(survey.id!)
                    return true
                }
                if closed { break }
            }
        }
        for id in expired {
            try await database.write(actor: .system("surveys")) { writer in
                guard var current = try writer.reader.survey(id), current.answersDeletedAt == nil else { return }
                current.answersDeletedAt = now
                try writer.update(current)
                try writer.deleteSurveyAnswers(id)
            }
        }
    }

    /// The results of a survey's ballots as they stand.
    func computeResults(_ survey: Survey, closedAt: Date?) async throws -> SurveyResults {
        let id = survey.id!
        let (ballots, units, participation) = try await database.read { reader in
            (try reader.surveyBallots(id), try reader.surveyUnits(id), try reader.surveyParticipation(id))
        }
        let script = try await loadSurvey(survey.source, file: "survey.lua")
        let questions = script.definition.questions.filter(\.kind.isAnswered)
        let k = survey.minimumGroup
        let classNames = Dictionary(units.compactMap { unit in unit.classID.map { ($0, unit.className ?? "?") } }) {
            first, _ in first
        }
        let overall = Self.tally(questions, ballots, k: k, showTexts: ballots.count >= k)
        // Ballots of no class (staff, a person's own) are a group too: the total less the
        // shown classes would otherwise give them away.
        let byClass = Dictionary(grouping: ballots, by: { $0.classID })
        let classes = Self.protect(
            byClass.map { entry in
                (
                    title: entry.key.map { classNames[$0] ?? "?" } ?? "—",
                    order: entry.value.first?.grade ?? 99, ballots: entry.value
                )
            }, questions: questions, k: k)
        // A grade is hidden when it holds a hidden class that the grade less its shown classes
        // would reveal.
        var hiddenInGrade: [Int: Int] = [:]
        for (classID, group) in byClass {
            guard let grade = group.first?.grade,
                classes.first(where: { $0.title == (classID.map { classNames[$0] ?? "?" } ?? "—") })?.suppressed == true
            else { continue }
            hiddenInGrade[grade, default: 0] += group.count
        }
        let byGrade = Dictionary(grouping: ballots, by: { $0.grade })
        let grades = Self.protect(
            byGrade.map { (title: $0.key.map(String.init) ?? "—", order: $0.key ?? 99, ballots: $0.value) },
            questions: questions, k: k,
            forced: Set(hiddenInGrade.filter { $0.value > 0 && $0.value < k }.map { String($0.key) }))
        var derived: [SurveyResults.Derived] = []
        if ballots.count >= k {
            derived = try await script.derived(Self.lua(overall, ballots: ballots.count, questions: questions)).map {
                SurveyResults.Derived(title: $0.title, value: $0.value)
            }
        }
        return SurveyResults(
            surveyID: id, title: survey.title, privacy: survey.privacy, minimumGroup: k, audience: units.count,
            ballots: ballots.count, paperBallots: participation.filter(\.isPaper).count, closedAt: closedAt,
            suppressed: ballots.count < k, questions: ballots.count >= k ? overall : [], classes: classes,
            grades: grades, derived: derived, named: nil)
    }

    /// A named survey's ballots with their units' names, read as they stand: they are not
    /// kept in the results, so the survey's retention deletes them with the ballots.
    func namedBallots(_ survey: Survey) async throws -> [SurveyResults.NamedBallot] {
        let id = survey.id!
        let (ballots, units) = try await database.read { reader in
            (try reader.surveyBallots(id), try reader.surveyUnits(id))
        }
        let byKey = Dictionary(units.map { ($0.key, $0) }) { first, _ in first }
        return ballots.compactMap { ballot in
            guard let key = ballot.unitKey, let unit = byKey[key] else { return nil }
            return SurveyResults.NamedBallot(
                label: unit.label, className: unit.className, isPaper: ballot.isPaper,
                answers: ballot.answers.mapValues(Self.text))
        }.sorted { ($0.className ?? "", $0.label) < ($1.className ?? "", $1.label) }
    }

    /// Groups with fewer than k ballots are suppressed (and those `forced`); when the
    /// suppressed groups together hold fewer than k, the smallest shown group is suppressed
    /// too, so that the total less the shown groups cannot reveal a small one. Free text is
    /// never shown per group.
    package static func protect(
        _ groups: [(title: String, order: Int, ballots: [SurveyBallot])], questions: [SurveyQuestion], k: Int,
        forced: Set<String> = []
    ) -> [SurveyResults.Group] {
        var suppressed = Set(groups.filter { $0.ballots.count < k }.map(\.title)).union(forced)
        var hidden = groups.filter { suppressed.contains($0.title) }.reduce(0) { $0 + $1.ballots.count }
        let shown = groups.filter { !suppressed.contains($0.title) }.sorted { $0.ballots.count < $1.ballots.count }
        var index = 0
        while hidden > 0, hidden < k, index < shown.count {
            suppressed.insert(shown[index].title)
            hidden += shown[index].ballots.count
            index += 1
        }
        return groups.sorted { ($0.order, $0.title) < ($1.order, $1.title) }.map { group in
            let isSuppressed = suppressed.contains(group.title)
            return SurveyResults.Group(
                title: group.title, ballots: isSuppressed ? 0 : group.ballots.count, suppressed: isSuppressed,
                questions: isSuppressed ? [] : tally(questions, group.ballots, k: k, showTexts: false))
        }
    }

    /// Counts and percentages per question.
    /// A question fewer than k answered (one its condition showed to few) shows nothing but
    /// that it was answered so.
    package static func tally(_ questions: [SurveyQuestion], _ ballots: [SurveyBallot], k: Int, showTexts: Bool)
        -> [SurveyResults.Question]
    {
        questions.map { question in
            let answers = ballots.compactMap { $0.answers[question.id] }
            let answered = answers.count
            guard answered >= k else {
                return SurveyResults.Question(
                    id: question.id, text: question.text, kind: question.kind, answered: answered, rows: [], mean: nil,
                    texts: [], suppressed: true)
            }
            func percent(_ count: Int) -> Int {
                answered == 0 ? 0 : Int((Double(count) * 100 / Double(answered)).rounded())
            }
            func row(_ key: String, _ label: String, _ count: Int, mean: Double? = nil) -> SurveyResults.Row {
                SurveyResults.Row(key: key, label: label, count: count, percent: percent(count), mean: mean)
            }
            var rows: [SurveyResults.Row] = []
            var mean: Double?
            var texts: [String] = []
            switch question.kind {
            case .single, .multiple:
                rows = question.options.map { option in
                    let count = answers.filter { answer in
                        switch answer {
                        case .text(let choice): choice == option
                        case .list(let choices): choices.contains(option)
                        default: false
                        }
                    }.count
                    return row(option, option, count)
                }
            case .ranking:
                rows = question.options.map { option in
                    let places = answers.compactMap { answer -> Int? in
                        guard case .list(let order) = answer, let place = order.firstIndex(of: option) else {
                            return nil
                        }
                        return place + 1
                    }
                    let average = places.isEmpty ? nil : Double(places.reduce(0, +)) / Double(places.count)
                    return row(option, option, places.filter { $0 == 1 }.count, mean: average)
                }.sorted { ($0.mean ?? .infinity) < ($1.mean ?? .infinity) }
            case .scale:
                let points = answers.compactMap { answer -> Int? in
                    if case .number(let point) = answer { return Int(exactly: point) }
                    return nil
                }
                rows = question.points.map { point in
                    let label = question.labels[String(point)].map { "\(point) — \($0)" } ?? String(point)
                    return row(String(point), label, points.filter { $0 == point }.count)
                }
                mean = points.isEmpty ? nil : Double(points.reduce(0, +)) / Double(points.count)
            case .matrix:
                rows = question.statements.map { statement in
                    let points = answers.compactMap { answer -> Int? in
                        if case .matrix(let given) = answer { return given[statement] }
                        return nil
                    }
                    let average = points.isEmpty ? nil : Double(points.reduce(0, +)) / Double(points.count)
                    return row(statement, statement, points.count, mean: average)
                }
            case .number:
                let numbers = answers.compactMap { answer -> Double? in
                    if case .number(let number) = answer { return number }
                    return nil
                }
                mean = numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count)
            case .date:
                let days = answers.compactMap { answer -> String? in
                    if case .text(let day) = answer { return day }
                    return nil
                }
                rows = Dictionary(grouping: days, by: { $0 }).map { row($0.key, $0.key, $0.value.count) }
                    .sorted { $0.key < $1.key }
            case .yesNo, .consent:
                let yes = answers.filter { $0 == .flag(true) }.count
                let (yesLabel, noLabel) =
                    question.kind == .yesNo
                    ? (Strings.text("survey.yes", .ru), Strings.text("survey.no", .ru))
                    : (Strings.text("survey.consent_given", .ru), Strings.text("survey.consent_refused", .ru))
                rows = [row("true", yesLabel, yes), row("false", noLabel, answered - yes)]
            case .text, .longText:
                if showTexts {
                    texts = answers.compactMap { answer -> String? in
                        guard case .text(let text) = answer, !text.isEmpty else { return nil }
                        return text
                    }.sorted()
                }
            case .info:
                break
            }
            return SurveyResults.Question(
                id: question.id, text: question.text, kind: question.kind, answered: answered, rows: rows, mean: mean,
                texts: texts, suppressed: false)
        }
    }

    /// The results as the script's `derived(results)` sees them: `results.ballots`,
    /// `results.questions.<id>.answered`, `.counts[<option or point>]`, `.mean`, `.options`.
    static func lua(_ questions: [SurveyResults.Question], ballots: Int, questions definitions: [SurveyQuestion])
        -> LuaValue
    {
        var table: [String: LuaValue] = [:]
        for question in questions {
            var entry: [String: LuaValue] = [
                "answered": .integer(Int64(question.answered)),
                "counts": .map(
                    Dictionary(question.rows.map { ($0.key, LuaValue.integer(Int64($0.count))) }) { a, _ in a }),
                "options": .array(
                    (definitions.first { $0.id == question.id }?.options ?? []).map { .string($0) }),
            ]
            if let mean = question.mean { entry["mean"] = .number(mean) }
            table[question.id] = .map(entry)
        }
        return .map(["ballots": .integer(Int64(ballots)), "questions": .map(table)])
    }

    /// An answer as a cell of an export or a list.
    static func text(_ answer: SurveyAnswer) -> String {
        switch answer {
        case .text(let text): text
        case .list(let list): list.joined(separator: "; ")
        case .number(let number): Int(exactly: number).map(String.init) ?? String(number)
        case .flag(let flag): Strings.text(flag ? "survey.yes" : "survey.no", .ru)
        case .matrix(let points):
            points.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        }
    }
}

extension JournalService {
    /// The surveys' part of the delivery schedule: closes the surveys whose last day has
    /// passed, and on each reminder day of an open survey that knows who answered, reminds
    /// the representatives of the units that have not, once (the outbox keeps one message per
    /// survey, day and unit).
    func scheduleSurveys(into report: inout DeliveryReport) async throws {
        try await closeDueSurveys()
        let today = try await today()
        let rules = try await rules()
        let school = try await school()
        let now = now()
        let due = try await database.read { reader in
            try reader.surveys().filter { survey in
                // A reminder day reached and not yet served (the server may have been down on it).
                survey.isOpen(on: today) && survey.privacy.knowsRespondents
                    && survey.reminderDays.contains { days in
                        let day = survey.closes.adding(days: -days)
                        return day <= today && !survey.remindersSent.contains { $0 >= day }
                    }
            }
        }
        for survey in due {
            let id = survey.id!
            let messages = try await database.read { reader in
                let answered = Set(try reader.surveyParticipation(id).map(\.unit))
                let waiting = try reader.surveyUnits(id).filter { !answered.contains($0.key) }
                return DeliveryPlanner(reader: reader, rules: rules, school: school, now: now).surveyReminders(
                    survey, units: waiting, respondents: try reader.surveyRespondents(id), today: today)
            }
            report.surveyReminders += try await database.enqueue(messages, consumer: "surveys", position: nil)
            try await database.write(actor: .system("surveys")) { writer in
                guard var current = try writer.reader.survey(id) else { return }
                current.remindersSent.append(today)
                try writer.update(current)
            }
        }
    }
}
