import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Issue 16's "done when" for the psychologist and HR on the demo school: each signs in and
/// finds their day's work.
@Suite("The psychologist and HR on the demo school")
struct DemoPsychologyTests {
    @Test func thePsychologistAndHRFindTheirWork() async throws {
        let clock = TestClock()
        let service = JournalService(database: try JournalDatabase.inMemory(now: { clock.now }))
        _ = try await service.createDemo(
            students: 160, seed: 5, today: TestSchool.today, rules: try TestSchool.shippedRules())
        let (accounts, roles, staff) = try await service.database.read {
            (try $0.accounts(), try $0.accountRoles(), try $0.allStaff())
        }
        func caller(_ role: Role) async throws -> Caller {
            .person(try await service.subject(account: roles.first { $0.role == role }!.accountID))
        }
        func caller(staff id: StaffID) async throws -> Caller {
            .person(try await service.subject(account: accounts.first { $0.owner == .staff(id) }!.id!))
        }
        let psychologist = try await caller(staff: staff.first { $0.position == "педагог-психолог" }!.id!)
        let caseload = try await service.psychologyCaseload(caller: psychologist)
        #expect(caseload.count >= 4)
        #expect(caseload.allSatisfy { !$0.consents.isEmpty })
        #expect(caseload.contains { $0.lastRecord != nil })
        // The class teacher the council conclusion was shared with reads it.
        let shares = try await service.database.read { try $0.councilShares(conclusions: [1]) }
        let teacher = try await caller(staff: try #require(shares.first).staffID)
        #expect(try await service.sharedCouncilConclusions(caller: teacher).count == 1)
        // HR: some courses overdue, a certificate expiring within the month.
        let due = try await service.personnelDue(caller: try await caller(.hr))
        #expect(due.contains { $0.course == .overdue })
        #expect(due.contains { $0.certificate == .soon })
        #expect(due.filter { $0.status == .ok }.count > due.count / 3)
    }
}
