import Foundation
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `journal audit` reads the history a running school wrote, with the filters people type.
@Suite struct AuditCommandTests {
    @Test func theHistoryOfOneMarkFromTheCommandLine() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        var mark = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: school.students[0].id!, value: "3"), caller: .system("test"))
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

    @Test func eachChangeSaysThroughWhichCallOrCommandItCame() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try school.close()
        let server = try await ServerProcess(
            database: school.path, arguments: ["--today", "2026-11-20"], log: URL(fileURLWithPath: school.file("1.log"))
        )
        let token = try server.signIn()
        let posted = try ServerProcessTests.postMark(server, school, token: token, student: 1, value: "4")
        #expect(posted.status == 201, "\(posted.body)")
        try await server.stop(SIGTERM)
        let rules = try await JournalProcess.run([
            "rules", "activate", "--db", school.path, try TwoProcessesTests.stricterRules(in: school),
        ])
        #expect(rules.status == 0, "\(rules.errors)")

        let marks = try await JournalProcess.run(["audit", "--db", school.path, "--entity", "mark"])
        #expect(
            marks.output.contains("insert mark:") && marks.output.contains("via POST /api/v1/marks"), "\(marks.output)")
        let activations = try await JournalProcess.run([
            "audit", "--db", school.path, "--entity", "rules", "--limit", "1",
        ])
        #expect(activations.output.contains("via journal rules activate"), "\(activations.output)")
    }
}

/// `journal exams import` records a protocol whole, or refuses it with file:line in Russian.
@Suite struct ExamsCommandTests {
    @Test func aProtocolFromTheCommandLine() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try await school.build { builder in
            let nineA = try builder.schoolClass(9, "А", teacher: nil)
            _ = try builder.students([PersonName(lastName: "Орлова", firstName: "Вера")], of: nineA)
        }
        try school.close()
        let header = "student,class,subject,exam,date,score,mark,protocol,protocol_date\n"
        let row = "Орлова Вера,9А,Математика,ОГЭ,2027-05-27,23,,15,2027-06-09\n"
        let wrong = school.file("wrong.csv")
        try (header + row + "Петров Иван,9А,Математика,ОГЭ,2027-05-27,20,,15,2027-06-09\n").write(
            toFile: wrong, atomically: true, encoding: .utf8)
        let refused = try await JournalProcess.run(["exams", "import", "--db", school.path, wrong])
        #expect(refused.status != 0)
        #expect(refused.errors.contains("wrong.csv:3: в классе 9А нет ученика «Петров Иван»"), "\(refused.errors)")
        let right = school.file("right.csv")
        try (header + row).write(toFile: right, atomically: true, encoding: .utf8)
        let imported = try await JournalProcess.run(["exams", "import", "--db", school.path, right])
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.contains("1 exam results recorded."))
    }
}
