import Hummingbird
import HummingbirdTesting
import JournalAccess
import JournalModel
import JournalServer
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Attempts to gain rights: roles (R22), rights extensions (R24) and other people's passwords (R20).
@Suite("Role escalation")
struct EscalationTests {
    @Test func nobodyButTheAdministratorGivesRolesToThemselvesOrOthers() async throws {
        let school = try await TestSchool.makeForAuthorization()
        try await school.application().test(.router) { client in
            for role in Role.allCases where role != .administrator {
                for account in [
                    school.account(Person(role)), school.account(.otherTeacher), school.account(.administrator),
                ] {
                    let response = try await client.send(
                        .put, "/api/v1/users/\(account)/roles", token: school.token(Person(role)),
                        json: #"{"roles": ["administrator", "management", "psychologist"]}"#)
                    #expect(response.isAccessDenied, "\(role) on account \(account): \(response.status)")
                    #expect(
                        response.problem?.detail
                            == "not allowed: no grant of roles.grant covers account \(account) for roles \(role.rawValue)"
                    )
                }
            }
            let roles = try await school.service.database.read { try $0.accountRoles() }
            #expect(roles.filter { $0.role == .administrator }.map(\.accountID) == [school.account(.administrator)])
            #expect(roles.count == Role.allCases.count + 2)

            // Still a teacher: the list of accounts stays closed.
            let users = try await client.send(.get, "/api/v1/users", token: school.token(.teacher))
            #expect(users.isAccessDenied)
        }
    }

    @Test func nobodyButTheAdministratorExtendsOrWithdrawsRights() async throws {
        let school = try await TestSchool.makeForAuthorization()
        try await school.application().test(.router) { client in
            for role in Role.allCases where role != .administrator {
                let own = try await client.send(
                    .post, "/api/v1/rights", token: school.token(Person(role)),
                    json:
                        #"{"accountID": \#(school.account(Person(role))), "capability": "marks.edit", "scope": "school", "effect": "allow"}"#
                )
                #expect(own.isAccessDenied, "\(role): \(own.status)")
                #expect(
                    own.problem?.detail
                        == "not allowed: no grant of rights.extend covers school for roles \(role.rawValue)")
                let forRole = try await client.send(
                    .post, "/api/v1/rights", token: school.token(Person(role)),
                    json:
                        #"{"role": "\#(role.rawValue)", "capability": "roles.grant", "scope": "school", "effect": "allow"}"#
                )
                #expect(forRole.isAccessDenied, "\(role): \(forRole.status)")
                let withdraw = try await client.send(
                    .delete, "/api/v1/rights/\(school.rightsExtension)", token: school.token(Person(role)))
                #expect(withdraw.isAccessDenied, "\(role): \(withdraw.status)")
            }
            let extensions = try await school.service.database.read { try $0.rightsExtensions() }
            #expect(extensions.map(\.id) == [school.rightsExtension])
        }
    }

    /// The administrator's explicit denial of health and psychology wins over any grant, their
    /// own extension included.
    @Test func administratorsOwnExtensionDoesNotOverrideTheDenialOfHealthData() async throws {
        let school = try await TestSchool.makeForAuthorization()
        try await school.application().test(.router) { client in
            let admin = school.token(.administrator)
            let extended = try await client.send(
                .post, "/api/v1/rights", token: admin,
                json:
                    #"{"accountID": \#(school.account(.administrator)), "capability": "health.view", "scope": "school", "effect": "allow"}"#
            )
            #expect(extended.status == .created, "\(extended.text)")
            let decision = try await client.explain(
                account: school.account(.administrator), capability: .healthView,
                object: "student:\(school.own.student)", asAdministrator: admin)
            #expect(!decision.allowed)
            #expect(decision.decidedBy == "role administrator denies health.view in school")
        }
    }

    @Test func classTeacherResetsPasswordsInTheirClassOnly() async throws {
        let school = try await TestSchool.makeForAuthorization()
        try await school.application().test(.router) { client in
            let teacher = school.token(.teacher)
            for account in [
                school.account(.otherStudent), school.account(.otherTeacher), school.account(.administrator),
                school.account(.management),
                school.account(.teacher),
            ] {
                let response = try await client.send(.post, "/api/v1/users/\(account)/password-reset", token: teacher)
                #expect(response.isAccessDenied, "account \(account): \(response.status)")
                #expect(
                    response.problem?.detail
                        == "not allowed: no grant of passwords.reset covers account \(account) for roles teacher")
            }
            // Nobody outside the class lost their password or their session.
            let admin = try await client.send(.get, "/api/v1/me", token: school.token(.administrator))
            #expect(admin.status == .ok)
            _ = try await client.signIn(Person.otherStudent.login, password: TestSchool.password)

            // In the class: the student's new one-time password replaces the old, and their
            // sessions end.
            let reset = try await client.send(
                .post, "/api/v1/users/\(school.account(.student))/password-reset", token: teacher)
            #expect(reset.status == .ok, "\(reset.text)")
            let student = try await client.send(.get, "/api/v1/me", token: school.token(.student))
            #expect(student.status == .unauthorized)
            let old = try await client.send(
                .post, "/api/v1/session",
                json: SignedIn.body(Person.student.login, TestSchool.password))
            #expect(old.status == .unauthorized)
            // The parent of a child in the class, too.
            let parent = try await client.send(
                .post, "/api/v1/users/\(school.account(.parent))/password-reset", token: teacher)
            #expect(parent.status == .ok, "\(parent.text)")
        }
    }

    /// With R24 a school may let parents reset their children's passwords; that must reach the
    /// child's account, not the other parent's.
    @Test func parentAllowedToResetTheirChildsPasswordCannotResetTheOtherParents() async throws {
        let school = try await TestSchool.makeForAuthorization()
        let father = try await school.service.database.write(actor: .system("test")) { writer in
            let father = try writer.insert(Representative(name: PersonName(lastName: "Иванов", firstName: "Пётр")))
            try writer.insert(
                StudentRepresentative(studentID: school.own.student, representativeID: father.id!, kind: .parent))
            let account = try writer.insert(
                Account(
                    login: "ivanov.father", passwordHash: TestSchool.passwordHash, mustChangePassword: false,
                    owner: .representative(father.id!), createdAt: TestSchool.noon))
            try writer.insert(AccountRole(accountID: account.id!, role: .parent))
            return account.id!
        }
        try await school.application().test(.router) { client in
            let extended = try await client.send(
                .post, "/api/v1/rights", token: school.token(.administrator),
                json:
                    #"{"role": "parent", "capability": "passwords.reset", "scope": "own_children", "effect": "allow"}"#)
            #expect(extended.status == .created, "\(extended.text)")
            let parent = school.token(.parent)

            let otherParent = try await client.send(.post, "/api/v1/users/\(father)/password-reset", token: parent)
            #expect(otherParent.isAccessDenied, "\(otherParent.status): \(otherParent.text)")
            let anotherChild = try await client.send(
                .post, "/api/v1/users/\(school.account(.otherStudent))/password-reset", token: parent)
            #expect(anotherChild.isAccessDenied, "\(anotherChild.status)")
            let child = try await client.send(
                .post, "/api/v1/users/\(school.account(.student))/password-reset", token: parent)
            #expect(child.status == .ok, "\(child.text)")
        }
    }
}

