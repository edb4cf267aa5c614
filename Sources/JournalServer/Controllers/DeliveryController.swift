import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalService

/// Families' contacts with their bases, the form of information each agreed (R18), the
/// delivery log and the dry run of `notifications.lua`.
struct DeliveryController {
    let service: JournalService

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/representatives/{representativeID}/contacts", use: contacts)
        routes.on(.post, "/api/v1/representatives/{representativeID}/contacts", use: addContact)
        routes.on(.post, "/api/v1/contacts/{contactID}/end", use: endContact)
        routes.on(.put, "/api/v1/representatives/{representativeID}/delivery-forms/{messageClass}", use: setForm)
        routes.on(.get, "/api/v1/delivery", use: log)
        routes.on(.get, "/api/v1/delivery/preview", use: preview)
    }

    struct End: Decodable {
        var validTo: LocalDate?
    }

    struct Form: Decodable {
        var channel: DeliveryChannel
        var frequency: DeliveryFrequency
        var applicationNumber: String?
    }

    @Sendable func contacts(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = RepresentativeID(try context.parameters.id("representativeID"))
        return try JSON.response(try await service.representativeContacts(id, caller: try context.caller()))
    }

    @Sendable func addContact(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = RepresentativeID(try context.parameters.id("representativeID"))
        let input = try await JSON.body(ContactInput.self, request, context: context)
        let contact = try await service.addContact(representative: id, input, caller: try context.caller())
        return try JSON.response(contact, status: .created)
    }

    @Sendable func endContact(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = try context.parameters.id("contactID")
        let body = try await JSON.body(End.self, request, context: context)
        return try JSON.response(try await service.endContact(id, on: body.validTo, caller: try context.caller()))
    }

    @Sendable func setForm(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = RepresentativeID(try context.parameters.id("representativeID"))
        let messageClass = context.parameters.get("messageClass") ?? ""
        let body = try await JSON.body(Form.self, request, context: context)
        let form = try await service.setDeliveryForm(
            representative: id, messageClass: messageClass, channel: body.channel, frequency: body.frequency,
            applicationNumber: body.applicationNumber, caller: try context.caller())
        return try JSON.response(form)
    }

    @Sendable func log(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let filters = QueryFilters(request, fromForm: false)
        // An empty value is not one of the two accepted, here where no form sends it.
        let problems = filters.text("problems")
        guard problems == nil || problems == "true" || problems == "false" else {
            throw Problem.badRequest("problem.boolean_query", ["name": "problems"], field: "problems")
        }
        let log = try await service.deliveryLog(
            className: filters.filled("className"),
            representative: try filters.positiveNumber("representativeID").map { RepresentativeID($0) },
            onlyProblems: problems == "true", caller: try context.caller())
        return try JSON.response(log)
    }

    @Sendable func preview(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let filters = QueryFilters(request, fromForm: false)
        let today = try await service.today()
        let day = try filters.date("date") ?? today
        return try JSON.response(try await service.deliveryPreview(on: day, caller: try context.caller()))
    }
}
