import Foundation
import JournalModel
import JournalRules
import LuaRuntime
import Testing

@Suite("Survey scripts: loading, checks at their lines, functions in the sandbox")
struct SurveyScriptTests {
    static let base = """
        return survey {
          title = "Опрос",
          audience = function(p) return p.kind == "parent" end,
          opens = "2026-12-01", closes = "2026-12-10",
          questions = {
            { id = "a", kind = "single", text = "Выбор", options = { "x", "y" } },
            { id = "b", kind = "text", text = "Почему?", show = function(answers) return answers.a == "y" end },
          },
          derived = function(results) return { { title = "Ответов", value = results.ballots } } end,
          tests = {
            { answers = { a = "y" }, shows = { "b" } },
          },
        }
        """

    func problems(_ source: String) async -> [RulesError] {
        do {
            _ = try await SurveyScript.load(source: source, file: "s.lua")
            return []
        } catch let failure as RulesFailure {
            return failure.errors
        } catch {
            return [RulesError(file: "?", message: "\(error)")]
        }
    }

    @Test("a good script loads with its defaults")
    func loads() async throws {
        let script = try await SurveyScript.load(source: Self.base, file: "s.lua")
        let definition = script.definition
        #expect(definition.privacy == .anonymous && definition.ballotUnit == .person && definition.minimumGroup == 5)
        #expect(definition.retentionDays == 365 && definition.questions.map(\.id) == ["a", "b"])
        #expect(definition.questions[1].isConditional)
        let parent = SurveyCandidate(kind: .parent, roles: ["parent"], childClass: "5А", childGrade: 5)
        #expect(
            try await script.audience([parent, SurveyCandidate(kind: .staff, roles: ["teacher"])]) == [true, false])
        #expect(try await script.shownQuestions(answers: ["a": .text("x")], respondent: parent).map(\.id) == ["a"])
        let derived = try await script.derived(.map(["ballots": .integer(7)]))
        #expect(derived.first?.title == "Ответов" && derived.first?.value == "7")
    }

    @Test(
        "each mistake is reported at its line",
        arguments: [
            (
                "  opens = \"2026-12-01\", closes = \"2026-12-10\",",
                "  opens = \"1 декабря\", closes = \"2026-12-10\",", 4
            ),
            ("{ id = \"a\", kind = \"single\"", "{ id = \"a\", kind = \"choice\"", 6),
            ("options = { \"x\", \"y\" } }", "options = { \"x\" } }", 6),
            ("{ answers = { a = \"y\" }, shows = { \"b\" } },", "{ answers = { a = \"x\" }, shows = { \"b\" } },", 11),
            ("  title = \"Опрос\",", "  title = \"Опрос\", colour = \"red\",", 2),
        ])
    func lines(old: String, new: String, line: Int) async {
        let errors = await problems(Self.base.replacingOccurrences(of: old, with: new))
        #expect(errors.first?.line == line, "\(errors)")
    }

    @Test("a template's days are set on their own lines, and a script without the line says so")
    func settingDays() {
        let moved = SurveyScript.settingDates(
            Self.base, opens: LocalDate("2027-01-11")!, closes: LocalDate("2027-01-22")!)
        #expect(moved.contains(#"opens = "2027-01-11", closes = "2027-01-22","#))
        #expect(SurveyScript.setting("retention_days", to: LocalDate("2027-01-11")!, in: Self.base) == nil)
    }

    @Test("a script that does not parse is refused at its line")
    func syntax() async {
        let errors = await problems(Self.base.replacingOccurrences(of: "return p.kind", with: "return p.kind =="))
        #expect(errors.first?.line == 3)
    }

    @Test("an audience function that loops or eats memory is stopped, not the server")
    func limits() async throws {
        let looping = Self.base.replacingOccurrences(
            of: "return p.kind == \"parent\"", with: "while true do end")
        let script = try await SurveyScript.load(source: looping, file: "s.lua")
        await #expect(throws: RulesFailure.self) {
            _ = try await script.audience([SurveyCandidate(kind: .parent, roles: [])])
        }
        let hungry = Self.base.replacingOccurrences(
            of: "return p.kind == \"parent\"", with: "local t = {} for i = 1, 1e9 do t[i] = string.rep(\"x\", 1000) end"
        )
        let eating = try await SurveyScript.load(source: hungry, file: "s.lua")
        await #expect(throws: RulesFailure.self) {
            _ = try await eating.audience([SurveyCandidate(kind: .parent, roles: [])])
        }
        // The sandbox has no I/O.
        let reading = Self.base.replacingOccurrences(
            of: "return p.kind == \"parent\"", with: "return io.open(\"/etc/passwd\") ~= nil")
        let io = try await SurveyScript.load(source: reading, file: "s.lua")
        await #expect(throws: RulesFailure.self) {
            _ = try await io.audience([SurveyCandidate(kind: .parent, roles: [])])
        }
    }
}
