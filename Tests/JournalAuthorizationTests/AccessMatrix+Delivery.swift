import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalTestSupport

extension Operation {
    private static let aboutSchool: @Sendable (CaseContext) -> ObjectName = { _ in .school }
    /// P1's contacts are decided on as her account: `self` for her, `own_class` for S1's class teacher.
    private static let aboutMother: @Sendable (CaseContext) -> ObjectName = {
        ObjectName(.account, $0.school.account(.parent))
    }

    static let representativeContacts = Operation(
        method: .get, path: "/api/v1/representatives/{representativeID}/contacts", capability: .contactsView,
        changesData: false, targets: [.related],
        request: { ("/api/v1/representatives/\($0.school.mother)/contacts", nil) }, object: aboutMother)

    static let addContact = Operation(
        method: .post, path: "/api/v1/representatives/{representativeID}/contacts", capability: .contactsEdit,
        changesData: true, targets: [.related],
        request: {
            (
                "/api/v1/representatives/\($0.school.mother)/contacts",
                #"{"kind": "phone", "value": "+7 900 123-45-67", "basis": "application", "basisNumber": "18", "basisDate": "2026-11-19", "receivedBy": "секретарь Белова"}"#
            )
        }, object: aboutMother)

    static let endContact = Operation(
        method: .post, path: "/api/v1/contacts/{contactID}/end", capability: .contactsEdit, changesData: true,
        targets: [.related], request: { ("/api/v1/contacts/\($0.school.motherEmail)/end", "{}") }, object: aboutMother)

    static let setDeliveryForm = Operation(
        method: .put, path: "/api/v1/representatives/{representativeID}/delivery-forms/{messageClass}",
        capability: .contactsEdit, changesData: true, targets: [.related],
        request: {
            (
                "/api/v1/representatives/\($0.school.mother)/delivery-forms/marks",
                #"{"channel": "email", "frequency": "daily", "applicationNumber": "17"}"#
            )
        }, object: aboutMother)

    static let deliveryLog = Operation(
        method: .get, path: "/api/v1/delivery", capability: .deliveryView, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/delivery", nil) },
        // Without a filter a parent reads their own log, everyone else the school's.
        object: { $0.role == .parent ? ObjectName(.account, $0.school.account(.parent)) : .school })

    static let deliveryPreview = Operation(
        method: .get, path: "/api/v1/delivery/preview", capability: .deliveryView, changesData: false,
        targets: [.school], request: { _ in ("/api/v1/delivery/preview?date=2026-12-14", nil) }, object: aboutSchool)
}

extension AccessMatrix {
    // MARK: Informing families (issue 13)

    /// The secretary keeps families' contacts and agreed forms from their written applications;
    /// the administrator too; a parent reads and changes their own; S1's class teacher and
    /// management read them. The nurse, the psychologist and HR have no part in it.
    static let delivery: [MatrixRow] =
        [
            MatrixRow(
                .representativeContacts,
                [
                    .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)],
                    .teacher: [.allowed(by: .ownClass)], .student: [.refused], .parent: [.allowed(by: .`self`)],
                    .secretary: [.allowed(by: .school)], .medical: [.refused], .psychologist: [.refused],
                    .hr: [.refused],
                ])
        ]
        + [Operation.addContact, .endContact, .setDeliveryForm].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: .school)], .management: [.refused], .teacher: [.refused],
                    .student: [.refused], .parent: [.allowed(by: .`self`)], .secretary: [.allowed(by: .school)],
                    .medical: [.refused], .psychologist: [.refused], .hr: [.refused],
                ])
        }
        + [
            // The whole school's log: the administrator, management and the secretary; a class
            // teacher reads their class's (`?className=`, tested apart), a parent their own.
            MatrixRow(
                .deliveryLog,
                [
                    .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)],
                    .teacher: [.refused], .student: [.refused], .parent: [.allowed(by: .`self`)],
                    .secretary: [.allowed(by: .school)], .medical: [.refused], .psychologist: [.refused],
                    .hr: [.refused],
                ]),
            // Who would get what on a day: those who answer for the whole school's delivery.
            MatrixRow(
                .deliveryPreview,
                [
                    .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)],
                    .teacher: [.refused], .student: [.refused], .parent: [.refused],
                    .secretary: [.allowed(by: .school)], .medical: [.refused], .psychologist: [.refused],
                    .hr: [.refused],
                ]),
        ]
}
