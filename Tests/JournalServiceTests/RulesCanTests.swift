import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("Lua rules ask can(user, capability, object)")
struct RulesCanTests {
    @Test func aConditionBuiltOnCanGrantsWhatTheOtherRightCovers() async throws {
        let school = try await TestSchool.make()
        let service = school.service
        let admin = Caller.system("administrator")
        let (teacherAccount, outsider) = try await service.database.write(actor: admin.actor) { writer in
            let account = try writer.insert(
                Account(
                    login: "petrova", passwordHash: "x", mustChangePassword: false, owner: .staff(school.teacher.id!),
                    createdAt: Date()))
            try writer.insert(AccountRole(accountID: account.id!, role: .teacher))
            let year = try writer.reader.currentYear()!
            let other = try writer.insert(SchoolClass(yearID: year.id!, grade: 6, letter: "Б"))
            let outsider = try writer.insert(
                Student(classID: other.id!, name: PersonName(lastName: "Орлов", firstName: "Иван")))
            return (account, outsider)
        }
        // Teachers read the diary of every student they may see in their groups.
        _ = try await service.addRightsExtension(
            RightsExtensionInput(
                role: .teacher, accountID: nil, capability: "diary.view", scope: "school", effect: "allow",
                condition: "return function(user, object) return can(user, \"students.view\", object) end",
                comment: "diaries of one's own students"),
            caller: admin)
        let subject = try await service.subject(account: teacherAccount.id!)
        let policy = try await service.accessPolicy()
        let own = AccessObject(kind: .student, id: school.students[0].id!.rawValue, students: [school.students[0].id!])
        let other = AccessObject(kind: .student, id: outsider.id!.rawValue, students: [outsider.id!])
        let allowed = policy.decide(subject, .diaryView, own)
        #expect(allowed.allowed, "\(allowed)")
        #expect(allowed.decidedBy?.contains("extension") == true)
        let denied = policy.decide(subject, .diaryView, other)
        #expect(!denied.allowed && denied.reason.contains("condition does not hold"), "\(denied)")
    }

    @Test func canIsRefusedClearlyWhenRulesAreOnlyChecked() async throws {
        let school = try await TestSchool.make()
        await #expect {
            try await school.service.addRightsExtension(
                RightsExtensionInput(
                    role: .teacher, accountID: nil, capability: "diary.view", scope: "school", effect: "allow",
                    condition:
                        "return function(user, object) return can(user, \"students.view\", \"student:1\") end\nx ="),
                caller: .system("administrator"))
        } throws: { "\($0)".contains("condition.lua:2:") }
    }
}
