import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Issue 14's "done when", on a demo school: the deputy head launches the school-meals survey
/// to the parents of grades 1–4, parents answer, reminders reach only those who have not, and
/// after the close the results can be read by class where the groups are large enough.
@Suite("Surveys on the demo school")
struct DemoSurveyTests {
    @Test func theSchoolMealsSurveyFromLaunchToResults() async throws {
        let clock = TestClock()
        let service = JournalService(database: try JournalDatabase.inMemory(now: { clock.now }))
        let demo = try await service.createDemo(
            students: 160, seed: 3, today: TestSchool.today, rules: try TestSchool.shippedRules())
        #expect(demo.counts.first { $0.0 == "surveys" }?.1 == 2)
        #expect((demo.counts.first { $0.0 == "survey ballots" }?.1 ?? 0) > 0)
        let accounts = try await service.database.read { try $0.accounts() }
        let roles = try await service.database.read { try $0.accountRoles() }
        let deputy = roles.first { $0.role == .management }!.accountID
        let management = Caller.person(try await service.subject(account: deputy))
        let meals = try #require(try await service.surveys(caller: management).first { $0.template == "school_meals" })
        #expect(meals.status == .draft && meals.opens == TestSchool.today.adding(days: 1))
        let detail = try await service.surveyDetail(meals.id, caller: management)
        // Before launch: the audience, counted per class, only grades 1–4.
        #expect(!detail.audience.isEmpty && detail.audience.allSatisfy { ($0.title.first?.wholeNumberValue ?? 9) <= 4 })
        _ = try await service.launchSurvey(meals.id, version: detail.survey.version, caller: management)
        clock.advance(by: 86_400)

        // Parents answer: every family of each unit with an even position.
        let (units, respondents) = try await service.database.read { reader in
            (try reader.surveyUnits(meals.id), try reader.surveyRespondents(meals.id))
        }
        let accountOf = Dictionary(
            accounts.compactMap { account -> (String, AccountID)? in
                guard case .representative(let id)? = account.owner else { return nil }
                return ("representative:\(id)", account.id!)
            }, uniquingKeysWith: { first, _ in first })
        let byUnit = Dictionary(grouping: respondents, by: \.unitKey)
        var answered: Set<String> = []
        for (index, unit) in units.enumerated() where index % 3 != 0 {
            guard let account = byUnit[unit.key]?.compactMap({ accountOf[$0.owner] }).first else { continue }
            let parent = Caller.person(try await service.subject(account: account))
            _ = try await service.submitBallot(
                meals.id,
                BallotInput(
                    unit: unit.key,
                    answers: ["how_often": .text(index % 2 == 0 ? "Каждый день" : "Редко"), "taste": .number(4)]
                        .merging(index % 2 == 0 ? [:] : ["why_not": .list(["Маленькие порции"])]) { $1 }),
                caller: parent)
            answered.insert(unit.key)
        }
        #expect(answered.count > 10)

        // The reminder day (five days before the close): only the families that have not answered.
        _ = try await service.runDelivery(mailer: nil, caller: .system("t"))
        clock.advance(by: 6 * 86_400)
        let report = try await service.runDelivery(mailer: nil, caller: .system("t"))
        #expect(report.surveyReminders > 0)
        let reminded = try await service.database.read { reader in
            try reader.outbox(
                representatives: respondents.compactMap { respondent in
                    Int64(respondent.owner.split(separator: ":").last ?? "").map { RepresentativeID($0) }
                }, limit: 10_000
            ).filter { $0.messageClass == "surveys" }
        }
        let waitingOwners = Set(respondents.filter { !answered.contains($0.unitKey) }.map(\.owner))
        #expect(!reminded.isEmpty)
        #expect(reminded.allSatisfy { waitingOwners.contains("representative:\($0.representativeID)") })

        // After the close: results by class where at least five answered.
        clock.advance(by: 7 * 86_400)
        let results = try await service.surveyResults(meals.id, caller: management)
        #expect(results.ballots == answered.count && !results.suppressed)
        #expect(results.classes.contains { !$0.suppressed })
        #expect(results.classes.allSatisfy { $0.suppressed || $0.ballots >= 5 })
        #expect(results.derived.first?.value == "80")
        #expect(results.named == nil)
    }
}
