import Foundation
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalServer
import JournalService
import JournalTestSupport
import Testing

/// Surveys through the JSON API (R8, issue 14): management makes one from a template and from
/// its own script, launches it; a parent answers once; results and exports only after the close.
@Suite struct SurveyAPITests {
    /// Parents of 5А answer for each child; named, so its results show from a single ballot (k = 1).
    static let script = """
        return survey {
          title = "Питание в 5А",
          audience = function(p) return p.kind == "parent" and p.child.grade == 5 end,
          ballot = "student",
          privacy = "named",
          k = 1,
          opens = "2026-11-20",
          closes = "2026-11-27",
          questions = {
            { id = "often", kind = "single", required = true, text = "Как часто ребёнок ест в столовой?",
              options = { "Каждый день", "Редко" } },
            { id = "taste", kind = "scale", min = 1, max = 5, required = true, text = "Вкус блюд" },
            { id = "wish", kind = "text", text = "Пожелание" },
          },
        }
        """

    static func json(_ value: some Encodable) -> String {
        String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
    }

    struct Created: Decodable {
        var id: Int64
        var version: Int
        var status: String
    }

    struct Templates: Decodable {
        struct Template: Decodable {
            var name: String
            var source: String
        }
        var templates: [Template]
    }

    struct Results: Decodable {
        struct Question: Decodable {
            struct Row: Decodable {
                var label: String
                var count: Int
            }
            var id: String
            var answered: Int
            var rows: [Row]
            var texts: [String]
        }
        var ballots: Int
        var questions: [Question]
    }

    @Test func managementLaunchesAParentAnswersOnceAndResultsComeAfterTheClose() async throws {
        let school = try await TestSchool.make(accounts: [.management, .parent], signingIn: [.management, .parent])
        try await school.application().test(.router) { client in
            let management = school.token(.management)
            // Given a template, made into a draft as it ships.
            let templates = try await client.send(.get, "/api/v1/surveys/templates", token: management)
            #expect(templates.status == .ok, "\(templates.text)")
            let meals = try #require(try templates.decode(Templates.self).templates.first { $0.name == "school_meals" })
            let fromTemplate = try await client.send(
                .post, "/api/v1/surveys", token: management,
                json: Self.json(["source": meals.source, "template": meals.name]))
            #expect(fromTemplate.status == .created, "\(fromTemplate.text)")
            #expect(try fromTemplate.decode(Created.self).status == "draft")

            // A broken script is refused with its line.
            let broken = try await client.send(
                .post, "/api/v1/surveys/check", token: management,
                json: Self.json(["source": "return survey {\n  title = \"x\",\n  questions = { { id = } },\n}\n"]))
            #expect(broken.status == .unprocessableContent, "\(broken.text)")
            #expect(broken.problem?.type == "/problems/invalid-survey")
            #expect(broken.problem?.detail.contains("survey.lua:3") == true, "\(broken.problem?.detail ?? "")")

            // The script checked: the audience is Анна's family, counted under 5А.
            let checked = try await client.send(
                .post, "/api/v1/surveys/check", token: management, json: Self.json(["source": Self.script]))
            #expect(checked.status == .ok, "\(checked.text)")
            #expect(checked.text.contains(#""audienceTotal":1"#), "\(checked.text)")

            let created = try await client.send(
                .post, "/api/v1/surveys", token: management, json: Self.json(["source": Self.script]))
            let draft = try created.decode(Created.self)
            let launched = try await client.send(
                .post, "/api/v1/surveys/\(draft.id)/launch", token: management, json: #"{"version": \#(draft.version)}"#
            )
            #expect(launched.status == .ok, "\(launched.text)")
            #expect(try launched.decode(Created.self).status == "launched")

            // The parent finds it open, answers, and cannot answer twice.
            let parent = school.token(.parent)
            let open = try await client.send(.get, "/api/v1/surveys/open", token: parent)
            #expect(open.text.contains(#""id":\#(draft.id)"#), "\(open.text)")
            let form = try await client.send(.get, "/api/v1/surveys/\(draft.id)/form", token: parent)
            #expect(form.status == .ok, "\(form.text)")
            let answers = #"{"answers": {"often": "Редко", "taste": 4, "wish": "=1+1"}}"#
            let ballot = try await client.send(
                .post, "/api/v1/surveys/\(draft.id)/ballots", token: parent, json: answers)
            #expect(ballot.status == .ok, "\(ballot.text)")
            #expect(ballot.text.contains(#""changed":false"#))
            // A named ballot is the unit's: sent again, it replaces the first.
            let again = try await client.send(
                .post, "/api/v1/surveys/\(draft.id)/ballots", token: parent, json: answers)
            #expect(again.status == .ok && again.text.contains(#""changed":true"#), "\(again.text)")

            // No results before the close.
            let early = try await client.send(.get, "/api/v1/surveys/\(draft.id)/results", token: management)
            #expect(early.status == .unprocessableContent, "\(early.text)")
            let earlyFile = try await client.send(.get, "/api/v1/surveys/\(draft.id)/results.csv", token: management)
            #expect(earlyFile.status == .unprocessableContent, "\(earlyFile.text)")

            // After the close: the counts, and the files.
            school.clock.advance(by: 8 * 86_400)
            let afterClose = try await client.signIn(Person.management.login, password: TestSchool.password).token
            let parentAfterClose = try await client.signIn(Person.parent.login, password: TestSchool.password).token
            let results = try await client.send(.get, "/api/v1/surveys/\(draft.id)/results", token: afterClose)
            #expect(results.status == .ok, "\(results.text)")
            let read = try results.decode(Results.self)
            #expect(read.ballots == 1)
            let often = try #require(read.questions.first { $0.id == "often" })
            #expect(often.answered == 1)
            #expect(often.rows.first { $0.label == "Редко" }?.count == 1)
            #expect(read.questions.first { $0.id == "wish" }?.texts == ["=1+1"])

            let csv = try await client.send(.get, "/api/v1/surveys/\(draft.id)/results.csv", token: afterClose)
            #expect(csv.status == .ok, "\(csv.text)")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("Как часто ребёнок ест в столовой?,Редко,1,100"), "\(csv.text)")
            // A text that would run as a formula opens as text.
            #expect(csv.text.contains("'=1+1") && !csv.text.contains(",=1+1"), "\(csv.text)")

            let xlsx = try await client.send(.get, "/api/v1/surveys/\(draft.id)/results.xlsx", token: afterClose)
            #expect(xlsx.status == .ok, "\(xlsx.text)")
            let bytes = Array(xlsx.body.readableBytesView)
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "not a zip")
            #expect(String(decoding: bytes, as: UTF8.self).contains("xl/worksheets/sheet1.xml"))

            if VenvPython.hasOpenPyXL {
                let sheets = try Self.readWorkbook(bytes)
                #expect(sheets.map(\.title).prefix(2) == ["Results", "By class"], "\(sheets.map(\.title))")
                #expect(
                    sheets.first?.rows.contains { $0.prefix(3) == ["Как часто ребёнок ест в столовой?", "Редко", "1"] }
                        == true)
                #expect(sheets.contains { $0.rows.contains { $0.contains("=1+1") } })
            }

