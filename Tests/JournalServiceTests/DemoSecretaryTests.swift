import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Issue 16's "done when" for the secretary, on a demo school: the secretary signs in to a
/// school whose every student has a personal file, whose register of applications holds the
/// families' written choices of September under the numbers their contacts name, and has
/// certificates to issue.
@Suite("The secretary's work on the demo school")
struct DemoSecretaryTests {
    @Test func theSecretaryFindsFilesApplicationsAndCertificates() async throws {
        let clock = TestClock()
        let service = JournalService(database: try JournalDatabase.inMemory(now: { clock.now }))
        _ = try await service.createDemo(
            students: 320, seed: 5, today: TestSchool.today, rules: try TestSchool.shippedRules())
        let roles = try await service.database.read { try $0.accountRoles() }
        let account = try #require(roles.first { $0.role == .secretary }?.accountID)
        let secretary = Caller.person(try await service.subject(account: account))

        let book = try await service.alphabetBook(caller: secretary)
        #expect(book.count >= 320)
        #expect(book.allSatisfy { $0.file != nil })
        #expect(Set(book.compactMap(\.file?.fileNumber)).count == book.count, "file numbers are unique")

        let day = try await service.secretaryDay(caller: secretary)
        #expect(day.certificatesToIssue.count == 3)
        #expect(day.studentsWithoutFile == 0)

        // The written choices of the form of information are those the contacts name.
        let register = try await service.applications(year: 2026, caller: secretary)
        let choices = register.filter { $0.application.kind == .informationForm }
        #expect(!choices.isEmpty)
        #expect(choices.allSatisfy { $0.namedBy > 0 }, "each R18 application is named by its family's forms")
        #expect(try await service.certificates(year: 2026, caller: secretary).count == 3)

        // Two students were transferred to a parallel class by an order, their files say so.
        let transfers = try await service.database.read { reader in
            try book.flatMap { try reader.classTransfers(student: $0.studentID) }
        }
        #expect(transfers.count == 2)
        for transfer in transfers {
            let student = try #require(try await service.database.read { try $0.student(transfer.studentID) })
            #expect(student.classID == transfer.toClassID)
        }
    }
}
