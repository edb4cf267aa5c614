import Foundation
import JournalTestSupport
import Testing

/// `journal surveys check`: a survey script checked from a file, its problems at their lines.
@Suite struct SurveysCommandTests {
    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("survey-\(UUID().uuidString).lua")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aShippedTemplateIsSummarised() async throws {
        let template = TestSchool.repository.appendingPathComponent("rules/surveys/school_meals.lua").path
        let checked = try await JournalProcess.run(["surveys", "check", template])
        #expect(checked.status == 0, "\(checked.errors)")
        #expect(checked.output.contains("Школьное питание"), "\(checked.output)")
        #expect(checked.output.contains("ballot: student; privacy: "), "\(checked.output)")
    }

    @Test func aBrokenScriptIsRefusedWithItsFileAndLine() async throws {
        let url = try Self.file("return survey {\n  title = \"x\",\n  questions = { { id = } },\n}\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let checked = try await JournalProcess.run(["surveys", "check", url.path])
        #expect(checked.status != 0)
        #expect(checked.errors.contains("\(url.path):3"), "\(checked.errors)")
    }
}
