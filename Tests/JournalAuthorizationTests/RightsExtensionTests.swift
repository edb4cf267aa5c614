import Foundation
import Hummingbird
import HummingbirdTesting
import JournalAccess
import JournalModel
import JournalServer
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// The administrator extends and restricts the rights of a role or of one person (R23, R24);
/// the answer names the extension that decided.
@Suite("Rights extensions (R24)")
struct RightsExtensionTests {
    @Test func denialForOnePersonWinsOverTheirRoleUntilWithdrawn() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator, .teacher])
        let mark = school.own.mark
        try await school.application().test(.router) { client in
            let admin = school.token(.administrator)
            let teacher = school.token(.teacher)
            let created = try await client.send(
                .post, "/api/v1/rights", token: admin,
                json: #"""
                    {"accountID": \#(school.account(.teacher)), "capability": "marks.edit", "scope": "own_groups",
                     "effect": "deny", "comment": "на время проверки журнала"}
                    """#)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.decode(RightsExtension.self).id)

            let denial = "extension #\(id) for account \(school.account(.teacher)) denies marks.edit in own_groups"
            let refused = try await client.send(
                .patch, "/api/v1/marks/\(mark)", token: teacher, json: #"{"version": 1, "value": "3"}"#)
            #expect(refused.isAccessDenied, "\(refused.status)")
            #expect(refused.problem?.decidedBy == denial)
            #expect(refused.problem?.detail == "not allowed: \(denial), and a denial wins over grants")
            // The rest of the role's rights stay.
            let journal = try await client.send(
                .get, "/api/v1/assignments/\(school.own.assignment)/journal", token: teacher)
            #expect(journal.status == .ok)

            // Withdrawn, the role's grant decides again.
            #expect(try await client.send(.delete, "/api/v1/rights/\(id)", token: admin).status == .noContent)
            let allowed = try await client.send(
                .patch, "/api/v1/marks/\(mark)", token: teacher, json: #"{"version": 1, "value": "3"}"#)
            #expect(allowed.status == .ok, "\(allowed.text)")
        }
    }

    /// A denial "when …" whose condition throws or runs out of its budget still denies: a
    /// failing check must never open what the administrator meant to close (issue 9, item 7).
    @Test(arguments: [
        #"return function(user, object) error("сломано") end"#,
        "return function(user, object) while true do end end",
        "return function(user, object) return object.students[1] + nil end",
    ])
    func denialWhoseConditionFailsStillDenies(_ condition: String) async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator, .teacher])
        try await school.application().test(.router) { client in
            let body = try JSONSerialization.data(withJSONObject: [
                "accountID": school.account(.teacher).rawValue, "capability": "marks.edit", "scope": "own_groups",
                "effect": "deny", "condition": condition,
            ])
            let created = try await client.send(
                .post, "/api/v1/rights", token: school.token(.administrator),
                json: String(decoding: body, as: UTF8.self))
            #expect(created.status == .created, "\(created.text)")
            let refused = try await client.send(
                .patch, "/api/v1/marks/\(school.own.mark)", token: school.token(.teacher),
                json: #"{"version": 1, "value": "3"}"#)
            #expect(refused.isAccessDenied, "\(refused.status): \(refused.text)")
            #expect(refused.problem?.detail.contains("its condition failed") == true, "\(refused.text)")
            let mark = try await school.service.database.read { try $0.mark(school.own.mark) }
            #expect(mark?.value == "5")
        }
    }

    /// A school lets its social pedagogue follow the attendance of the children in their caseload.
    @Test func roleExtensionWithAConditionOpensOnlyWhatTheConditionAllows() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [.administrator, .psychologist])
        let (own, other) = (school.own.student, school.other.student)
        try await school.application().test(.router) { client in
            let created = try await client.send(
                .post, "/api/v1/rights", token: school.token(.administrator),
                json: #"""
                    {"role": "psychologist", "capability": "attendance.view", "scope": "school", "effect": "allow",
                     "condition": "return function(user, object) return all_in(object.students, user.caseload) end"}
                    """#)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.decode(RightsExtension.self).id)
            let grant =
                "extension #\(id) of role psychologist grants attendance.view in school when rights/extension-\(id).lua"

            let psychologist = school.token(.psychologist)
            let inCaseload = try await client.send(.get, "/api/v1/students/\(own)/attendance", token: psychologist)
            #expect(inCaseload.status == .ok, "\(inCaseload.text)")
            let decision = try await client.explain(
                account: school.account(.psychologist), capability: .attendanceView, object: "student:\(own)",
                asAdministrator: school.token(.administrator))
            #expect(decision.allowed && decision.decidedBy == grant, "\(decision.reason)")

            let outside = try await client.send(.get, "/api/v1/students/\(other)/attendance", token: psychologist)
            #expect(outside.isAccessDenied, "\(outside.status)")
            #expect(
                outside.problem?.detail
                    == "not allowed: no grant of attendance.view covers student \(other) for roles psychologist; "
                    + "\(grant) — the condition does not hold")
            // The extension opened attendance, not the diary.
            let diary = try await client.send(.get, "/api/v1/students/\(own)/diary", token: psychologist)
            #expect(diary.isAccessDenied)
        }
    }
}
