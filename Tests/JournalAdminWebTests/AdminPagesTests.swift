import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalAccess
import JournalModel
import JournalServer
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// The administrator's pages: users, roles, passwords, rights extensions and explanations.
struct AdminPagesTests {
    @Test func teacherOpeningUsersIsRefusedWithAPlainReason() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let response = try await teacher.get("/admin/users")
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Для этого нужно право «список пользователей» на этот объект"))
            #expect(!response.text.contains("no grant of"), "the decision's internals are for explain access")
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }

    @Test func administratorGivesTheTeacherARightAndExplainNamesTheExtension() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let explain = "/admin/explain?login=petrova&capability=reports.view&kind=school"

            // Given the teacher may not see reports
            let before = try await admin.get(explain)
            #expect(before.status == .ok)
            #expect(before.text.contains("no grant of reports.view covers school"))

            // When the administrator extends the teacher's rights on the rights page
            let added = try await admin.post(
                "/admin/rights",
                [
                    ("role", ""), ("login", "petrova"), ("capability", "reports.view"), ("scope", "school"),
                    ("effect", "allow"), ("condition", ""), ("comment", "Готовит отчёт по успеваемости"),
                ])
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/admin/rights?added=1")
            let extensions = try await school.service.rightsExtensions(caller: .system("test"))
            let ext = try #require(extensions.first { $0.accountID == school.account(.teacher) })
            let rights = try await admin.get("/admin/rights")
            #expect(rights.text.contains("Готовит отчёт по успеваемости"))

            // Then the explanation says which extension allows it
            let after = try await admin.get(explain)
            #expect(after.status == .ok)
            #expect(after.text.contains("Разрешено"))
            #expect(after.text.contains("расширение прав №\(ext.id!) этого пользователя"))
            #expect(after.text.contains("extension #\(ext.id!) for account \(school.account(.teacher))"))

            // And the teacher's own page lists it
            let user = try await admin.get("/admin/users/\(school.account(.teacher))")
            #expect(user.text.contains("reports.view"))

            // Withdrawn, it no longer decides
            let withdrawn = try await admin.post(
                "/admin/rights/\(ext.id!)/withdraw", [("back", "/admin/users/\(school.account(.teacher))")])
            #expect(withdrawn.headers[.location] == "/admin/users/\(school.account(.teacher))?withdrawn=1")
            #expect(try await admin.get(explain).text.contains("Запрещено"))
            // …and stays in the history, with who withdrew it and when (issue 10, item 6).
            let history = try await admin.get("/admin/rights")
            #expect(history.text.contains("История: отозванные расширения"))
            #expect(history.text.contains("Готовит отчёт по успеваемости"))
            #expect(history.text.contains("<th>Отозвано</th>"))
        }
    }

    /// The home page chooses its blocks by rights, as the menu does: a role extension that
    /// grants the list of users shows its link on the teacher's home page too.
    @Test func theHomePageShowsWhatARoleExtensionGrants() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let link = "href=\"/admin/users\""
            let before = try await Browser.signIn(client, as: .teacher).get("/")
            #expect(before.status == .ok)
            #expect(before.text.components(separatedBy: link).count == 1, "neither the menu nor the home page")
            _ = try await school.service.addRightsExtension(
                RightsExtensionInput(
                    role: .teacher, accountID: nil, capability: "users.view", scope: "school", effect: "allow",
                    comment: "Ведёт списки учётных записей"),
                caller: .system("test"))
            let after = try await Browser.signIn(client, as: .teacher).get("/")
            #expect(after.text.components(separatedBy: link).count == 3, "the menu and the home page")
            #expect(!after.text.contains("href=\"/rules\""), "only what the extension grants")
        }
    }

    /// A refused form says why in the page's language: Russian by default, English when the
    /// page is English.
    @Test func aRefusedFormSaysWhyInThePagesLanguage() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let fields = [
                ("role", "management"), ("login", ""), ("capability", "roles.grant"), ("scope", "school"),
                ("effect", "allow"),
            ]
            let russian = try await admin.post("/admin/rights", fields)
            #expect(russian.text.contains("право roles.grant нельзя дать расширением"), "\(russian.text)")
            let english = try await admin.post("/admin/rights?lang=en", fields)
            #expect(english.text.contains("roles.grant cannot be given by an extension"), "\(english.text)")
            #expect(try await school.service.rightsExtensions(caller: .system("test")).isEmpty)
        }
    }

    @Test func aConditionsLuaErrorIsShownAtItsLineWithTheTextKept() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let condition = "return function(user, object)\n  return user.roles ==\nend"
            let response = try await admin.post(
                "/admin/rights",
                [
                    ("role", "teacher"), ("login", ""), ("capability", "marks.view"), ("scope", "school"),
                    ("effect", "allow"), ("condition", condition), ("comment", "проверка"),
                ])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("condition.lua:3:"))
            #expect(response.text.contains("  return user.roles ==\nend</textarea>"))
            #expect(response.text.contains("<li value=\"3\" class=\"bad\">end</li>"))
            #expect(response.text.contains("value=\"проверка\""))
            #expect(try await school.service.rightsExtensions(caller: .system("test")).isEmpty)
        }
    }

    @Test func onlyHoldersOfRolesGrantChangeRoles() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let methodologist = try await Browser.signIn(client, as: .management)
            let page = try await methodologist.get("/admin/users/\(school.account(.teacher))")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Петрова Мария <small><code>petrova</code></small></h1>"))
            #expect(page.text.contains("<fieldset class=\"checks\" disabled>"))
            #expect(!page.text.contains("/roles\""))
            let refused = try await methodologist.post(
                "/admin/users/\(school.account(.teacher))/roles", [("role", "teacher"), ("role", "administrator")])
            #expect(refused.status == .forbidden)

            let admin = try await Browser.signIn(client, as: .administrator)
            let saved = try await admin.post(
                "/admin/users/\(school.account(.teacher))/roles", [("role", "teacher"), ("role", "psychologist")])
            #expect(saved.status == .seeOther)
            let user = try await school.service.user(school.account(.teacher), caller: .system("test"))
            #expect(user.roles == [.psychologist, .teacher])
        }
    }

    @Test func usersAreFoundByClassAndNewAccountsComeAsPrintableSlips() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let slips = try await admin.post("/admin/accounts", [("person", "student"), ("class", "5А")])
            #expect(slips.status == .ok)
            #expect(slips.text.contains("Иванова Анна"))
            #expect(slips.text.components(separatedBy: "class=\"slip\"").count == 4)
            #expect(slips.headers[.cacheControl] == "no-store")
            #expect(slips.headers[.init("Content-Security-Policy")!]?.contains("'sha256-") == true)

            let found = try await admin.get("/admin/users?q=\(Browser.escape("5А"))")
            #expect(found.text.contains("Смирнов Олег"))
            #expect(found.text.contains("должен сменить пароль"))

            let again = try await admin.post("/admin/accounts", [("person", "student"), ("class", "5А")])
            #expect(again.text.contains("У всех выбранных уже есть учётные записи"))
            let unknown = try await admin.post("/admin/accounts", [("person", "student"), ("class", "9Я")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("value=\"9Я\""))
        }
    }

    @Test func anAdministratorAddsAStudentWithAnAccountAndABadRowKeepsWhatWasTyped() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let page = try await admin.get("/admin/users")
            #expect(page.text.contains("action=\"/admin/people\""))
            let students = try await school.service.database.read { try $0.count("student") }
            let accounts = try await school.service.database.read { try $0.count("account") }

            // A class that does not exist: refused at its field, the typed name kept, nothing written.
            let refused = try await admin.post(
                "/admin/people",
                [("person", "student"), ("last_name", "Новикова"), ("first_name", "Вера"), ("class", "5Я")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("value=\"Новикова\""))
            #expect(refused.text.contains("value=\"5Я\" required aria-invalid=\"true\""))
            #expect(refused.text.contains("5Я"))
            #expect(try await school.service.database.read { try $0.count("student") } == students)

            // Accepted: the student and their account, and the slip to print.
            let slip = try await admin.post(
                "/admin/people",
                [
                    ("person", "student"), ("last_name", "Новикова"), ("first_name", "Вера"), ("middle_name", ""),
                    ("birth_date", "03.04.2015"), ("class", "5А"),
                ])
            #expect(slip.status == .ok)
            #expect(slip.text.contains("Новикова Вера"))
            #expect(slip.text.components(separatedBy: "class=\"slip\"").count == 2)
            #expect(slip.headers[.cacheControl] == "no-store")
            let added = try await school.service.database.read { reader in
                try reader.accounts().first { $0.login.hasPrefix("novikova") }
            }
            #expect(added?.mustChangePassword == true)
            #expect(try await school.service.database.read { try $0.count("student") } == students + 1)
            #expect(try await school.service.database.read { try $0.count("account") } == accounts + 1)

            // The same person again is not a second student.
            let again = try await admin.post(
                "/admin/people",
                [("person", "student"), ("last_name", "Новикова"), ("first_name", "Вера"), ("class", "5А")])
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("already in the journal"))
            #expect(try await school.service.database.read { try $0.count("account") } == accounts + 1)

            // A teacher may not add people.
            let teacher = try await Browser.signIn(client, as: .teacher)
            let staff = try await school.service.database.read { try $0.count("staff") }
            let forbidden = try await teacher.post(
                "/admin/people",
                [("person", "staff"), ("last_name", "Орлов"), ("first_name", "Пётр"), ("position", "учитель")])
            #expect(forbidden.status == .forbidden)
            #expect(try await school.service.database.read { try $0.count("staff") } == staff)
        }
    }

    @Test func aResetPasswordIsShownOnceOnItsOwnPage() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let response = try await admin.post("/admin/users/\(school.account(.teacher))/password", [])
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let page = response.text
            #expect(page.contains("Петрова Мария — <code>petrova</code>"))
            let start = try #require(page.range(of: "<p class=\"secret-password\"><code>"))
            let password = String(page[start.upperBound...].prefix { $0 != "<" })
            #expect(password.count >= 8)
            let user = try await school.service.user(school.account(.teacher), caller: .system("test"))
            #expect(user.mustChangePassword)
            _ = try await school.service.signIn(login: Person.teacher.login, password: password, kind: .cookie)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let forms: [(String, [(String, String)])] = [
                (
                    "/admin/rights",
                    [("login", "petrova"), ("capability", "reports.view"), ("scope", "school"), ("effect", "allow")]
                ),
                ("/admin/users/\(school.account(.teacher))/roles", [("role", "administrator")]),
                ("/admin/users/\(school.account(.teacher))/password", []),
                ("/admin/accounts", [("kind", "student")]),
                ("/rules/edit", [("path", "roles.lua"), ("source", ""), ("action", "activate")]),
            ]
            for (uri, fields) in forms {
                let response = try await admin.post(uri, fields, csrf: false)
                #expect(response.status == .forbidden, "\(uri)")
                #expect(response.text.contains("Обновите страницу"), "\(uri)")
            }
            let forged = try await admin.post("/admin/rights", [("csrf", "forged"), ("role", "teacher")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await school.service.rightsExtensions(caller: .system("test")).isEmpty)
            let user = try await school.service.user(school.account(.teacher), caller: .system("test"))
            #expect(user.roles == [.teacher] && !user.mustChangePassword)
        }
    }

    /// A class teacher resets a student's password on the page as in the API (issue 10, item
    /// 6: class teachers have no right to the list of users, so the page refused them).
    @Test func aClassTeacherResetsAStudentsPasswordFromTheirClassPage() async throws {
        let school = try await TestSchool.makeForAdministration()
        let accounts = try await school.service.generateAccounts(
            kind: .student, className: "5А", caller: .system("test"))
        let anna = try #require(accounts.first { $0.displayName.hasPrefix("Иванова") })
        try await school.withClient { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let roster = try await teacher.get("/journal/class")
            #expect(roster.status == .ok)
            #expect(roster.text.contains("Мой класс"))
            #expect(roster.text.contains("<code>\(anna.login)</code>"))
            let id = try await school.service.database.read { try $0.account(login: anna.login)!.id! }
            #expect(roster.text.contains("/admin/users/\(id)/password"))
            let reset = try await teacher.post("/admin/users/\(id)/password", [])
            #expect(reset.status == .ok, "\(reset.text)")
            #expect(reset.text.contains(anna.login))
            let account = try await school.service.database.read { try $0.account(id) }
            #expect(account?.mustChangePassword == true)
            // The administrator's list of users stays closed to them.
            #expect(try await teacher.get("/admin/users").status == .forbidden)
        }
    }

    /// Rights with nothing behind them yet are not offered (issue 10, item 8).
    @Test func theRightsPageOffersOnlyRightsThatOpenSomething() async throws {
        let school = try await TestSchool.makeForAdministration()
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let page = try await admin.get("/admin/rights")
            #expect(page.text.contains("value=\"marks.view\""))
            // Reports are served since plugins make them (/reports, issue 15).
            #expect(page.text.contains("value=\"reports.view\""))
            // The specialists' rights are served since their domains exist (issue 16).
            for served in ["health.view", "psychology.edit", "hr.view", "special_reads.view"] {
                #expect(page.text.contains("value=\"\(served)\""), "\(served) is not offered")
            }
            #expect(Capability.withoutFeature.isEmpty)
        }
    }

    /// A guardian added on the form is stored as a guardian, and the child may be named by the
    /// login of their account (issue 10, item 8: the relationship shared the name `kind` with
    /// the kind of person, and a guardian was stored as a parent).
    @Test func aGuardianAddedByFormIsAGuardianOfTheChildNamedByLogin() async throws {
        let school = try await TestSchool.makeForAdministration()
        let accounts = try await school.service.generateAccounts(
            kind: .student, className: "5А", caller: .system("test"))
        let oleg = try #require(accounts.first { $0.displayName.hasPrefix("Смирнов") })
        try await school.withClient { client in
            let admin = try await Browser.signIn(client, as: .administrator)
            let added = try await admin.post(
                "/admin/people",
                [
                    ("person", "parent"), ("last_name", "Смирнова"), ("first_name", "Галина"), ("kind", "опекун"),
                    ("student", oleg.login), ("student_class", ""),
                ])
            #expect(added.status == .ok, "\(added.text)")
            let link = try await school.service.database.read { reader in
                try reader.representativeLinks(students: [school.students[1].id!]).first
            }
            #expect(link?.kind == .guardian)
        }
    }

    /// A slip says where to sign in, with the login and the one-time password; names are
    /// escaped (issue 10, item 8: the slip did not say where to sign in).
    @Test func slipsSayWhereToSignInAndEscapeNames() {
        let accounts = [
            GeneratedAccount(
                login: "o.brien", password: "Ab3dEf7hJk", displayName: "O'Brien <script>", roles: [.student],
                className: "5А", children: [])
        ]
        let html = AccountSlipsPage.html(accounts, school: "Школа № 1", address: "https://journal.school1.ru/login")
        #expect(html.contains("O&#39;Brien &lt;script&gt;") || html.contains("O&#x27;Brien &lt;script&gt;"), "\(html)")
        #expect(html.contains("Ab3dEf7hJk") && html.contains("o.brien") && html.contains("Ученик"))
        #expect(html.contains("Адрес входа") && html.contains("https://journal.school1.ru/login"))
        #expect(!html.contains("<script>"))
        let unknown = AccountSlipsPage.html(accounts, school: "Школа № 1", address: nil)
        #expect(unknown.contains("спросите адрес электронного журнала в школе"))
    }
}
