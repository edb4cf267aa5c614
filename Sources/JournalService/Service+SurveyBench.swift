public import Foundation
public import JournalModel
import JournalStore

/// What `journal bench surveys` prepares: a launched survey of the school's students and a
/// signed-in session for each of its respondents, to cast ballots through the API.
public struct SurveyBenchSetup: Sendable {
    public var survey: SurveyID
    /// Bearer tokens of respondents, one a unit.
    public var tokens: [String]
    /// A ballot every respondent may cast.
    public var answers: [String: SurveyAnswer]
}

extension JournalService {
    /// Launches an anonymous survey of every student (a ballot each) and opens a bearer
    /// session for up to `respondents` of them, as if each had signed in and chosen a password.
    /// For a bench's throwaway database only.
    public func benchSurveyRespondents(_ respondents: Int) async throws -> SurveyBenchSetup {
        let system = Caller.system("bench surveys")
        let today = try await today()
        let source = """
            return survey {
              title = "Bench: a short survey",
              audience = function(p) return p.kind == "student" end,
              ballot = "person", privacy = "anonymous", k = 5,
              opens = "\(today)", closes = "\(today.adding(days: 7))",
              questions = {
                { id = "meals", kind = "single", required = true, options = { "yes", "sometimes", "no" },
                  text = "Do you eat at school?" },
                { id = "taste", kind = "scale", min = 1, max = 5, required = true, text = "How is the food?" },
                { id = "clubs", kind = "multiple", min = 1, max = 2, options = { "chess", "robotics", "choir" },
                  text = "Which clubs?" },
                { id = "wish", kind = "text", text = "One wish" },
              },
            }
            """
        let draft = try await createSurvey(source: source, template: nil, caller: system)
        let survey = try await launchSurvey(draft.id!, version: draft.version, caller: system)
        let now = now()
        let tokens = try await database.read { reader -> [(AccountID, String)] in
            let owners = Set(try reader.surveyRespondents(survey.id!).map(\.owner))
            return try reader.accounts().compactMap { account in
                guard case .student(let id) = account.owner, owners.contains("student:\(id)") else { return nil }
                return (account.id!, Self.randomToken())
            }.prefix(respondents).map { $0 }
        }
        try await database.write(actor: system.actor, reason: "bench: respondents signed in") { writer in
            for (id, _) in tokens {
                guard var account = try writer.reader.account(id), account.mustChangePassword else { continue }
                account.mustChangePassword = false
                try writer.update(account)
            }
        }
        for (id, token) in tokens {
            _ = try await database.insertSession(
                SessionRecord(
                    tokenHash: Self.hashToken(token), accountID: id, kind: .bearer, csrfToken: Self.randomToken(),
                    createdAt: now, lastSeenAt: now, expiresAt: now.addingTimeInterval(86_400)))
        }
        return SurveyBenchSetup(
            survey: survey.id!, tokens: tokens.map(\.1),
            answers: ["meals": .text("sometimes"), "taste": .number(4), "clubs": .list(["chess", "choir"])])
    }

    /// Launches a 20-question survey, stores `ballots` varied ballots in it directly, and times
    /// the computation of its results `repetitions` times, then its close.
    public func benchSurveyResults(ballots count: Int, repetitions: Int) async throws -> (
        computations: [Duration], close: Duration
    ) {
        let system = Caller.system("bench surveys")
        let today = try await today()
        let kinds = [
            #"kind = "single", options = { "a", "b", "c", "d" }"#,
            #"kind = "multiple", min = 1, max = 3, options = { "a", "b", "c", "d", "e" }"#,
            #"kind = "scale", min = 1, max = 5"#,
            #"kind = "matrix", min = 1, max = 5, statements = { "s1", "s2", "s3" }"#,
            #"kind = "text""#,
        ]
        let questions = (0..<20).map { n in
            "{ id = \"q\(n)\", text = \"Question \(n)\", \(kinds[n % kinds.count]) },"
        }.joined(separator: "\n    ")
        let source = """
            return survey {
              title = "Bench: twenty questions",
              audience = function(p) return p.kind == "student" end,
              ballot = "person", privacy = "confidential", k = 5,
              opens = "\(today)", closes = "\(today)",
              questions = {
                \(questions)
              },
              derived = function(results)
                local q = results.questions.q2
                if not q or q.answered == 0 then return {} end
                return { { title = "Index", value = math.floor(q.mean * 20 + 0.5) } }
              end,
            }
            """
        let draft = try await createSurvey(source: source, template: nil, caller: system)
        let survey = try await launchSurvey(draft.id!, version: draft.version, caller: system)
        let id = survey.id!
        let units = try await database.read { reader in try reader.surveyUnits(id) }
        var random = SystemRandomNumberGenerator()
        for n in 0..<count {
            let unit = units[n % units.count]
            var answers: [String: SurveyAnswer] = [:]
            for q in 0..<20 {
                let letters = ["a", "b", "c", "d", "e"]
                switch q % 5 {
                case 0: answers["q\(q)"] = .text(letters[Int.random(in: 0..<4, using: &random)])
                case 1: answers["q\(q)"] = .list(Array(letters.shuffled(using: &random).prefix(2)))
                case 2: answers["q\(q)"] = .number(Double(Int.random(in: 1...5, using: &random)))
                case 3:
                    answers["q\(q)"] = .matrix(
                        Dictionary(uniqueKeysWithValues: ["s1", "s2", "s3"].map { ($0, Int.random(in: 1...5)) }))
                default: answers["q\(q)"] = .text("answer \(n % 50)")
                }
            }
            let ballot = SurveyBallot(
                id: Self.randomToken(), surveyID: id, unitKey: nil, respondent: nil, classID: unit.classID,
                grade: unit.grade, day: today, isPaper: false, answers: answers, receiptHash: nil)
            _ = try await database.castBallot(
                ballot,
                participation: SurveyParticipation(surveyID: id, unit: "bench:\(n)", day: today, isPaper: false),
                replacing: nil)
        }
        let clock = ContinuousClock()
        var computations: [Duration] = []
        for _ in 0..<repetitions {
            let started = clock.now
            _ = try await computeResults(survey, closedAt: nil)
            computations.append(clock.now - started)
        }
        // The close computes them once more and keeps them; it runs once the last day passed.
        try await database.write(actor: system.actor, reason: "bench: the survey's last day passed") { writer in
            guard var current = try writer.reader.survey(id) else { return }
            current.closes = today.adding(days: -1)
            try writer.update(current)
        }
        let started = clock.now
        try await closeDueSurveys()
        return (computations, clock.now - started)
    }
}
