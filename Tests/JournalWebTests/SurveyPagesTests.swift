import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalTestSupport
import Testing

@Suite("The survey pages: builder, editor, launch, answering and results (R8)")
struct SurveyPagesTests {
    /// 5А with Анна's mother, its class teacher, 6Б's class teacher and the deputy head.
    static func school() async throws -> TestSchool {
        try await TestSchool.make([.fiveA, .sixB], accounts: [.management, .teacher, .otherTeacher, .parent])
    }

    /// The builder's form: a confidential survey of 5А's parents, one ballot a child, k = 3,
    /// open from today (2026-11-20) to 25.11, a required scale and a free text.
    static let builderFields: [(String, String)] = [
        ("title", "Питание «в 5А»"), ("description", "Расскажите о столовой"), ("audience", "parents_class"),
        ("className", "5А"), ("gradeFrom", "1"), ("gradeTo", "11"), ("unit", "student"), ("privacy", "confidential"),
        ("k", "3"), ("opens", "2026-11-20"), ("closes", "2026-11-25"), ("reminders", "2"),
        ("q0.kind", "scale"), ("q0.text", "Вкус блюд"), ("q0.options", "Плохо\n\nНормально\n\nОтлично"),
        ("q0.required", "yes"),
        ("q1.kind", "single"), ("q1.text", "Как часто ест в столовой?"), ("q1.options", "Каждый день\nРедко"),
        ("q2.kind", "long_text"), ("q2.text", "Пожелания"), ("q2.options", ""),
        ("q3.kind", "single"), ("q3.text", ""), ("q3.options", ""),
    ]

    /// Builds the survey as the deputy head does; returns its page's path.
    static func buildSurvey(_ management: Browser) async throws -> String {
        let built = try await management.post("/surveys/new", builderFields)
        #expect(built.status == .seeOther, "\(built.text)")
        let location = try #require(built.headers[.location])
        #expect(location.hasSuffix("?created=1"))
        return String(location.prefix { $0 != "?" })
    }

    @Test func theBuilderWritesADraftWhoseLuaLoadsAndTheEditorShowsErrorsAtTheirLine() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let management = try await Browser.signIn(client, as: .management)
            let list = try await management.get("/surveys")
            #expect(list.status == .ok)
            #expect(list.text.contains("Школьное питание"), "the templates are offered")
            #expect(list.text.contains("href=\"/surveys\""), "the menu has the surveys")
            let form = try await management.get("/surveys/new")
            #expect(form.text.contains("name=\"q4.text\""), "five blank questions without scripts")
            #expect(form.text.contains("<input name=\"title\" value=\"\""), "the title starts empty")

            let path = try await Self.buildSurvey(management)
            let draft = try await management.get(path + "?created=1")
            #expect(draft.status == .ok)
            #expect(draft.text.contains("Черновик опроса создан"))
            #expect(draft.text.contains("return survey {"))
            #expect(draft.text.contains("Питание «в 5А»".htmlEscaped))
            let source = try #require(Self.textarea(draft.text))
            // The check loads the Lua and counts the audience: 5А's children with a representative.
            let checked = try await management.post(path, [("source", source), ("action", "check")])
            #expect(checked.status == .ok, "\(checked.text)")
            #expect(checked.text.contains("Аудитория по классам"))
            #expect(checked.text.contains("5А: 1"), "\(checked.text)")
            let preview = try await management.post(path, [("source", source), ("action", "preview")])
            #expect(preview.text.contains("Анкета глазами респондента"))
            #expect(preview.text.contains("type=\"radio\" name=\"a.q1\" value=\"1\" disabled"), "\(preview.text)")

