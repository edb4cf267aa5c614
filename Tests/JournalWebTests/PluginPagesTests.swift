import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalTestSupport
import Testing

@Suite("The plugins' pages: the administrator's list and plugin page, flags, tasks and reports (issue 15)")
struct PluginPagesTests {
    /// 5А with its marks and 6Б, their class teachers, the deputy head and the administrator,
    /// with the test plugin installed (disabled).
    static func school() async throws -> TestSchool {
        let school = try await TestSchool.make(
            [.marks, .week, .sixB], accounts: [.administrator, .teacher, .otherTeacher, .management])
        try await school.installWatchPlugin()
        return school
    }

    /// Enables the plugin, enters Олег's 2 for the answer in 5А's mathematics and runs the plugins.
    static func flagOleg(_ school: TestSchool) async throws -> StudentID {
        try await school.service.setPluginEnabled("watch", true, caller: .system("test"))
        let oleg = school.students[1].id!
        _ = try await school.service.postMark(
            MarkDraft(workID: school.answer.id!, studentID: oleg, value: "2"), caller: .system("test"))
        let report = try await school.service.runPlugins()
        #expect(report.failures == 0 && report.effects == 3, "\(report)")
        return oleg
    }

    @Test func theAdministratorEnablesAndDisablesAPluginFromItsPage() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let administrator = try await Browser.signIn(client, as: .administrator)
            let home = try await administrator.get("/")
            #expect(home.text.contains("href=\"/admin/plugins\""), "the administrator's menu has the plugins")
            let list = try await administrator.get("/admin/plugins")
            #expect(list.status == .ok)
            #expect(list.text.contains("href=\"/admin/plugins/watch\">Наблюдение за отметками</a>"))
            #expect(list.text.contains("выключен"))
            let budget = #"<td>0 из 20\x{202F}000\x{202F}000 инструкций</td>"#
            #expect(list.text.range(of: budget, options: .regularExpression) != nil)

            let page = try await administrator.get("/admin/plugins/watch")
            #expect(page.text.contains("Помечает ученика после каждой отметки."))
            #expect(page.text.contains("<code>flags.write</code> — ставить пометки ученикам в журнале"))
            #expect(page.text.contains("<code>mark.entered</code> — выставлена отметка"))
            #expect(page.text.contains("action=\"/admin/plugins/watch/enable\""))

            let enabled = try await administrator.post("/admin/plugins/watch/enable", [])
            #expect(enabled.status == .seeOther)
            #expect(enabled.headers[.location] == "/admin/plugins/watch?enabled=1")
            #expect(try await school.pluginEnabled("watch"))
            let after = try await administrator.get("/admin/plugins/watch?enabled=1")
            #expect(after.text.contains("Модуль включён."))
            #expect(after.text.contains("action=\"/admin/plugins/watch/disable\""))
            #expect(after.text.contains("Орлов Иван · включён"), "the history names who enabled it")
            #expect(try await administrator.get("/admin/plugins").text.contains("badge ok\">включён"))

