import Foundation
import JournalModel
import JournalTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real `journal serve` and a second `journal` process on one database file (issue 10,
/// item 1): what the second commits is what the server answers with at its next request, with
/// no restart. Before, rules activated from the command line showed as active in the history
/// while the server went on computing with the version it had loaded.
@Suite struct TwoProcessesTests {
    /// The rules with the «4» threshold of the five-point scale moved from 3.5 to 3.6, and the
    /// scale's own tests moved with it, so that the version passes its checks.
    static func stricterRules(in school: TestSchool) throws -> String {
        let directory = school.file("stricter-rules")
        try FileManager.default.copyItem(atPath: TestSchool.rulesDirectory, toPath: directory)
        let five = directory + "/scales/five.lua"
        let source = try String(contentsOfFile: five, encoding: .utf8)
        let stricter =
            source
            .replacingOccurrences(of: "elseif average >= 3.5 then", with: "elseif average >= 3.6 then")
            .replacingOccurrences(of: "{ average = 3.5, expect = \"4\" }", with: "{ average = 3.6, expect = \"4\" }")
            .replacingOccurrences(of: "{ average = 3.49, expect = \"3\" }", with: "{ average = 3.59, expect = \"3\" }")
        #expect(stricter != source, "the fixture's rules still have the lines this test edits")
        try stricter.write(toFile: five, atomically: true, encoding: .utf8)
        return directory
    }

    /// The first student's standing in the journal the server answers now.
    static func standing(_ server: ServerProcess, _ school: TestSchool, token: String) throws -> [String: Any] {
        let journal = try server.request("GET", "/api/v1/assignments/\(school.assignment.id!)/journal", token: token)
        #expect(journal.status == 200, "\(journal.body)")
        let standings = journal.json["standings"] as? [[String: Any]] ?? []
        let student = school.students[0].id!.rawValue
        return try #require(standings.first { ($0["studentID"] as? Int).map(Int64.init) == student })
    }

    @Test func rulesActivatedByAnotherProcessAreWhatTheServerComputesWithNext() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try school.close()
        let server = try await ServerProcess(
            database: school.path, arguments: ["--today", "2026-11-20"], log: URL(fileURLWithPath: school.file("1.log"))
        )
        let token = try server.signIn()
        // A 4 and a 3 for the same work: an average of exactly 3.5.
        for value in ["4", "3"] {
            let answer = try ServerProcessTests.postMark(server, school, token: token, student: 0, value: value)
            #expect(answer.status == 201, "\(answer.body)")
        }
        let before = try Self.standing(server, school, token: token)
        #expect(before["average"] as? Double == 3.5)
        #expect(before["recommended"] as? String == "4", "\(before)")

        let activated = try await JournalProcess.run([
            "rules", "activate", "--db", school.path, try Self.stricterRules(in: school), "--comment", "граница 3,6",
        ])
        #expect(activated.status == 0, "\(activated.errors)")

        // The same server, not restarted: the next request computes with the new version.
        let after = try Self.standing(server, school, token: token)
        #expect(after["recommended"] as? String == "3", "\(after)")
        #expect((after["rule"] as? String)?.contains("period_mark(3.5) → 3") == true, "\(after)")

        try await server.stop(SIGTERM)
        #expect(server.process.terminationStatus == 0, "\(server.logText)")
    }
}
