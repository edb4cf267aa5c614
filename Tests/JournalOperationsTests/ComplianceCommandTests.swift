import Foundation
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// `journal compliance report`: the journal-keeping monitor as CSV from the command line, and
/// plain words for what it does not accept.
@Suite struct ComplianceCommandTests {
    /// 15:00 Moscow time on 17 November 2026.
    static let afternoon = Date(timeIntervalSince1970: 1_794_916_800)

    @Test func aReportOfLessonRecordsAsCSV() async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try await school.build { builder in
            var recorded = try builder.lesson(school.assignment, on: "2026-11-17", number: 3)
            recorded.recordedAt = Self.afternoon
            try builder.writer.update(recorded)
            _ = try builder.lesson(school.assignment, on: "2026-11-18", number: 3)
        }
        try school.close()

        let arguments = ["compliance", "report", "--db", school.path, "--from", "2026-11-17", "--to", "2026-11-18"]
        let report = try await JournalProcess.run(arguments + ["--duty", "lesson_record", "--teacher", "petrova"])
        #expect(report.status == 0, "\(report.errors)")
        let lines = report.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "date,teacher,subject,group,duty,clause,due,entered_at,status,failure")
        #expect(lines.count == 3, "\(report.output)")
        let row = try #require(lines.dropFirst().first)
        #expect(row.hasPrefix("2026-11-17,") && row.contains(",Математика,"), "\(row)")
        #expect(row.hasSuffix(",lesson_record,п. 3.4,2026-11-17 23:59,2026-11-17 15:00,on_time,"), "\(row)")
        #expect(lines.last?.hasSuffix(",lesson_record,п. 3.4,2026-11-18 23:59,,missing,") == true)

        let byID = try await JournalProcess.run(
            arguments + ["--teacher", String(school.teacher.id!.rawValue), "--format", "json"])
        #expect(byID.status == 0 && byID.output.contains(#""status" : "on_time""#), "\(byID.errors)")
    }

    @Test(arguments: [
        (["--from", "2026-11-31", "--to", "2026-11-30"], "--from: give a date YYYY-MM-DD, not 2026-11-31"),
        (["--from", "2026-11-20", "--to", "2026-11-17"], "is before --from (2026-11-20): give from ≤ to"),
        (
            ["--from", "2026-11-17", "--to", "2026-11-20", "--duty", "topics"],
            "'topics' is not a duty of deadlines.lua"
        ),
        (["--from", "2026-11-17", "--to", "2026-11-20", "--teacher", "nobody"], "'nobody' is neither the login"),
        (
            ["--from", "2026-11-17", "--to", "2026-11-20", "--class", "9Я"],
            "there is no class '9Я' this year; the classes are"
        ),
    ])
    func badArgumentsSayWhatIsAccepted(_ wrong: [String], _ message: String) async throws {
        let school = try await TestSchool.makeOnDisk()
        defer { school.cleanUp() }
        try school.close()
        let refused = try await JournalProcess.run(["compliance", "report", "--db", school.path] + wrong)
        #expect(refused.status != 0)
        #expect(refused.errors.contains(message), "\(refused.errors)")
        #expect(refused.output.isEmpty)
    }
}
