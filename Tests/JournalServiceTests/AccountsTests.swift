import Foundation
import HummingbirdBcrypt
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Synchronization
import Testing

@Suite("Account generation")
struct AccountsTests {
    @Test func accountsAreUniqueHashedAndMustChangeTheirPassword() async throws {
        let school = try await TestSchool.make()
        let service = school.service
        try await service.database.write(actor: .system("test")) { writer in
            // A second Анна Иванова forces a different login.
            try writer.insert(
                Student(
                    classID: school.fiveA.id!,
                    name: PersonName(lastName: "Иванова", firstName: "Анна", middleName: "Петровна")))
            let mother = try writer.insert(Representative(name: PersonName(lastName: "Иванова", firstName: "Елена")))
            try writer.insert(
                StudentRepresentative(studentID: school.students[0].id!, representativeID: mother.id!, kind: .parent))
        }
        let delivered = DeliveredAccounts()
        let accounts = try await service.generateAccounts(
            kind: nil, className: nil, caller: .system("admin"), deliver: delivered.keep)
        #expect(accounts.count == 4 + 1 + 1)  // four students, one parent, one teacher
        #expect(delivered.accounts == accounts)
        #expect(Set(accounts.map(\.login)).count == accounts.count)
        #expect(accounts.contains { $0.login == "ivanova.anna" })
        #expect(accounts.contains { $0.login.hasPrefix("ivanova.anna") && $0.login != "ivanova.anna" })
        let parent = try #require(accounts.first { $0.roles == [.parent] })
        #expect(parent.children == ["Иванова Анна (5А)"])

        let stored = try await service.database.read { try $0.accounts() }
        for account in accounts {
            let row = try #require(stored.first { $0.login == account.login })
            #expect(row.passwordHash.hasPrefix("$2b$10$") && !row.passwordHash.contains(account.password))
            #expect(Bcrypt.verify(account.password, hash: row.passwordHash))
            #expect(row.mustChangePassword)
        }
        let audit = try await service.database.read { try $0.auditEntries(entity: "account") }
        #expect(audit.count == accounts.count)
        #expect(audit.allSatisfy { $0.after?.contains("(hidden)") == true && $0.after?.contains("$2b$") == false })

        // A second run finds nobody without an account.
        #expect(try await service.generateAccounts(kind: nil, className: nil, caller: .system("admin")).isEmpty)
    }

    @Test func failingDeliveryCreatesNoAccount() async throws {
        let school = try await TestSchool.make()
        struct PrinterJam: Error {}
        await #expect(throws: PrinterJam.self) {
            try await school.service.generateAccounts(
                kind: .student, className: "5А", caller: .system("admin"), deliver: { _ in throw PrinterJam() })
        }
        #expect(try await school.service.database.read { try $0.accounts() }.isEmpty)
    }
}

final class DeliveredAccounts: Sendable {
    private let store = Mutex<[GeneratedAccount]>([])
    var accounts: [GeneratedAccount] { store.withLock { $0 } }
    func keep(_ accounts: [GeneratedAccount]) { store.withLock { $0 = accounts } }

    @Test func addingAStaffMemberWithRolesNeedsTheRightToGrantRoles() async throws {
        let school = try await TestSchool.make()
        let service = school.service
        // An HR specialist who was also given users.manage by an extension.
        let hr = try await service.database.write(actor: .system("test")) { writer in
            let staff = try writer.insert(
                Staff(name: PersonName(lastName: "Кадрова", firstName: "Анна"), position: "специалист по кадрам"))
            let account = try writer.insert(
                Account(login: "kadrova", passwordHash: "x", owner: .staff(staff.id!), createdAt: TestSchool.noon))
            try writer.insert(AccountRole(accountID: account.id!, role: .hr))
            return account.id!
        }
        _ = try await service.addRightsExtension(
            RightsExtensionInput(
                role: nil, accountID: hr, capability: "users.manage", scope: "school", effect: "allow",
                condition: nil, comment: nil),
            caller: .system("test"))
        let caller = Caller.person(try await service.subject(account: hr))
        let staffBefore = try await service.database.read { try $0.count("staff") }
        await #expect {
            try await service.addPerson(
                .staff,
                fields: ["last_name": "Орлов", "first_name": "Пётр", "position": "директор", "roles": "администратор"],
                caller: caller)
        } throws: { "\($0)".contains("roles.grant") }
        #expect(try await service.database.read { try $0.count("staff") } == staffBefore)

        // The administrator's system caller may; the account gets the named role.
        let account = try await service.addPerson(
            .staff,
            fields: ["last_name": "Орлов", "first_name": "Пётр", "position": "директор", "roles": "администратор"],
            caller: .system("administrator"))
        #expect(account.roles == [.administrator])
        #expect(try await service.database.read { try $0.count("staff") } == staffBefore + 1)
    }
}
