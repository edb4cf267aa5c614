import Foundation
import Hummingbird
import HummingbirdTesting
import JournalRules
import JournalService
import JournalTestSupport
import Synchronization
import Testing

/// The rules editor's work runs on its own thread with a total budget: two checks of a slow
/// scale leave the server answering (issue 9, item 4: health was frozen for 54 s).
@Suite("The rules editor under load")
struct RulesEditorLoadTests {
    @Test func healthAnswersWhileTwoSlowChecksRun() async throws {
        let school = try await TestSchool.makeForAdministration()
        var files = try RuleFiles.load(directory: TestSchool.rulesDirectory)
        let slowTests = (1...400).map { _ in "{ average = 4.5, expect = \"5\" }," }.joined(separator: "\n    ")
        files.files["scales/five.lua"] = files.files["scales/five.lua"]!
            .replacingOccurrences(
                of: "local function recommended(average)\n",
                with: "local function recommended(average)\n  local x = 0 for i = 1, 90000 do x = x + i end\n"
            )
            .replacingOccurrences(of: "    { average = 4.5, expect = \"5\" },", with: "    " + slowTests)
        let slow = files
        let checksDone = Counter()
        try await school.withClient { client in
            // The report once before the checks start, so that the first answer measured is not
            // a cold one that could outlast both checks on a loaded machine.
            _ = try await school.service.periodMarks(className: "5А", period: "q2", caller: .system("test"))
            _ = try await client.execute(uri: "/api/v1/health", method: .get)
            let checks = Task {
                async let first = try? school.service.checkRules(slow)
                async let second = try? school.service.checkRules(slow)
                _ = await (first, second)
                checksDone.value.store(1, ordering: .sequentiallyConsistent)
            }
            // While the checks run, health and a page of the active rules keep answering:
            // the checks hold the editor's thread, not the threads that serve requests.
            var answeredMeanwhile = 0
            while checksDone.value.load(ordering: .sequentiallyConsistent) == 0 {
                let health = try await client.execute(uri: "/api/v1/health", method: .get)
                #expect(health.status == .ok)
                let report = try await school.service.periodMarks(
                    className: "5А", period: "q2", caller: .system("test"))
                #expect(!report.rows.isEmpty)
                if checksDone.value.load(ordering: .sequentiallyConsistent) == 0 { answeredMeanwhile += 1 }
            }
            await checks.value
            #expect(answeredMeanwhile > 0, "nothing was answered while the checks ran")
        }
    }
}

private final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
