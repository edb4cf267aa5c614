import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// R8's promise, proved on what is stored and what is shown: in anonymous and confidential
/// surveys nothing links a ballot to the person who cast it.
@Suite("Surveys: anonymity that holds")
struct SurveyAnonymityTests {
    /// Everything that names Анна's mother or her daughter's unit.
    func identifiers(_ families: SurveyFamilies) async throws -> [String] {
        let school = families.school
        let subject = try await school.service.subject(account: school.account(.parent))
        let anna = school.students[0]
        return [
            "representative:\(subject.representativeID!)", "student:\(anna.id!)", "person:", Person.parent.login,
            Person.parent.name.description, anna.name.description, "ivanova",
        ]
    }

    @Test(
        "anonymous: no stored row, audit entry or response links the answer to its author",
        arguments: ["anonymous", "confidential"])
    func noLink(privacy: String) async throws {
        let families = try await SurveyFamilies.make()
        let service = families.school.service
        let questions = """
            { id = "q", kind = "yes_no", required = true, text = "Согласны?" },
            { id = "note", kind = "long_text", text = "Комментарий" }
            """
        let id = try await families.launch(
            surveyScript(ballot: "person", privacy: privacy, k: 3, questions: questions))
        let marker = "метка-\(UUID().uuidString)"
        let auditBefore = try await service.database.read { try $0.everyRow().filter { $0.table == "audit" }.count }
        let mother = try await families.mother
        families.school.clock.advance(by: 3_600 * 5 + 17)
        _ = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: ["q": .flag(true), "note": .text(marker)]), caller: mother)
        // Others answer too, so the ballot is one of several.
        _ = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: ["q": .flag(false), "note": .text("—")]), caller: families.father)
        _ = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: ["q": .flag(false), "note": .text("нет")]), caller: families.twoChildren
        )
        let names = try await identifiers(families)
        let subject = try await service.subject(account: families.school.account(.parent))
        let rows = try await service.database.read { try $0.everyRow() }
        // The ballot's row holds the answer and nothing that names anyone, nor a time finer than the day.
        let holding = rows.filter { $0.row.values.contains { $0.contains(marker) } }
        #expect(holding.map(\.table) == ["surveyBallot"])
        for (_, row) in holding {
            for value in row.values {
                for name in names { #expect(!value.contains(name), "\(value) names \(name)") }
                #expect(value.range(of: #"\d{2}:\d{2}"#, options: .regularExpression) == nil, "a time: \(value)")
            }
            #expect(row["unitKey"] == nil && row["respondent"] == nil)
            // Nor the day or the paper: beside who answered on which day, either would point at the author.
            #expect(row["day"] == nil && row["isPaper"] == "0")
        }
        // No audit entry was written for the ballots: the log names its actors.
        #expect(rows.filter { $0.table == "audit" }.count == auditBefore)
        // The ballots' ids are random, not in the order they were cast.
        let ids = rows.filter { $0.table == "surveyBallot" }.compactMap { $0.row["id"] }
        #expect(Set(ids).count == 3 && ids.allSatisfy { $0.count >= 32 })
        let participation = rows.filter { $0.table == "surveyParticipation" }
        if privacy == "anonymous" {
            // Who answered is stored only as a keyed hash, and the key is destroyed at the close.
            for (_, row) in participation {
                for name in names { #expect(!(row["unit"] ?? "").contains(name)) }
            }
        } else {
            #expect(participation.contains { $0.row["unit"] == "person:representative:\(subject.representativeID!)" })
        }
        #expect(participation.allSatisfy { $0.row["day"] == "2026-11-20" })
        // What the respondent is shown back: no stored answers.
        #expect(try await service.surveyForm(id, unit: nil, caller: mother).answers == nil)
        try await families.close()
        #expect(try await service.database.read { try $0.surveySecret(id) } == nil)
        let results = try await service.surveyResults(id, caller: try await families.management)
        let shown = String(decoding: try JSONEncoder().encode(results), as: UTF8.self)
        #expect(results.named == nil)
        // A respondent reads the survey, not its script or its results' snapshot.
        let detail = try await service.surveyDetail(id, caller: mother)
        #expect(detail.survey.snapshot == nil && detail.survey.source.isEmpty && detail.audience.isEmpty)
        for name in names { #expect(!shown.contains(name), "the results name \(name)") }
        // The free text is listed (three answers, k = 3), without anyone's name.
        #expect(results.questions[1].texts == ["нет", "—", marker].sorted())
        // The close is audited with the results it kept: by the system, naming nobody.
        let audit = try await service.database.read { try $0.everyRow().filter { $0.table == "audit" } }
        for (_, row) in audit where row.values.contains(where: { $0.contains(marker) }) {
            #expect(row["actorAccountID"] == nil && row["entity"] == "survey")
            for name in names { #expect(!(row["after"] ?? "").contains(name)) }
        }
    }
}
