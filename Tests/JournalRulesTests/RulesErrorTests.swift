import JournalModel
import JournalRules
import Localization
import LuaRuntime
import Testing

@Suite("Broken rules are refused with file:line and a plain message")
struct RulesErrorTests {
    static func failure(_ files: RuleFiles) async -> [String] {
        do {
            _ = try await RulesFixtures.load(files)
            return []
        } catch let failure as RulesFailure {
            return failure.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    /// The editor shows a methodologist the rules' own checks in their language.
    @Test func aRuleFilesProblemReadsInRussianAndInEnglish() async throws {
        let files = try RulesFixtures.edited(
            "scales/five.lua", replacing: #"marks = { "5", "4", "3", "2", "1" },"#,
            with: #"marks = { "5", "4", "3", "2", "2" },"#)
        do {
            _ = try await RulesFixtures.load(files)
            Issue.record("a scale with a mark listed twice was accepted")
        } catch let failure as RulesFailure {
            let error = try #require(failure.errors.first)
            #expect(error.text(.ru).hasSuffix("отметка «2» указана дважды"), "\(error.text(.ru))")
            #expect(error.text(.en).hasSuffix("the mark '2' is listed twice"))
            #expect(error.description == error.text(.en) && error.text(.ru).hasPrefix("scales/five.lua:"))
        }
    }

    @Test func runtimeErrorInARuleNamesItsLine() async throws {
        let files = try RulesFixtures.edited(
            "scales/five.lua", replacing: "if average >= 4.5 then return \"5\"\n",
            with: "if average >= nil then return \"5\"\n")
        let errors = await Self.failure(files)
        #expect(errors.contains { $0.hasPrefix("scales/five.lua:") && $0.contains("attempt to compare") })
    }

    @Test func failingScriptTestIsReported() async throws {
        let files = try RulesFixtures.edited(
            "scales/five.lua", replacing: "{ average = 4.49, expect = \"4\" }",
            with: "{ average = 4.49, expect = \"5\" }")
        let errors = await Self.failure(files)
        #expect(errors == [#"scales/five.lua:54: test 2: average 4.49: expected "5", got "4""#])
    }

    @Test func markOutsideTheScaleIsRefused() async throws {
        let files = try RulesFixtures.edited(
            "scales/five.lua", replacing: "else return \"2\" end\nend", with: "else return \"0\" end\nend")
        let errors = await Self.failure(files)
        #expect(errors.contains { $0.contains("period_mark returned \"0\", which is not a mark of the scale 'five'") })
    }

    @Test func syntaxErrorsAndMissingFilesAreAllReported() async throws {
        var files = try RulesFixtures.with("work_types.lua", "return work_types {\n  { code = 'x', weight = }\n}")
        files.files["calendar.lua"] = nil
        let errors = await Self.failure(files)
        #expect(errors.contains("calendar.lua: this rule file is missing"))
        #expect(errors.contains { $0.hasPrefix("work_types.lua:2:") && $0.contains("unexpected symbol") })
    }

    /// R22: roles.lua may not give the right to give roles to any role but the administrator.
    @Test func rolesMayNotGiveTheRightToGiveRolesToAnyoneButTheAdministrator() async throws {
        let files = try RulesFixtures.edited(
            "roles.lua", replacing: "\"substitutions.record\", \"reports.view\"",
            with: "\"substitutions.record\", \"roles.grant\", \"reports.view\"")
        let errors = await Self.failure(files)
        #expect(
            errors.contains {
                $0.hasPrefix("roles.lua:") && $0.contains("roles.grant belongs to the administrator alone")
            },
            "\(errors)")
    }

    @Test func substituteDaysMustBeAWholeNumberOfDays() async throws {
        let files = try RulesFixtures.edited(
            "roles.lua", replacing: "substitute_days = 7", with: "substitute_days = 2.5")
        let errors = await Self.failure(files)
        #expect(errors.contains { $0.contains("'substitute_days' must be a whole number of days from 0 to 90") })
    }

    @Test(arguments: [
        ("subjects.lua", "return subjects { default = 'seven' }", "subjects.lua:1: no scale 'seven'"),
        ("work_types.lua", "return work_types { { code = 'a', title = 'A', weight = 0 } }", "must be above 0"),
        ("calendar.lua", "return { }", "the script must return calendar { ... } (it returned a table)"),
        ("attendance.lua", "return attendance_codes { { code = 'Н' } }", "'[1].title' must be a non-empty string"),
    ])
    func invalidDeclarationsSayWhatIsAccepted(path: String, source: String, expected: String) async throws {
        let errors = await Self.failure(try RulesFixtures.with(path, source))
        #expect(errors.contains { $0.contains(expected) }, "\(errors)")
    }

    @Test func calendarWithOverlappingPeriodsOrMissingGradeIsRefused() async throws {
        let overlapping = try RulesFixtures.edited(
            "calendar.lua", replacing: #"key = "q2", title = "2 четверть", from = "11-05""#,
            with: #"key = "q2", title = "2 четверть", from = "10-20""#)
        #expect(
            await Self.failure(overlapping).contains { $0.contains("period q2 starts on 2026-10-20, before q1 ends") })
        let missing = try RulesFixtures.edited(
            "calendar.lua", replacing: #"["10-11"] = "halves""#, with: #"["10"] = "halves""#)
        #expect(await Self.failure(missing).contains { $0.contains("grade 11 has no period scheme") })
    }

    @Test func hostileRuleIsStoppedByTheSandbox() async throws {
        let files = try RulesFixtures.edited(
            "scales/five.lua", replacing: "local function recommended(average)\n",
            with: "local function recommended(average)\n  while true do end\n")
        let errors = await Self.failure(files)
        #expect(errors.contains { $0.contains("instruction budget exceeded") })
    }
}
