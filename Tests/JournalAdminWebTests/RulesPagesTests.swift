import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import JournalTestSupport
import Testing

/// The rules editor: checking, the dry-run preview, activation, history and roll-back.
struct RulesPagesTests {
    static let five = "scales/five.lua"

    @Test func methodologistRaisesTheFiveThresholdSeesThePreviewAndActivates() async throws {
        let school = try await TestSchool.makeForAdministration()
        let active = try await school.service.ruleFiles(caller: .system("test")).files[Self.five]!
        let edited = active.replacingOccurrences(of: "4.5", with: "4.6")
        try await school.withClient { client in
            let methodologist = try await Browser.signIn(client, as: .management)
            let index = try await methodologist.get("/rules")
            #expect(index.status == .ok)
            #expect(index.text.contains("/rules/edit?path=scales/five.lua"))

            let editor = try await methodologist.get("/rules/edit?path=\(Self.five)")
            #expect(editor.status == .ok)
            #expect(editor.text.contains(active.htmlEscaped + "</textarea>"))
            let base = try #require(editor.text.hiddenValue("base"))

            let fields: [(String, String)] = [("path", Self.five), ("base", base), ("source", edited)]
            let checked = try await methodologist.post("/rules/edit", fields + [("action", "check")])
            #expect(checked.status == .ok)
            #expect(checked.text.contains("Правила загружаются, все тесты проходят."))

            // The preview: Иванова's 4.5 no longer earns a 5; Смирнов's 4.0 stays a 4.
            let preview = try await methodologist.post("/rules/edit", fields + [("action", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Иванова Анна"))
            #expect(preview.text.contains("<td>4.5</td>"))
            #expect(preview.text.contains("5 → <strong>4</strong>"))
            #expect(!preview.text.contains("Смирнов Олег"))
            #expect(preview.text.contains(edited.htmlEscaped + "</textarea>"))

            let activated = try await methodologist.post(
                "/rules/edit", fields + [("action", "activate"), ("comment", "Пятёрка от 4,6")])
            #expect(activated.status == .seeOther)
            let location = try #require(activated.headers[.location])
            let history = try await methodologist.get(location)
            #expect(history.status == .ok)
            #expect(history.text.contains("Пятёрка от 4,6"))
            #expect(history.text.contains("<code>scales/five.lua</code>"))

            let versions = try await school.service.rulesHistory(caller: .system("test"))
            let newest = try #require(versions.last)
            #expect(newest.isActive && newest.changedFiles == [Self.five] && newest.comment == "Пятёрка от 4,6")
            #expect(location == "/rules/history?activated=\(newest.id)")
            #expect(history.text.contains("Введена в действие версия \(newest.id)."))
            let rules = try await school.service.rules()
            let scale = try #require(rules.scales["five"])
            #expect(try await rules.withEvaluator { try $0.periodMark(scale, average: 4.5) } == "4")
        }
    }

    @Test func aBrokenEditShowsFileAndLineAndKeepsTheTypedSource() async throws {
        let school = try await TestSchool.makeForAdministration()
        let active = try await school.service.ruleFiles(caller: .system("test")).files[Self.five]!
        let broken = active.replacingOccurrences(of: "passing = \"3\",", with: "passing = = \"3\",")
        let line =
            try #require(
                active.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("passing = ") }
            ) + 1
        try await school.withClient { client in
            let methodologist = try await Browser.signIn(client, as: .management)
            for action in ["check", "preview", "activate"] {
                // Browsers send text areas with CRLF line ends.
                let typed = broken.replacingOccurrences(of: "\n", with: "\r\n")
                let response = try await methodologist.post(
                    "/rules/edit",
                    [("path", Self.five), ("source", typed), ("action", action), ("comment", "опечатка")])
                #expect(response.status == .unprocessableContent, "\(action)")
                #expect(response.text.contains("scales/five.lua:\(line):"), "\(action)")
                #expect(response.text.contains(broken.htmlEscaped + "</textarea>"), "\(action)")
                #expect(response.text.contains("<li value=\"\(line)\" class=\"bad\">"), "\(action)")
                #expect(response.text.contains("<span class=\"bad\">\(line)</span>"), "\(action)")
                #expect(response.text.contains("value=\"опечатка\""), "\(action)")
            }
            #expect(try await school.service.rulesHistory(caller: .system("test")).count == 1)
        }
    }

    @Test func aFileNeedsItsOwnRightToBeEdited() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let methodologist = try await Browser.signIn(client, as: .management)
            let roles = try await methodologist.get("/rules/edit?path=roles.lua")
            #expect(roles.status == .ok)
            #expect(!roles.text.contains("<textarea"))
            #expect(roles.text.contains("rules.edit.roles"))
            let refused = try await methodologist.post(
                "/rules/edit", [("path", "roles.lua"), ("source", "return roles {}"), ("action", "check")])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("«правка ролей»"))

            let teacher = try await Browser.signIn(client, as: .teacher)
            #expect(try await teacher.get("/rules").status == .forbidden)
        }
    }

    @Test func previewingRolesListsTheRightsThatWouldChange() async throws {
        let school = try await TestSchool.makeForAdministration()
        let active = try await school.service.ruleFiles(caller: .system("test")).files["roles.lua"]!
        let edited = active.replacingOccurrences(
            of: "school = { \"timetable.view\", \"staff.view\" },",
            with: "school = { \"timetable.view\", \"staff.view\", \"substitutions.record\" },")
        #expect(edited != active)
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let preview = try await admin.post(
                "/rules/edit", [("path", "roles.lua"), ("source", edited), ("action", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Что изменится в правах"))
            #expect(preview.text.contains("<code>petrova</code>"))
            #expect(preview.text.contains("<code>substitutions.record</code>"))
            #expect(!preview.text.contains("<code>staff.view</code>"))
        }
        let changes = try await school.service.diffRights(
            RuleFiles(
                try await school.service.ruleFiles(caller: .system("test")).files.merging(["roles.lua": edited]) {
                    $1
                }), caller: .system("test"))
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { $0.capability == .substitutionsRecord && $0.login == Person.teacher.login })
        #expect(changes.allSatisfy { !$0.allowedBefore && $0.allowedAfter })
    }

    @Test func rollingBackActivatesAnOlderVersionAsANewOne() async throws {
        let school = try await TestSchool.makeForAdministration()
        var files = try await school.service.ruleFiles(caller: .system("test"))
        let original = files.files[Self.five]!
        files.files[Self.five] = original.replacingOccurrences(of: "4.5", with: "4.6")
        _ = try await school.service.activateRules(files, caller: .system("test"), comment: "4,6")
        try await school.withClient { client in
            let methodologist = try await Browser.signIn(client, as: .management)
            let version = try await methodologist.get("/rules/versions/1?path=\(Self.five)")
            #expect(version.status == .ok)
            #expect(version.text.contains("/rules/versions/1/rollback"))
            let preview = try await methodologist.post(
                "/rules/versions/1/rollback", [("action", "preview"), ("comment", "назад")])
            #expect(preview.text.contains("4 → <strong>5</strong>"))
            #expect(preview.text.contains("value=\"назад\""))
            let rolledBack = try await methodologist.post(
                "/rules/versions/1/rollback", [("action", "activate"), ("comment", "назад")])
            #expect(rolledBack.status == .seeOther)
        }
        let versions = try await school.service.rulesHistory(caller: .system("test"))
        #expect(versions.count == 3)
        #expect(versions.last?.isActive == true && versions.last?.comment == "назад")
        #expect(try await school.service.ruleFiles(caller: .system("test")).files[Self.five] == original)
    }
}
