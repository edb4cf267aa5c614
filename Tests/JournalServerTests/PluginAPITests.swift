import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalServer
import JournalService
import JournalTestSupport
import NIOCore
import Testing

/// The plugins through the JSON API (issue 15): the administrator lists, enables, configures
/// and disables a plugin; a refused setting is a 422 naming it; reports as JSON and CSV;
/// tasks read and completed by their owner only.
@Suite struct PluginAPITests {
    struct Plugin: Decodable {
        struct Summary: Decodable {
            var id: String
            var state: String
            var enabled: Bool
            var order: Int?
        }
        struct Field: Decodable {
            var name: String
            var kind: String
            var value: PluginValue
        }
        var plugin: Summary
        var events: [String]
        var capabilities: [String]
        var config: [Field]
    }

    /// A setting's value as JSON has it.
    enum PluginValue: Decodable, Equatable {
        case number(Double)
        case text(String)
        case flag(Bool)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    static func school() async throws -> TestSchool {
        let school = try await TestSchool.make(
            [.marks, .week, .sixB], accounts: [.administrator, .teacher, .otherTeacher, .management, .parent],
            signingIn: [.administrator, .teacher, .otherTeacher, .management, .parent])
        try await school.installWatchPlugin()
        return school
    }

    @Test func theAdministratorEnablesConfiguresAndDisablesAPlugin() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let administrator = school.token(.administrator)
            let list = try await client.send(.get, "/api/v1/plugins", token: administrator)
            #expect(list.status == .ok, "\(list.text)")
            #expect(list.text.contains(#""id":"watch""#) && list.text.contains(#""state":"ready""#))
            #expect(list.text.contains(#""title":{"ru":"Наблюдение за отметками","en":"Marks watch"}"#))

            let enabled = try await client.send(.post, "/api/v1/plugins/watch/enable", token: administrator)
            #expect(enabled.status == .ok, "\(enabled.text)")
            let plugin = try enabled.decode(Plugin.self)
            #expect(plugin.plugin.enabled && plugin.plugin.order == 1)
            #expect(plugin.events == ["mark.entered"])
            #expect(plugin.capabilities == ["flags.write", "reports.write", "tasks.write"])

            let configured = try await client.send(
                .put, "/api/v1/plugins/watch/config", token: administrator, json: #"{"in_a_row": 4, "strict": true}"#)
            #expect(configured.status == .ok, "\(configured.text)")
            let fields = try configured.decode(Plugin.self).config
            #expect(fields.first { $0.name == "in_a_row" }?.value == .number(4))
            #expect(fields.first { $0.name == "strict" }?.value == .flag(true))
            // A setting not named keeps its value, a boolean too.
            let again = try await client.send(
                .put, "/api/v1/plugins/watch/config", token: administrator, json: #"{"note": "x"}"#)
            #expect(try again.decode(Plugin.self).config.first { $0.name == "strict" }?.value == .flag(true))

            let history = try await client.send(.get, "/api/v1/plugins/watch/history", token: administrator)
            #expect(history.status == .ok)
            #expect(history.text.contains("включён"), "\(history.text)")

            let disabled = try await client.send(.post, "/api/v1/plugins/watch/disable", token: administrator)
            #expect(try disabled.decode(Plugin.self).plugin.enabled == false)

            let missing = try await client.send(.get, "/api/v1/plugins/nothing", token: administrator)
            #expect(missing.status == .notFound)
            let malformed = try await client.send(.get, "/api/v1/plugins/Bad_Id", token: administrator)
            #expect(malformed.status == .badRequest)
            #expect(malformed.problem?.field == "pluginID")
        }
    }