            let disabled = try await administrator.post("/admin/plugins/watch/disable", [])
            #expect(disabled.status == .seeOther)
            #expect(try await !school.pluginEnabled("watch"))
            let english = try await administrator.get("/admin/plugins/watch?lang=en")
            #expect(english.text.contains("Marks watch"))
            #expect(english.text.contains("Failing marks in a row"))
        }
    }

    @Test func theSettingsFormRefusesAValueOutOfRangeAtItsFieldAndSavesNothing() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let administrator = try await Browser.signIn(client, as: .administrator)
            let form = try await administrator.get("/admin/plugins/watch")
            #expect(
                form.text.contains(
                    "type=\"number\" id=\"cfg-in_a_row\" name=\"in_a_row\" value=\"3\" step=\"1\" min=\"2\" max=\"10\"")
            )
            #expect(form.text.contains("id=\"cfg-note\" name=\"note\" value=\"\" maxlength=\"40\""))
            #expect(form.text.contains("type=\"checkbox\" id=\"cfg-strict\" name=\"strict\" value=\"true\">"))
            #expect(
                form.text.contains(
                    "<option value=\"flag\" selected>flag</option><option value=\"quiet\">quiet</option>"))

            let typed = [("in_a_row", "11"), ("note", "проверка"), ("mode", "quiet"), ("strict", "true")]
            let refused = try await administrator.post("/admin/plugins/watch/config", typed)
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.text.contains(
                    "id=\"cfg-in_a_row-error\" role=\"alert\">Неудовлетворительных отметок подряд: не больше 10</p>"))
            #expect(refused.text.contains("name=\"in_a_row\" value=\"11\""), "the value typed is kept")
            #expect(refused.text.contains("name=\"note\" value=\"проверка\""))
            #expect(refused.text.contains("<option value=\"quiet\" selected>"))
            #expect(refused.text.contains("name=\"strict\" value=\"true\" checked"))
            let english = try await administrator.post("/admin/plugins/watch/config?lang=en", typed)
            #expect(english.status == .unprocessableContent)
            #expect(english.text.contains("Failing marks in a row: at most 10"))
            let word = try await administrator.post("/admin/plugins/watch/config", [("in_a_row", "три")])
            #expect(word.text.contains("Неудовлетворительных отметок подряд: нужно целое число"))
            // Nothing of the refused forms was saved.
            #expect(try await school.pluginSetting("watch", "in_a_row") == "3")
            #expect(try await school.pluginSetting("watch", "note") == "")
            #expect(try await school.pluginSetting("watch", "mode") == "flag")

            let saved = try await administrator.post(
                "/admin/plugins/watch/config", [("in_a_row", "5"), ("note", "Проверка"), ("mode", "quiet")])
            #expect(saved.status == .seeOther)
            #expect(try await school.pluginSetting("watch", "in_a_row") == "5")
            #expect(try await school.pluginSetting("watch", "strict") == "false", "an unticked box means no")
            let ticked = try await administrator.post(
                "/admin/plugins/watch/config", [("in_a_row", "5"), ("strict", "true")])
            #expect(ticked.status == .seeOther)
            #expect(try await school.pluginSetting("watch", "strict") == "true")
            #expect(try await school.pluginSetting("watch", "note") == "Проверка", "a field not sent keeps its value")
            let page = try await administrator.get("/admin/plugins/watch?saved=1")
            #expect(page.text.contains("Настройки сохранены."))
            #expect(page.text.contains("настройки: "), "the history shows the change")
        }
    }

    @Test func aRefusedPluginIsListedLastWithWhyAndCannotBeEnabled() async throws {
        let school = try await TestSchool.make([.fiveA], accounts: [.administrator])
        try await school.installWatchPlugin(broken: true)
        try await school.application().test(.router) { client in
            let administrator = try await Browser.signIn(client, as: .administrator)
            let list = try await administrator.get("/admin/plugins")
            let watch = try #require(list.text.range(of: "data-plugin=\"watch\""))
            let broken = try #require(list.text.range(of: "data-plugin=\"broken\""))
            #expect(watch.lowerBound < broken.lowerBound, "the refused come after those that run")
            #expect(list.text.contains("badge bad\">не принят</span><div class=\"error\">"))
            let page = try await administrator.get("/admin/plugins/broken")
            #expect(page.status == .ok)
            #expect(page.text.contains("Почему не принят"))
            #expect(!page.text.contains("/admin/plugins/broken/enable"))
            let enabled = try await administrator.post("/admin/plugins/broken/enable", [])
            #expect(enabled.status == .unprocessableContent)
            #expect(enabled.text.contains("нельзя включить"))
        }
    }

    @Test func aTeacherDoesNotReachThePluginsPages() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let home = try await teacher.get("/")
            #expect(!home.text.contains("href=\"/admin/plugins\""))
            #expect(!home.text.contains("href=\"/reports\""))
            #expect(try await teacher.get("/admin/plugins").status == .forbidden)
            #expect(try await teacher.get("/admin/plugins/watch").status == .forbidden)
            #expect(try await teacher.post("/admin/plugins/watch/enable", []).status == .forbidden)
            #expect(try await teacher.get("/reports").status == .forbidden)
            #expect(try await !school.pluginEnabled("watch"))
        }
    }

    @Test func theGridAndTheLessonShowAFlagAPluginRaised() async throws {
        let school = try await Self.school()
        let oleg = try await Self.flagOleg(school)
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let grid = try await teacher.get("/journal/assignments/\(school.assignment.id!)")
            #expect(grid.status == .ok)
            let badge =
                "<span class=\"flag\" data-plugin-flag title=\"Наблюдение за отметками\">⚑ риск неаттестации</span>"
            #expect(Self.row(oleg, in: grid.text)?.contains(badge) == true)
            #expect(Self.row(anna, in: grid.text)?.contains("data-plugin-flag") == false, "only Олег is flagged")
            let lesson = try await teacher.get("/journal/lessons/\(school.lesson.id!)")
            #expect(lesson.text.contains("title=\"Наблюдение за отметками\">⚑ риск неаттестации</span>"))
            // The flag is of mathematics: 6Б's grid of another subject's teacher shows none.
            let other = try await Browser.signIn(client, as: .otherTeacher)
            let sixB = try await other.get("/journal/assignments/\(school.sixBMathematics.assignment.id!)")
            #expect(!sixB.text.contains("data-plugin-flag"))
        }
    }

    @Test func aTaskFromAPluginIsOnItsOwnersHomePageAndOnlyTheOwnerCompletesIt() async throws {
        let school = try await Self.school()
        _ = try await Self.flagOleg(school)
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let home = try await teacher.get("/")
            #expect(home.text.contains("Задачи и уведомления"))
            #expect(home.text.contains("Поговорить с учеником — <strong>Смирнов Олег"))
            #expect(home.text.contains("до 30.11.2026"))
            #expect(home.text.contains("(Наблюдение за отметками)"))
            let action = try #require(Self.taskAction(home.text))

            let other = try await Browser.signIn(client, as: .otherTeacher)
            #expect(!(try await other.get("/")).text.contains("Поговорить с учеником"))
            let refused = try await other.post(action, [])
            #expect(refused.status == .notFound)
            #expect((try await teacher.get("/")).text.contains("Поговорить с учеником"), "still open")

            let done = try await teacher.post(action, [])
            #expect(done.status == .seeOther)
            let after = try await teacher.get("/?done=1")
            #expect(after.text.contains("Отмечено как выполненное."))
            #expect(!after.text.contains("Поговорить с учеником"))
        }
    }

    @Test func aReportAPluginMadeHasItsPageAndItsCSV() async throws {
        let school = try await Self.school()
        let oleg = try await Self.flagOleg(school)
        try await school.application().test(.router) { client in
            let management = try await Browser.signIn(client, as: .management)
            let list = try await management.get("/reports")
            #expect(list.status == .ok)
            #expect(list.text.contains(">Отчёты</a>") || list.text.contains("href=\"/reports\""))
            #expect(list.text.contains("Отметки за ноябрь"))
            #expect(list.text.contains("<td>Наблюдение за отметками</td><td>2026-11</td>"))
            let id = try #require(Self.reportID(list.text))
            let page = try await management.get("/reports/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("<th scope=\"col\">Ученик</th><th scope=\"col\">Отметка</th>"))
            #expect(page.text.contains("<td>\(oleg)</td><td>2</td>"))
            let csv = try await management.get("/reports/\(id).csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("report-\(id).csv") == true)
            #expect(csv.text == "Ученик,Отметка\r\n\(oleg),2\r\n")
            #expect(try await management.get("/reports/999").status == .notFound)
        }
    }

    /// The grid's row of a student.
    static func row(_ student: StudentID, in html: String) -> String? {
        guard let start = html.range(of: "<tr data-student=\"\(student)\"") else { return nil }
        guard let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static func taskAction(_ html: String) -> String? {
        guard let range = html.range(of: #"/tasks/\d+/done"#, options: .regularExpression) else { return nil }
        return String(html[range])
    }

    static func reportID(_ html: String) -> String? {
        guard let range = html.range(of: #"href="/reports/\d+""#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst("href=\"/reports/".count).dropLast())
    }
}