            // The pages' download, with the browser's session; without one, the sign-in page.
            let download = try await client.send(.get, "/surveys/\(draft.id)/results.xlsx", token: afterClose)
            #expect(download.status == .ok, "\(download.text)")
            #expect(Array(download.body.readableBytesView).starts(with: [0x50, 0x4B, 0x03, 0x04]))
            let anonymous = try await client.send(.get, "/surveys/\(draft.id)/results.csv")
            #expect(anonymous.headers[.location]?.hasPrefix("/login") == true, "\(anonymous.status)")

            // The parent, not a reader of this survey's results, gets none.
            let stranger = try await client.send(
                .get, "/api/v1/surveys/\(draft.id)/results.csv", token: parentAfterClose)
            #expect(stranger.status == .forbidden, "\(stranger.text)")
        }
    }

    struct ReadSheet: Decodable {
        var title: String
        var rows: [[String]]
    }

    /// The workbook's sheets as openpyxl reads them, every cell as text.
    static func readWorkbook(_ bytes: [UInt8]) throws -> [ReadSheet] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("survey-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps([{"title": ws.title, "rows": [["" if c.value is None else str(c.value) for c in row]
                for row in ws.iter_rows()]} for ws in book.worksheets], ensure_ascii=False))
            """
        let (status, output) = try VenvPython.run(["-c", script, file.path])
        #expect(status == 0, "\(String(decoding: output, as: UTF8.self))")
        return try JSONDecoder().decode([ReadSheet].self, from: output)
    }

    /// `/surveys/open` and `/surveys/check` are words, not ids: their `Allow` names only theirs.
    @Test(arguments: [
        ("/api/v1/surveys/open", "GET"), ("/api/v1/surveys/check", "POST"), ("/api/v1/surveys/7", "GET, PUT"),
    ])
    func aMethodNotServedNamesOnlyThePathsOwnMethods(_ path: String, _ allowed: String) async throws {
        let school = try await TestSchool.make(accounts: [.management], signingIn: [.management])
        try await school.application().test(.router) { client in
            let response = try await client.send(.delete, path, token: school.token(.management))
            #expect(response.status == .methodNotAllowed, "\(response.text)")
            #expect(response.headers[.allow] == allowed)
        }
    }

    @Test func aScriptLongerThanTheAPITakesIsRefused() async throws {
        let school = try await TestSchool.make(accounts: [.management], signingIn: [.management])
        try await school.application().test(.router) { client in
            let long = "-- " + String(repeating: "ж", count: 70_000) + "\n" + Self.script
            let response = try await client.send(
                .post, "/api/v1/surveys/check", token: school.token(.management), json: Self.json(["source": long]))
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.problem?.field == "source")
        }
    }

    @Test func aBallotOfTheWrongShapeIsRefusedAndNothingIsStored() async throws {
        let school = try await TestSchool.make(accounts: [.management, .parent], signingIn: [.management, .parent])
        let system = Caller.system("test")
        let draft = try await school.service.createSurvey(source: Self.script, template: nil, caller: system)
        _ = try await school.service.launchSurvey(draft.id!, version: draft.version, caller: system)
        try await school.application().test(.router) { client in
            let outOfRange = try await client.send(
                .post, "/api/v1/surveys/\(draft.id!)/ballots", token: school.token(.parent),
                json: #"{"answers": {"often": "Редко", "taste": 9}}"#)
            #expect(outOfRange.status == .unprocessableContent, "\(outOfRange.text)")
            let notJSON = try await client.send(
                .post, "/api/v1/surveys/\(draft.id!)/ballots", token: school.token(.parent),
                json: #"{"answers": {"often": null}}"#)
            #expect(notJSON.status == .badRequest, "\(notJSON.text)")
        }
        #expect(try await school.service.surveys(caller: system).first { $0.id == draft.id }?.ballots == 0)
    }
}