    @Test func aRefusedSettingIsA422NamingItAndNothingIsSaved() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let administrator = school.token(.administrator)
            let high = try await client.send(
                .put, "/api/v1/plugins/watch/config", token: administrator, json: #"{"in_a_row": 11, "note": "y"}"#)
            #expect(high.status == .unprocessableContent, "\(high.text)")
            #expect(high.problem?.type == "/problems/invalid-value")
            #expect(high.problem?.field == "in_a_row")
            #expect(high.problem?.detail.contains("at most 10") == true, "\(high.problem?.detail ?? "")")
            for (json, field) in [
                (#"{"in_a_row": 2.5}"#, "in_a_row"), (#"{"mode": "loud"}"#, "mode"),
                (#"{"strict": "maybe"}"#, "strict"), (#"{"unknown": 1}"#, "unknown"),
            ] {
                let refused = try await client.send(
                    .put, "/api/v1/plugins/watch/config", token: administrator, json: json)
                #expect(refused.status == .unprocessableContent, "\(json): \(refused.text)")
                #expect(refused.problem?.field == field, "\(json)")
            }
            for json in [#"{"in_a_row": null}"#, #"[1]"#, #"{"in_a_row": [1]}"#] {
                let malformed = try await client.send(
                    .put, "/api/v1/plugins/watch/config", token: administrator, json: json)
                #expect(malformed.status == .badRequest, "\(json): \(malformed.text)")
            }
            #expect(try await school.pluginSetting("watch", "in_a_row") == "3")
            #expect(try await school.pluginSetting("watch", "note") == "")
            // Nobody but the administrator.
            let teacher = try await client.send(
                .put, "/api/v1/plugins/watch/config", token: school.token(.teacher), json: #"{"in_a_row": 4}"#)
            #expect(teacher.isAccessDenied)
        }
    }

    @Test func reportsAsJSONAndCSVAndTasksCompletedByTheirOwnerOnly() async throws {
        let school = try await Self.school()
        try await school.service.setPluginEnabled("watch", true, caller: .system("test"))
        let oleg = school.students[1].id!
        _ = try await school.service.postMark(
            MarkDraft(workID: school.answer.id!, studentID: oleg, value: "2"), caller: .system("test"))
        _ = try await school.service.runPlugins()
        try await school.application().test(.router) { client in
            let management = school.token(.management)
            let reports = try await client.send(.get, "/api/v1/reports", token: management)
            #expect(reports.status == .ok, "\(reports.text)")
            #expect(reports.text.contains(#""title":"Отметки за ноябрь""#) && !reports.text.contains("rows"))
            let report = try await client.send(.get, "/api/v1/reports/1", token: management)
            #expect(report.text.contains(#""columns":["Ученик","Отметка"]"#), "\(report.text)")
            #expect(report.text.contains(#""rows":[["\#(oleg)","2"]]"#), "\(report.text)")
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(management)"
            headers[.accept] = "text/csv"
            let csv = try await client.execute(uri: "/api/v1/reports/1", method: .get, headers: headers)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text == "Ученик,Отметка\r\n\(oleg),2\r\n")
            #expect(try await client.send(.get, "/api/v1/reports/1/csv", token: management).text == csv.text)
            #expect(try await client.send(.get, "/api/v1/reports/2", token: management).status == .notFound)

            let teacher = school.token(.teacher)
            let tasks = try await client.send(.get, "/api/v1/tasks", token: teacher)
            #expect(tasks.text.contains(#""text":"Поговорить с учеником""#), "\(tasks.text)")
            #expect(tasks.text.contains(#""studentName":"Смирнов Олег"#), "\(tasks.text)")
            #expect(tasks.text.contains(#""due":"2026-11-30""#))
            let others = try await client.send(.get, "/api/v1/tasks", token: school.token(.otherTeacher))
            #expect(others.text == #"{"tasks":[]}"#)
            let stolen = try await client.send(.post, "/api/v1/tasks/1/done", token: school.token(.otherTeacher))
            #expect(stolen.status == .notFound)
            let parent = try await client.send(.post, "/api/v1/tasks/1/done", token: school.token(.parent))
            #expect(parent.status == .unprocessableContent)
            #expect(parent.problem?.type == "/problems/refused")
            let done = try await client.send(.post, "/api/v1/tasks/1/done", token: teacher)
            #expect(done.status == .noContent)
            #expect(try await client.send(.get, "/api/v1/tasks", token: teacher).text == #"{"tasks":[]}"#)
        }
    }
}
