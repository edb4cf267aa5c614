import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import NIOCore
import Testing

@Suite("Families' contacts, agreed forms and the delivery log in the browser")
struct ContactsPageTests {
    @Test func aParentKeepsTheirOwnContactsAndChoosesHowTheyAreTold() async throws {
        let school = try await TestSchool.make([.marks], accounts: [.parent, .teacher, .secretary])
        try await school.application().test(.router) { client in
            let parent = try await Browser.signIn(client, as: .parent)
            let page = try await parent.get("/contacts")
            #expect(page.status == .ok)
            #expect(
                page.text.contains("elena.ivanova@example.org") && page.text.contains("заявление № 17"), "\(page.text)")
            #expect(page.text.contains("Иванова Анна (5А)"))
            // A parent enters their own: no basis fields, the basis is their own entry.
            #expect(!page.text.contains("name=\"basisNumber\""))
            let added = try await parent.post(
                "/contacts/add",
                [("representativeID", "\(school.mother)"), ("kind", "phone"), ("value", "8 900 111-22-33")])
            #expect(added.status == .seeOther)
            let after = try await parent.get("/contacts")
            #expect(after.text.contains("+7 900 111-22-33") && after.text.contains("внесён родителем в дневнике"))
            let bad = try await parent.post(
                "/contacts/add", [("representativeID", "\(school.mother)"), ("kind", "email"), ("value", "elena@")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("не адрес электронной почты"), "\(bad.text)")
            // Marks at once by email; the forecast never in the diary alone.
            let chosen = try await parent.post(
                "/contacts/form",
                [
                    ("representativeID", "\(school.mother)"), ("messageClass", "marks"), ("channel", "email"),
                    ("frequency", "immediate"),
                ])
            #expect(chosen.status == .seeOther)
            let refused = try await parent.post(
                "/contacts/form",
                [
                    ("representativeID", "\(school.mother)"), ("messageClass", "forecast"), ("channel", "diary"),
                    ("frequency", "immediate"),
                ])
            #expect(refused.status == .unprocessableContent && refused.text.contains("обязательное сообщение"))
            // Not another family's.
            let other = try await parent.get("/contacts?representativeID=\(school.mother.rawValue + 100)")
            #expect(other.status == .forbidden || other.status == .notFound)
        }
    }

    @Test func theSecretaryFindsAFamilyAndEntersAContactWithItsApplication() async throws {
        let school = try await TestSchool.make([.marks], accounts: [.parent, .teacher, .secretary])
        try await school.application().test(.router) { client in
            let secretary = try await Browser.signIn(client, as: .secretary)
            let list = try await secretary.get("/contacts?className=5%D0%90")
            #expect(list.text.contains("Иванова Елена") && list.text.contains("elena.ivanova@example.org"))
            let family = try await secretary.get("/contacts?representativeID=\(school.mother)")
            #expect(family.text.contains("name=\"basisNumber\""))
            let missingBasis = try await secretary.post(
                "/contacts/add",
                [
                    ("representativeID", "\(school.mother)"), ("kind", "email"), ("value", "new@example.org"),
                    ("basis", "application"),
                ])
            #expect(missingBasis.status == .unprocessableContent && missingBasis.text.contains("basisNumber"))
            let added = try await secretary.post(
                "/contacts/add",
                [
                    ("representativeID", "\(school.mother)"), ("kind", "email"), ("value", "new@example.org"),
                    ("basis", "application"), ("basisNumber", "44"), ("basisDate", "2026-11-19"),
                    ("receivedBy", "Белова Н. С."),
                ])
            #expect(added.status == .seeOther)
            let after = try await secretary.get("/contacts?representativeID=\(school.mother)")
            #expect(after.text.contains("new@example.org") && after.text.contains("История контактов"))
            // The class teacher reads the class's delivery log; a teacher of no class is refused another's.
            let teacher = try await Browser.signIn(client, as: .teacher)
            let log = try await teacher.get("/delivery")
            #expect(log.status == .ok && log.text.contains("Журнал доставки сообщений"))
        }
    }
}

extension ContactsPageTests {
    @Test func theClassTeacherPrintsTheWeekSheetsOfTheFamiliesWhoChosePaper() async throws {
        let school = try await TestSchool.make([.marks], accounts: [.parent, .teacher, .secretary])
        _ = try await school.service.setDeliveryForm(
            representative: school.mother, messageClass: "forecast", channel: .paper, frequency: .weekly,
            applicationNumber: "17", caller: .system("секретарь"))
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let page = try await teacher.get("/printouts?className=5%D0%90&week=2026-11-16")
            #expect(page.status == .ok)
            let anna = school.students[0].id!
            #expect(page.text.contains("Листы для семей, выбравших бумагу (1)"), "\(page.text)")
            #expect(page.text.contains("printouts?week=2026-11-16&amp;students=\(anna)\" download>Листы для семей"))
            let pdf = try await teacher.get("/api/v1/classes/5%D0%90/printouts?week=2026-11-16&students=\(anna)")
            #expect(pdf.status == .ok)
            let sheets = try PDFText(Data(pdf.body.readableBytesView))
            #expect(sheets.pages.count == 1)
            #expect(sheets.text.contains("Иванова Анна") && !sheets.text.contains("Смирнов Олег"))
        }
    }
}
