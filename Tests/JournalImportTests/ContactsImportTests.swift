import Foundation
import JournalImport
import JournalModel
import Testing

/// Contacts from the secretary's register (R18): each row's representative, value and basis
/// checked, every problem at its line, nothing written from a file with any.
@Suite struct ContactsImportTests {
    static func school() throws -> FakeSchool {
        var (school, _) = try ExampleFilesTests.importAll()
        school.snapshot.contactList = []
        return school
    }

    static let header =
        "last_name,first_name,middle_name,code,kind,value,basis,basis_number,basis_date,received_by,signer,certificate,certificate_valid_until\n"

    @Test func everyBadRowIsRefusedAtItsLineWithWhatIsAccepted() throws {
        let school = try Self.school()
        let issues = school.issues(
            .contacts,
            Self.header + """
                Алексеева,Ирина,Владимировна,P-001,fax,123,заявление,З-1,2026-09-01,Белова
                Алексеева,Ирина,Владимировна,P-001,почта,alekseeva@,заявление,З-1,2026-09-01,Белова
                Алексеева,Ирина,Владимировна,P-001,почта,a@example.ru,заявление,,2026-09-01,Белова
                Алексеева,Ирина,Владимировна,P-001,телефон,8 916 000-00-00,ЭП,,,,Алексеева И. В.,,
                Некто,Никто,,,почта,n@example.ru,заявление,З-9,2026-09-01,Белова
                Алексеева,Ирина,Владимировна,P-001,почта,a@example.ru,устно,,,

                """)
        #expect(issues.contains { $0.hasPrefix("contacts.csv:2:") && $0.contains("email, phone, postal") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("contacts.csv:3:") && $0.contains("alekseeva@") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("contacts.csv:4:") && $0.contains("basis_number") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("contacts.csv:5:") && $0.contains("certificate") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("contacts.csv:6:") && $0.contains("Некто") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("contacts.csv:7:") && $0.contains("application") }, "\(issues)")
    }

    @Test func aGoodFileIsPlannedWithNormalisedValues() throws {
        let school = try Self.school()
        let plan = try school.plan(
            .contacts,
            Self.header
                + "Алексеева,Ирина,Владимировна,P-001,телефон,8 (916) 123-45-67,заявление,З-1,2026-09-01,Белова\n")
        guard case .contacts(let contacts) = plan else {
            Issue.record("not a contacts plan")
            return
        }
        #expect(contacts.newContacts.map(\.value.value) == ["+7 916 123-45-67"])
        #expect(contacts.newContacts.first?.value.basisNumber == "З-1")
    }
}