/// The administrator is denied health and psychology data; taking over an account that holds
/// it (a password reset) or giving someone such a role is told to that role's holders
/// (issue 9, item 7), so the denial is a boundary the holders can watch.
@Suite("Acts over accounts that hold data the actor may not read")
struct SecurityNoticeTests {
    struct Me: Decodable {
        struct Notice: Decodable {
            var kind: String
            var accountLogin: String
            var role: String
            var actorName: String
        }
        var securityNotices: [Notice]
    }

    @Test func theHoldersOfARoleSeeWhenTheAdministratorTakesOverOrGrantsIt() async throws {
        let school = try await TestSchool.makeForAuthorization()
        try await school.application().test(.router) { client in
            let admin = school.token(.administrator)
            func notices(_ token: String) async throws -> [Me.Notice] {
                try await client.send(.get, "/api/v1/me", token: token).decode(Me.self).securityNotices
            }
            #expect(try await notices(school.token(.psychologist)).isEmpty)

            // A reset of the psychologist's password: the psychologist is told.
            let reset = try await client.send(
                .post, "/api/v1/users/\(school.account(.psychologist))/password-reset", token: admin)
            #expect(reset.status == .ok)
            struct Reset: Decodable { var password: String }
            let psychologist = try await client.signIn(
                Person.psychologist.login, password: try reset.decode(Reset.self).password)
            let told = try await notices(psychologist.token)
            #expect(told.map(\.kind) == ["password_reset"])
            #expect(told.first?.accountLogin == "psychologist" && told.first?.role == "psychologist")

            // The medical role given to the HR specialist: the medical worker and the HR
            // specialist are told; the psychologist is not.
            let granted = try await client.send(
                .put, "/api/v1/users/\(school.account(.hr))/roles", token: admin, json: #"{"roles": ["hr", "medical"]}"#
            )
            #expect(granted.status == .ok, "\(granted.text)")
            let nurse = try await notices(school.token(.medical))
            #expect(nurse.map(\.kind) == ["role_granted"] && nurse.first?.accountLogin == "hr")
            #expect(nurse.first?.actorName == "Орлов Иван")
            #expect(try await notices(psychologist.token).map(\.kind) == ["password_reset"])

            // Acts that open nothing denied are not notices: a teacher's password, the hr role.
            _ = try await client.send(.post, "/api/v1/users/\(school.account(.teacher))/password-reset", token: admin)
            #expect(try await notices(school.token(.hr)).map(\.kind) == ["role_granted"])
            let count = try await school.service.database.read { try $0.count("securityNotice") }
            #expect(count == 2)
        }
    }
}

