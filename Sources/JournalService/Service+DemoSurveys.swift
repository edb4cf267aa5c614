import DefaultRules
import Foundation
import JournalDemo
import JournalModel
import JournalRules
import JournalStore

extension JournalService {
    /// The demo's surveys (R8): the school-meals survey as a draft opening tomorrow, for the
    /// deputy head to launch to the parents of grades 1–4, and the choice of extracurricular
    /// courses, open since today for two weeks, which about a third of the students (or one
    /// of their parents) have answered.
    func makeDemoSurveys(seed: UInt64, today: LocalDate) async throws -> (surveys: Int, ballots: Int) {
        let templates = DefaultRules.surveyTemplates
        guard let meals = templates["school_meals"], let courses = templates["extracurricular"] else { return (0, 0) }
        let system = Caller.system("journal demo")
        _ = try await createSurvey(
            source: SurveyScript.settingDates(meals, opens: today.adding(days: 1), closes: today.adding(days: 12)),
            template: "school_meals", caller: system)
        let draft = try await createSurvey(
            source: SurveyScript.settingDates(courses, opens: today, closes: today.adding(days: 14)),
            template: "extracurricular", caller: system)
        let survey = try await launchSurvey(draft.id!, version: draft.version, caller: system)
        let id = survey.id!
        let (units, respondents, accounts) = try await database.read { reader in
            (
                try reader.surveyUnits(id), try reader.surveyRespondents(id),
                try reader.accounts().filter { !$0.isDisabled }
            )
        }
        let accountOf = Dictionary(
            accounts.compactMap { account -> (String, AccountID)? in
                switch account.owner {
                case .student(let student)?: ("student:\(student)", account.id!)
                case .representative(let representative)?: ("representative:\(representative)", account.id!)
                default: nil
                }
            }, uniquingKeysWith: { first, _ in first })
        let byUnit = Dictionary(grouping: respondents, by: \.unitKey)
        var random = DemoRandom(seed: seed ^ 0x5375_7276_6579)
        let options = [
            "Робототехника", "Шахматы", "Школьный театр", "Волейбол", "Юный журналист", "Финансовая грамотность",
        ]
        var ballots = 0
        for unit in units where Double.random(in: 0..<1, using: &random) < 0.35 {
            guard let account = (byUnit[unit.key] ?? []).compactMap({ accountOf[$0.owner] }).first else { continue }
            let chosen = Array(options.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)))
            let answers: [String: SurveyAnswer] = [
                "courses": .list(chosen),
                "priority": .list(["Техническое", "Спортивное", "Творческое"].shuffled(using: &random)),
                "hours": .number(Double(Int.random(in: 1...6, using: &random))),
            ]
            let caller = Caller.person(try await subject(account: account))
            _ = try await submitBallot(id, BallotInput(unit: unit.key, answers: answers), caller: caller)
            ballots += 1
        }
        return (2, ballots)
    }
}