            // A wrong line is named with its number and marked.
            let broken = source.replacingOccurrences(of: "k = 3,", with: "k = 0,")
            let line = broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("k = 0")
            }!
            let refused = try await management.post(path, [("source", broken), ("action", "save")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("survey.lua:\(line + 1):"), "\(refused.text)")
            #expect(refused.text.contains("<li value=\"\(line + 1)\" class=\"bad\">"))
            // A syntax error too.
            let syntax = try await management.post(path, [("source", source + "\n}}"), ("action", "check")])
            #expect(syntax.status == .unprocessableContent)
            #expect(syntax.text.contains("survey.lua:"))

            // The builder refuses what it cannot read, keeping what was typed.
            let untitled = try await management.post(
                "/surveys/new", Self.builderFields.map { $0.0 == "title" ? ("title", " ") : $0 })
            #expect(untitled.status == .unprocessableContent)
            #expect(untitled.text.contains("Укажите заголовок опроса."))
            #expect(untitled.text.contains("Как часто ест в столовой?"))

            // A survey written in Lua from scratch: the skeleton, then a mistake at its line.
            let skeleton = try await management.get("/surveys/new/lua")
            let lua = try #require(Self.textarea(skeleton.text))
            #expect(lua.contains("opens = \"2026-11-20\""))
            let wrong = try await management.post(
                "/surveys/new/lua", [("source", lua.replacingOccurrences(of: "\"yes_no\"", with: "\"essay\""))])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("survey.lua:13:"), "\(wrong.text)")
            let written = try await management.post("/surveys/new/lua", [("source", lua)])
            #expect(written.status == .seeOther, "\(written.text)")

            // The pages speak English too.
            let english = try await management.get("/surveys/new?lang=en")
            #expect(english.text.contains("Survey builder") && english.text.contains("Parents of students of a class"))

            // A teacher makes no surveys and opens no draft.
            let teacher = try await Browser.signIn(client, as: .teacher)
            let teachersList = try await teacher.get("/surveys")
            #expect(teachersList.status == .ok)
            #expect(!teachersList.text.contains("/surveys/new") && !teachersList.text.contains("Питание"))
            #expect(try await teacher.get(path).status == .forbidden)
            #expect(try await teacher.post("/surveys/new", Self.builderFields).status == .forbidden)
        }
    }

    @Test func aParentAnswersFromTheHomePageAndTheResultsAppearAfterTheClose() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let management = try await Browser.signIn(client, as: .management)
            let path = try await Self.buildSurvey(management)
            let draft = try await management.get(path)
            let version = try #require(draft.text.hiddenValue("version"))
            let unconfirmed = try await management.post(path, [("version", version), ("action", "launch")])
            #expect(unconfirmed.status == .unprocessableContent)
            let launched = try await management.post(
                path, [("version", version), ("action", "launch"), ("confirm", "yes")])
            #expect(launched.status == .seeOther, "\(launched.text)")
            let frozen = try await management.get(path + "?launched=1")
            #expect(frozen.text.contains("Опрос запущен"))
            #expect(frozen.text.contains("Сколько ответили"))
            #expect(frozen.text.contains("Сделать копию"))
            #expect(!frozen.text.contains("<textarea"), "a launched survey's text is read only")
            let copied = try await management.post(path, [("action", "copy")])
            #expect(copied.status == .seeOther)
            #expect(copied.headers[.location]?.hasPrefix(path) == false, "the copy is a new draft")

            // The parent sees it on the home page, for Анна.
            let parent = try await Browser.signIn(client, as: .parent)
            let home = try await parent.get("/")
            #expect(home.text.contains("Опросы"))
            #expect(home.text.contains("Питание «в 5А»".htmlEscaped))
            #expect(home.text.contains("Иванова Анна, 5А"), "\(home.text)")
            let id = path.split(separator: "/").last!
            let href = try #require(Self.link(home.text, containing: "/surveys/\(id)/answer?unit="))
            let questionnaire = try await parent.get(href)
            #expect(questionnaire.status == .ok, "\(questionnaire.text)")
            #expect(questionnaire.text.contains("name=\"a.q1\" value=\"5\""))
            #expect(questionnaire.text.contains("<span class=\"point-value\">3</span> <small>Нормально</small>"))
            let unit = try #require(questionnaire.text.hiddenValue("unit"))

            // A required answer missing: the page comes back with what was typed.
            let missing = try await parent.post(
                "/surveys/\(id)/answer", [("unit", unit), ("a.q3", "Больше супов & салатов")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("Больше супов &amp; салатов"))
            #expect(missing.text.contains("ответ обязателен"), "\(missing.text)")

            let answered = try await parent.post(
                "/surveys/\(id)/answer",
                [("unit", unit), ("a.q1", "4"), ("a.q2", "Редко"), ("a.q3", "Больше супов")])
            #expect(answered.status == .ok, "\(answered.text)")
            #expect(answered.text.contains("Ответ принят"))
            #expect(answered.text.contains("Код вашего ответа"))
            #expect(answered.text.contains("Питание «в 5А» — за Иванова Анна, 5А"), "\(answered.text)")
            let cookie = try #require(answered.headers[values: .setCookie].first { $0.hasPrefix("sj_receipt_") })
            #expect(cookie.contains("Path=/surveys/\(id)") && cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            let after = try await parent.get("/")
            #expect(after.text.contains("ответ принят"))
            // A confidential answer is changed with its code, and only with it.
            let code = try #require(Self.between(answered.text, "<p class=\"receipt-code\"><code>", "</code>"))
            #expect(cookie.contains("=\(code)"))
            let withoutCode = try await parent.post(
                "/surveys/\(id)/answer", [("unit", unit), ("a.q1", "5"), ("a.q2", "Каждый день")])
            #expect(withoutCode.status == .unprocessableContent)
            #expect(withoutCode.text.contains("изменить его можно по коду ответа"), "\(withoutCode.text)")
            #expect(withoutCode.text.contains("name=\"a.q1\" value=\"5\" checked"), "the answers are kept")
            let withCode = try await parent.post(
                "/surveys/\(id)/answer", [("unit", unit), ("a.q1", "5"), ("a.q3", "Больше супов"), ("receipt", code)])
            #expect(withCode.status == .ok, "\(withCode.text)")
            #expect(withCode.text.contains("Прежний ответ заменён новым."))

            // Сидоров is not asked, and cannot answer.
            let outsider = try await Browser.signIn(client, as: .otherTeacher)
            let refused = try await outsider.get("/surveys/\(id)/answer")
            #expect(refused.status != .ok)
            #expect(refused.text.contains("вы не входите в аудиторию этого опроса"))
            #expect(try await outsider.post("/surveys/\(id)/answer", [("a.q1", "5")]).status != .ok)

            // Before the close the results wait; after it, one ballot of a confidential survey
            // (k = 3) shows nothing but that there are too few.
            let early = try await management.get("/surveys/\(id)/results")
            #expect(early.text.contains("будут доступны после закрытия"), "\(early.text)")
            school.clock.advance(by: 6 * 24 * 3600)
            let results = try await management.get("/surveys/\(id)/results")
            #expect(results.status == .ok)
            #expect(results.text.contains("итоги скрыты"), "\(results.text)")
            #expect(!results.text.contains("<svg") && !results.text.contains("Больше супов"))
            #expect(results.text.contains("/surveys/\(id)/results.csv"))
            let closed = try await management.get(path)
            #expect(closed.text.contains("/surveys/\(id)/results"))
        }
    }

    /// A named survey of 5А's parents with one question of every kind the builder offers.
    static let everyKind: [(String, String)] = [
        ("title", "Все виды вопросов"), ("audience", "parents_class"), ("className", "5А"), ("unit", "student"),
        ("privacy", "named"), ("k", "1"), ("opens", "2026-11-20"), ("closes", "2026-11-25"),
        ("q0.kind", "single"), ("q0.text", "Один"), ("q0.options", "Часто\nРедко"),
        ("q1.kind", "multiple"), ("q1.text", "Несколько"), ("q1.options", "А\nБ\nВ"),
        ("q2.kind", "scale"), ("q2.text", "Шкала"), ("q2.options", ""),
        ("q3.kind", "matrix"), ("q3.text", "Матрица"), ("q3.options", "Чисто\nВкусно"),
        ("q4.kind", "ranking"), ("q4.text", "Порядок"), ("q4.options", "Цена\nВкус\nПольза"),
        ("q5.kind", "number"), ("q5.text", "Число"), ("q6.kind", "date"), ("q6.text", "Дата"),
        ("q7.kind", "text"), ("q7.text", "Строка"), ("q8.kind", "long_text"), ("q8.text", "Абзац"),
        ("q9.kind", "yes_no"), ("q9.text", "Да или нет"), ("q10.kind", "consent"), ("q10.text", "Согласие"),
        ("q11.kind", "info"), ("q11.text", "Спасибо за ответы"),
    ]

    @Test func everyKindOfQuestionIsAFormAndANamedAnswerComesBackToChange() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let management = try await Browser.signIn(client, as: .management)
            let built = try await management.post("/surveys/new", Self.everyKind)
            let path = String(try #require(built.headers[.location]).prefix { $0 != "?" })
            let version = try #require(try await management.get(path).text.hiddenValue("version"))
            let launched = try await management.post(
                path, [("version", version), ("action", "launch"), ("confirm", "yes")])
            #expect(launched.status == .seeOther, "\(launched.text)")
            let id = path.split(separator: "/").last!

            let parent = try await Browser.signIn(client, as: .parent)
            let form = try await parent.get("/surveys/\(id)/answer")
            #expect(form.status == .ok, "\(form.text)")
            for input in [
                "type=\"radio\" name=\"a.q1\" value=\"Часто\"", "type=\"checkbox\" name=\"a.q2\" value=\"Б\"",
                "type=\"radio\" name=\"a.q3\" value=\"5\"", "type=\"radio\" name=\"a.q4.1\" value=\"3\"",
                "<select name=\"a.q5.2\"", "inputmode=\"decimal\" name=\"a.q6\"", "type=\"date\" name=\"a.q7\"",
                "type=\"text\" name=\"a.q8\"", "<textarea name=\"a.q9\"", "name=\"a.q10\" value=\"no\"",
                "type=\"checkbox\" name=\"a.q11\" value=\"yes\"", "Спасибо за ответы",
            ] {
                #expect(form.text.contains(input), "\(input)")
            }
            let unit = try #require(form.text.hiddenValue("unit"))
            let answers: [(String, String)] = [
                ("unit", unit), ("a.q1", "Редко"), ("a.q2", "А"), ("a.q2", "В"), ("a.q3", "4"), ("a.q4.0", "5"),
                ("a.q4.1", "2"), ("a.q5.0", "2"), ("a.q5.1", "1"), ("a.q5.2", "3"), ("a.q6", "2,5"),
                ("a.q7", "2026-11-21"), ("a.q8", "коротко"), ("a.q9", "длинно"), ("a.q10", "yes"), ("a.q11", "yes"),
            ]
            // A ranking with a number twice is said beside it.
            let twice = try await parent.post(
                "/surveys/\(id)/answer", answers.map { $0.0 == "a.q5.2" ? ("a.q5.2", "1") : $0 })
            #expect(twice.status == .unprocessableContent)
            #expect(twice.text.contains("без повторов"))
            let taken = try await parent.post("/surveys/\(id)/answer", answers)
            #expect(taken.status == .ok, "\(taken.text)")
            #expect(taken.text.contains("Ответ принят"))

            // The named ballot comes back in the form, to be changed until the close.
            let again = try await parent.get("/surveys/\(id)/answer")
            for input in [
                "value=\"Редко\" checked", "value=\"А\" checked", "value=\"В\" checked",
                "name=\"a.q3\" value=\"4\" checked", "name=\"a.q4.0\" value=\"5\" checked",
                "<option value=\"1\" selected>1</option><option value=\"2\">2</option><option value=\"3\">3</option></select> Вкус",
                "name=\"a.q6\" value=\"2.5\"",
                "value=\"2026-11-21\"", "value=\"коротко\"", ">длинно</textarea>", "value=\"yes\" checked",
            ] {
                #expect(again.text.contains(input), "\(input)")
            }
            let changed = try await parent.post("/surveys/\(id)/answer", answers)
            #expect(changed.text.contains("Прежний ответ заменён новым."))

            // After the close a named survey (k = 1) draws each question's answers.
            school.clock.advance(by: 6 * 24 * 3600)
            let reader = try await Browser.signIn(client, as: .management)
            let results = try await reader.get("/surveys/\(id)/results")
            #expect(results.status == .ok)
            #expect(results.text.contains("<svg"), "\(results.text)")
            #expect(results.text.contains("По классам"))
        }
    }

    @Test func aTemplatesConditionsAndAPaperFamilysBallotEnteredByTheClassTeacher() async throws {
        let school = try await Self.school()
        _ = try await school.service.setDeliveryForm(
            representative: school.mother, messageClass: "marks", channel: .paper, frequency: .weekly,
            applicationNumber: "5", caller: .system("секретарь"))
        try await school.application().test(.router) { client in
            let management = try await Browser.signIn(client, as: .management)
            let made = try await management.post("/surveys/from-template", [("template", "school_meals")])
            #expect(made.status == .seeOther, "\(made.text)")
            let path = String(try #require(made.headers[.location]).prefix { $0 != "?" })
            let draft = try await management.get(path)
            let source = try #require(Self.textarea(draft.text))
            // For 5А, from today: saved, then launched.
            let edited = source.replacingOccurrences(of: "p.child.grade <= 4", with: "p.child.grade <= 5")
                .replacingOccurrences(of: "opens = \"2026-12-07\"", with: "opens = \"2026-11-20\"")
                .replacingOccurrences(of: "k = 5", with: "k = 3")
            let version = try #require(draft.text.hiddenValue("version"))
            let saved = try await management.post(path, [("source", edited), ("version", version), ("action", "save")])
            #expect(saved.status == .seeOther, "\(saved.text)")
            let current = try #require(try await management.get(path + "?saved=1").text.hiddenValue("version"))
            let launched = try await management.post(
                path, [("version", current), ("action", "launch"), ("confirm", "yes")])
            #expect(launched.status == .seeOther, "\(launched.text)")
            let id = path.split(separator: "/").last!

            // Петрова, 5А's class teacher, sees the paper family on her home page and enters its ballot.
            let teacher = try await Browser.signIn(client, as: .teacher)
            let home = try await teacher.get("/")
            #expect(home.text.contains("Бумажные ответы на опросы"), "\(home.text)")
            let list = try await teacher.get("/surveys/\(id)/paper")
            #expect(list.status == .ok, "\(list.text)")
            #expect(list.text.contains("Иванова Анна, 5А"))
            let href = try #require(Self.link(list.text, containing: "/surveys/\(id)/paper?unit="))
            let form = try await teacher.get(href)
            #expect(form.text.contains("бумажный ответ"))
            #expect(form.text.contains("Этот вопрос задаётся не всем"), "the conditional question is shown, noted")
            let unit = try #require(form.text.hiddenValue("unit"))
            // The conditional question answered though the first answer skips it: left out.
            let entered = try await teacher.post(
                "/surveys/\(id)/paper",
                [("unit", unit), ("a.how_often", "Каждый день"), ("a.why_not", "Не успевает"), ("a.taste", "5")])
            #expect(entered.status == .seeOther, "\(entered.text)")
            let after = try await teacher.get("/surveys/\(id)/paper?entered=1")
            #expect(after.text.contains("Бумажный ответ внесён."))
            #expect(after.text.contains("Все бумажные ответы внесены."))

            // Сидоров, 6Б's class teacher, has no paper family here and may not enter 5А's.
            let other = try await Browser.signIn(client, as: .otherTeacher)
            let otherList = try await other.get("/surveys/\(id)/paper")
            #expect(otherList.status == .ok && !otherList.text.contains("Иванова Анна"))
            let forged = try await other.post("/surveys/\(id)/paper", [("unit", unit), ("a.how_often", "Редко")])
            #expect(forged.status == .forbidden)
            // The deputy head launches surveys but does not enter paper ballots.
            #expect(try await management.get("/surveys/\(id)/paper").status == .forbidden)

            // After the close the teachers, whom the template names, read the results without names.
            school.clock.advance(by: 30 * 24 * 3600)
            let reader = try await Browser.signIn(client, as: .teacher)
            let readable = try await reader.get("/surveys")
            #expect(readable.text.contains("/surveys/\(id)/results"), "\(readable.text)")
            let results = try await reader.get("/surveys/\(id)/results")
            #expect(results.status == .ok, "\(results.text)")
            #expect(results.text.contains("итоги скрыты"), "one ballot of a confidential survey is too few")
            #expect(results.text.contains("бумажных: 1"), "\(results.text)")
            #expect(!results.text.contains("Иванова"), "no names in the results")
        }
    }

    @Test func anAnonymousSurveyShowsOnlyItsTotalAndItsAnswerCannotChange() async throws {
        let school = try await Self.school()
        try await school.application().test(.router) { client in
            let management = try await Browser.signIn(client, as: .management)
            let built = try await management.post(
                "/surveys/new", Self.builderFields.map { $0.0 == "privacy" ? ("privacy", "anonymous") : $0 })
            let path = String(try #require(built.headers[.location]).prefix { $0 != "?" })
            let version = try #require(try await management.get(path).text.hiddenValue("version"))
            _ = try await management.post(path, [("version", version), ("action", "launch"), ("confirm", "yes")])
            let id = path.split(separator: "/").last!
            let parent = try await Browser.signIn(client, as: .parent)
            let answered = try await parent.post("/surveys/\(id)/answer", [("a.q1", "3")])
            #expect(answered.text.contains("Ответ принят") && !answered.text.contains("Код вашего ответа"))
            #expect(answered.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("sj_receipt_") })
            let home = try await parent.get("/")
            #expect(home.text.contains("ответ принят") && !home.text.contains("изменить ответ"))
            let again = try await parent.get("/surveys/\(id)/answer")
            #expect(
                again.text.contains("изменить ответ нельзя")
                    && !again.text.contains("<form method=\"post\" action=\"/surveys"))
            let rate = try await management.get(path)
            #expect(rate.text.contains("Ответов: 1 из 1"), "\(rate.text)")
            #expect(rate.text.contains("напоминания невозможны") && !rate.text.contains("<table class=\"rate\">"))
        }
    }

    /// The text between `start` and `end` in a page.
    static func between(_ page: String, _ start: String, _ end: String) -> String? {
        guard let from = page.range(of: start), let to = page.range(of: end, range: from.upperBound..<page.endIndex)
        else { return nil }
        return String(page[from.upperBound..<to.lowerBound])
    }

    /// The text of the first text area of a page, unescaped.
    static func textarea(_ page: String) -> String? {
        guard let start = page.range(of: "autocapitalize=\"none\">\n"),
            let end = page.range(of: "</textarea>", range: start.upperBound..<page.endIndex)
        else { return nil }
        return String(page[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The first link of a page whose address contains `text`, unescaped.
    static func link(_ page: String, containing text: String) -> String? {
        guard let range = page.range(of: "href=\"" + text) else { return nil }
        let href = page[page.index(range.lowerBound, offsetBy: 6)...].prefix { $0 != "\"" }
        return href.replacingOccurrences(of: "&amp;", with: "&")
    }
}