/// R22 as the regulation says it: only the Administrator gives roles (issue 10, item 6).
@Suite("Only the Administrator gives roles (R22)")
struct RoleGrantingTests {
    @Test func theRightToGiveRolesCannotBeHandedOnByAnExtension() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator])
        try await school.application().test(.router) { client in
            let refused = try await client.send(
                .post, "/api/v1/rights", token: school.token(.administrator),
                json: #"{"role": "management", "capability": "roles.grant", "scope": "school", "effect": "allow"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.problem?.detail.contains("only the Administrator") == true, "\(refused.text)")
            // A denial of it may be written.
            let denial = try await client.send(
                .post, "/api/v1/rights", token: school.token(.administrator),
                json: #"{"role": "management", "capability": "roles.grant", "scope": "school", "effect": "deny"}"#)
            #expect(denial.status == .created)
        }
    }

    /// The words of a refusal are the reader's: Russian by default, English when the request
    /// asks for it; the field and the kind of problem stay the same.
    @Test func aRefusedWriteAnswersInRussianByDefaultAndInEnglishWhenAsked() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator, .teacher])
        try await school.application().test(.router) { client in
            let body = #"{"role": "management", "capability": "roles.grant", "scope": "school", "effect": "allow"}"#
            let russian = try await client.send(
                .post, "/api/v1/rights", token: school.token(.administrator), json: body, language: nil)
            #expect(russian.status == .unprocessableContent)
            #expect(russian.problem?.type == "/problems/invalid-value")
            #expect(russian.problem?.field == "capability")
            #expect(russian.problem?.title == "Неверное значение")
            #expect(
                russian.problem?.detail
                    == "capability: право roles.grant нельзя дать расширением: оно есть только у роли администратора "
                    + "(R22); дайте человеку роль администратора")
            let english = try await client.send(
                .post, "/api/v1/rights", token: school.token(.administrator), json: body, language: "en")
            #expect(english.status == .unprocessableContent)
            #expect(english.problem?.type == "/problems/invalid-value")
            #expect(english.problem?.field == "capability")
            #expect(english.problem?.title == "Invalid value")
            #expect(
                english.problem?.detail
                    == "capability: roles.grant cannot be given by an extension: only the Administrator's role holds "
                    + "it (R22); give the person the administrator role instead")
            // A body that is not of the documented form says what is missing, in either language.
            let admin = school.token(.administrator)
            let incomplete = try await client.send(.post, "/api/v1/rights", token: admin, json: "{}", language: nil)
            #expect(incomplete.status == .badRequest)
            #expect(incomplete.problem?.detail == "нет поля «capability»")
            let incompleteEnglish = try await client.send(.post, "/api/v1/rights", token: admin, json: "{}")
            #expect(incompleteEnglish.problem?.detail == "the field 'capability' is missing")
            // A denial names the right in the reader's words, and keeps the rules' reason.
            let denied = try await client.send(
                .post, "/api/v1/rights", token: school.token(.teacher), json: body, language: nil)
            #expect(denied.isAccessDenied)
            #expect(
                denied.problem?.detail
                    == "нет права «расширение прав» на этот объект (no grant of rights.extend covers school for "
                    + "roles teacher)")
        }
    }

    @Test func aRoleIsGivenOnlyWhereItMakesSense() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator])
        try await school.application().test(.router) { client in
            let admin = school.token(.administrator)
            for (account, roles, accepted) in [
                (school.account(.student), #"["administrator"]"#, "student"),
                (school.account(.parent), #"["parent", "teacher"]"#, "parent"),
                (school.account(.teacher), #"["teacher", "student"]"#, "administrator, management, teacher"),
            ] {
                let refused = try await client.send(
                    .put, "/api/v1/users/\(account)/roles", token: admin, json: #"{"roles": \#(roles)}"#)
                #expect(refused.status == .unprocessableContent, "\(roles): \(refused.status)")
                #expect(refused.problem?.detail.contains("it can hold \(accepted)") == true, "\(refused.text)")
            }
            let roles = try await school.service.database.read { try $0.roles(account: school.account(.student)) }
            #expect(roles == [.student])
        }
    }

    @Test func theLastAdministratorCannotRemoveTheirOwnRole() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator])
        try await school.application().test(.router) { client in
            let admin = school.token(.administrator)
            let own = school.account(.administrator)
            let refused = try await client.send(
                .put, "/api/v1/users/\(own)/roles", token: admin, json: #"{"roles": ["hr"]}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.problem?.detail.contains("last administrator") == true)
            // With a second administrator, the first may step down.
            let second = try await client.send(
                .put, "/api/v1/users/\(school.account(.hr))/roles", token: admin,
                json: #"{"roles": ["hr", "administrator"]}"#)
            #expect(second.status == .ok)
            let stepped = try await client.send(
                .put, "/api/v1/users/\(own)/roles", token: admin, json: #"{"roles": ["management"]}"#)
            #expect(stepped.status == .ok, "\(stepped.text)")
        }
    }
}
