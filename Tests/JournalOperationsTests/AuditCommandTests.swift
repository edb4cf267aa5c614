import Foundation
import JournalModel
import JournalService
import Testing

/// `journal audit` reads the history a running school wrote, with the filters people type.
@Suite struct AuditCommandTests {
    @Test func theHistoryOfOneMarkFromTheCommandLine() async throws {
        let school = try await FileSchool.make()
        defer { school.cleanUp() }
        var mark = try await school.service.postMark(
            MarkDraft(workID: school.test, studentID: school.students[0], value: "3"), caller: .system("test"))
        mark = try await school.service.changeMark(
            mark.id!, version: mark.version, value: "4", comment: nil, caller: .system("test"), reason: "пересдача")
        try school.close()

        let history = try await JournalProcess.run(["audit", "--db", school.path, "--entity", "mark:\(mark.id!)"])
        #expect(history.status == 0, "\(history.errors)")
        let lines = history.output.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(lines.count == 2, "\(history.output)")
        #expect(lines.first?.contains("update mark:\(mark.id!)  «пересдача»") == true, "\(history.output)")
        #expect(history.output.contains(#"before: {"#) && history.output.contains(#""value":"3""#))

        let none = try await JournalProcess.run([
            "audit", "--db", school.path, "--entity", "mark", "--from", "2030-01-01",
        ])
        #expect(none.status == 0 && none.output.contains("No changes match."), "\(none.output)")

        let wrong = try await JournalProcess.run(["audit", "--db", school.path, "--entity", "marks"])
        #expect(wrong.status != 0 && wrong.errors.contains("'marks' is not a kind of record; use account"))
    }
}
