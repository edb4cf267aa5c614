import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization

/// Families' contacts and agreed forms in the browser (R18): the secretary finds a family and
/// enters what its written application or signed document gives; a parent keeps their own;
/// the class teacher reads their class's families and what reached them (the delivery log).
struct ContactsPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/contacts", use: contactsPage)
            .post("/contacts/add", use: addContact)
            .post("/contacts/end", use: endContact)
            .post("/contacts/form", use: setForm)
            .get("/delivery", use: deliveryPage)
    }

    struct ContactForm: Decodable {
        var representativeID: Int64
        var kind: String
        var value: String
        var basis: String?
        var basisNumber: String?
        var basisDate: String?
        var receivedBy: String?
        var signer: String?
        var certificateSerial: String?
        var certificateValidUntil: String?
        var validFrom: String?
    }

    struct EndForm: Decodable {
        var representativeID: Int64
        var contactID: Int64
    }

    struct DeliveryForm: Decodable {
        var representativeID: Int64
        var messageClass: String
        var channel: String
        var frequency: String
        var applicationNumber: String?
    }

    @Sendable func contactsPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let filters = QueryFilters(request, fromForm: true)
        let id = try filters.positiveNumber("representativeID").map { RepresentativeID($0) }
        if let id = id ?? session.subject.representativeID {
            return try await familyPage(request, session, id, error: nil)
        }
        return try await listPage(request, session, text: filters.filled("q"), className: filters.filled("className"))
    }

    private func listPage(
        _ request: Request, _ session: AuthenticatedSession, text: String?, className: String?
    ) async throws -> Response {
        let language = web.language(request)
        var page = WebPage(title: Strings.text("contacts.title", language), language: language, session: session)
        page.active = "/contacts"
        var values: [String: Any] = ["q": text ?? "", "className": className ?? "", "list": true]
        if text != nil || className != nil {
            do {
                let found = try await service.representatives(
                    matching: text, className: className, caller: session.caller)
                values["families"] = found.map { family -> [String: Any] in
                    [
                        "id": family.id.rawValue, "name": family.name,
                        "children": family.children.joined(separator: ", "),
                        "email": family.email ?? "—", "phone": family.phone ?? "—", "paper": family.paperClasses > 0,
                    ]
                }
                values["none"] = found.isEmpty
                values["hasFamilies"] = !found.isEmpty
            } catch let error as JournalError {
                page.error = error.text(language)
            } catch let error as ServiceError {
                page.error = JournalError.refused(error.message).text(language)
            }
        }
        page.values = values
        return web.render("contacts", page)
    }

    private func familyPage(
        _ request: Request, _ session: AuthenticatedSession, _ id: RepresentativeID, error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = web.language(request)
        let family = try await service.representativeContacts(id, caller: session.caller)
        let log = try await service.deliveryLog(className: nil, representative: id, limit: 30, caller: session.caller)
        let time = TimeText(timeZone: try await service.school().timeZone)
        let isOwn = session.subject.representativeID == id && session.subject.staffID == nil
        let canEdit = session.capabilities.contains(.contactsEdit)
        var page = WebPage(title: family.name, language: language, session: session)
        page.active = "/contacts"
        page.error = error
        func basis(_ contact: Contact) -> String {
            switch contact.basis {
            case .application:
                Strings.text(
                    "contacts.basis_application", language,
                    [
                        "number": contact.basisNumber ?? "", "date": contact.basisDate.map(DateText.full) ?? "",
                        "receivedBy": contact.receivedBy ?? "",
                    ])
            case .signedDocument:
                Strings.text(
                    "contacts.basis_signed", language,
                    [
                        "signer": contact.signer ?? "", "serial": contact.certificateSerial ?? "",
                        "until": contact.certificateValidUntil.map(DateText.full) ?? "",
                    ])
            case .selfEntered: Strings.text("contacts.basis_self", language)
            }
        }
        func row(_ contact: Contact) -> [String: Any] {
            [
                "id": contact.id ?? 0, "kind": Strings.text("contacts.kind_\(contact.kind.rawValue)", language),
                "value": contact.value, "basis": basis(contact), "from": DateText.full(contact.validFrom),
                "to": contact.validTo.map(DateText.full), "enteredBy": contact.enteredBy,
                "enteredAt": time(contact.enteredAt),
            ]
        }
        page.values = [
            "family": true, "representativeID": id.rawValue, "name": family.name, "isOwn": isOwn, "canEdit": canEdit,
            "children": family.children.map { ["name": $0.name, "className": $0.className] },
            "current": family.current.map(row), "hasCurrent": !family.current.isEmpty,
            "ended": family.contacts.filter { !$0.isValid(on: family.today) }.map(row),
            "hasEnded": family.contacts.contains { !$0.isValid(on: family.today) },
            "kinds": ContactKind.allCases.map {
                ["key": $0.rawValue, "title": Strings.text("contacts.kind_\($0.rawValue)", language)]
            },
            "bases": [ContactBasisKind.application, .signedDocument].map {
                ["key": $0.rawValue, "title": Strings.text("contacts.basis_kind_\($0.rawValue)", language)]
            },
            "forms": family.forms.map { form -> [String: Any] in
                [
                    "messageClass": form.messageClass, "title": form.title, "mandatory": form.isMandatory,
                    "chosen": form.isChosen, "applicationNumber": form.applicationNumber ?? "",
                    "channels": DeliveryChannel.allCases.filter { !(form.isMandatory && $0 == .diary) }.map {
                        [
                            "key": $0.rawValue, "title": Strings.text("delivery.channel_\($0.rawValue)", language),
                            "selected": $0 == form.channel,
                        ] as [String: Any]
                    },
                    "frequencies": DeliveryFrequency.allCases.map {
                        [
                            "key": $0.rawValue, "title": Strings.text("delivery.frequency_\($0.rawValue)", language),
                            "selected": $0 == form.frequency,
                        ] as [String: Any]
                    },
                ]
            },
            "log": log.entries.map { logRow($0, time, language) }, "hasLog": !log.entries.isEmpty,
        ]
        return web.render("contacts", page, status: status)
    }

    @Sendable func addContact(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(ContactForm.self)
        let id = RepresentativeID(form.representativeID)
        let language = web.language(request)
        do {
            guard let kind = ContactKind(rawValue: form.kind) else {
                throw JournalError.invalid(
                    field: "kind",
                    message: .init(
                        "error.delivery.kind",
                        ["value": form.kind, "accepted": ContactKind.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            let basisName = form.basis ?? ContactBasisKind.selfEntered.rawValue
            guard let basis = ContactBasisKind(rawValue: basisName) else {
                throw JournalError.invalid(
                    field: "basis",
                    message: .init(
                        "error.delivery.kind",
                        [
                            "value": basisName,
                            "accepted": ContactBasisKind.allCases.map(\.rawValue).joined(separator: ", "),
                        ]))
            }
            let input = ContactInput(
                kind: kind, value: form.value, basis: basis, basisNumber: form.basisNumber.nonEmpty,
                basisDate: try Self.day(form.basisDate, "basisDate"), receivedBy: form.receivedBy.nonEmpty,
                signer: form.signer.nonEmpty, certificateSerial: form.certificateSerial.nonEmpty,
                certificateValidUntil: try Self.day(form.certificateValidUntil, "certificateValidUntil"),
                validFrom: try Self.day(form.validFrom, "validFrom"))
            _ = try await service.addContact(representative: id, input, caller: session.caller)
        } catch let error as JournalError {
            return try await familyPage(
                request, session, id, error: error.text(language), status: .unprocessableContent)
        }
        return WebResponse.redirect("/contacts?representativeID=\(id.rawValue)")
    }

    @Sendable func endContact(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(EndForm.self)
        let id = RepresentativeID(form.representativeID)
        do {
            _ = try await service.endContact(form.contactID, on: nil, caller: session.caller)
        } catch let error as JournalError {
            return try await familyPage(
                request, session, id, error: error.text(web.language(request)), status: .unprocessableContent)
        }
        return WebResponse.redirect("/contacts?representativeID=\(id.rawValue)")
    }

    @Sendable func setForm(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = try await request.decodeForm(DeliveryForm.self)
        let id = RepresentativeID(form.representativeID)
        do {
            guard let channel = DeliveryChannel(rawValue: form.channel),
                let frequency = DeliveryFrequency(rawValue: form.frequency)
            else {
                throw JournalError.invalid(
                    field: "channel",
                    message: .init(
                        "error.delivery.kind",
                        [
                            "value": "\(form.channel), \(form.frequency)",
                            "accepted":
                                (DeliveryChannel.allCases.map(\.rawValue)
                                + DeliveryFrequency.allCases.map(\.rawValue)).joined(separator: ", "),
                        ]))
            }
            _ = try await service.setDeliveryForm(
                representative: id, messageClass: form.messageClass, channel: channel, frequency: frequency,
                applicationNumber: form.applicationNumber.nonEmpty, caller: session.caller)
        } catch let error as JournalError {
            return try await familyPage(
                request, session, id, error: error.text(web.language(request)), status: .unprocessableContent)
        }
        return WebResponse.redirect("/contacts?representativeID=\(id.rawValue)#forms")
    }

    /// The delivery log of a class (its class teacher) or of the school: what was sent, what
    /// waits, what was given up with the mail server's reply.
    @Sendable func deliveryPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let language = web.language(request)
        let filters = QueryFilters(request, fromForm: true)
        var className = filters.filled("className")
        if className == nil, !session.capabilities.contains(.deliveryView) || session.subject.staffID != nil,
            let own = session.subject.ownClasses.first
        {
            className = try await service.className(own)
        }
        let problems = filters.filled("problems") != nil
        var page = WebPage(title: Strings.text("delivery.title", language), language: language, session: session)
        page.active = "/delivery"
        var values: [String: Any] = ["className": className ?? "", "problems": problems]
        do {
            let log = try await service.deliveryLog(
                className: className, representative: nil, onlyProblems: problems, caller: session.caller)
            let time = TimeText(timeZone: try await service.school().timeZone)
            values["entries"] = log.entries.map { logRow($0, time, language) }
            values["none"] = log.entries.isEmpty
            values["hasEntries"] = !log.entries.isEmpty
            values["givenUp"] = log.givenUp > 0 ? log.givenUp : nil
        } catch let error as JournalError {
            page.error = error.text(language)
        } catch let error as ServiceError {
            page.error = JournalError.refused(error.message).text(language)
        }
        page.values = values
        return web.render("delivery", page)
    }

    private func logRow(_ entry: DeliveryLog.Entry, _ time: TimeText, _ language: Language) -> [String: Any] {
        [
            "representative": entry.representative, "representativeID": entry.representativeID.rawValue,
            "child": entry.child, "subject": entry.subject, "body": entry.body,
            "class": entry.messageClass,
            "channel": Strings.text("delivery.channel_\(entry.channel.rawValue)", language),
            "status": Strings.text("delivery.status_\(entry.status.rawValue)", language),
            "statusKey": entry.status.rawValue, "created": time(entry.createdAt),
            "sent": entry.sentAt.map(time.callAsFunction), "to": entry.sentTo,
            "reply": entry.lastReply, "attempts": entry.attempts,
        ]
    }

    static func day(_ text: String?, _ field: String) throws -> LocalDate? {
        guard let text = text.nonEmpty else { return nil }
        guard let day = LocalDate(text) else {
            throw JournalError.invalid(field: field, message: .init("error.date_format", ["value": text]))
        }
        return day
    }
}
