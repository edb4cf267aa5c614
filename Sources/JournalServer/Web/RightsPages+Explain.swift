import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization

/// `/admin/explain`: why a person may or may not do something — the decision, the grant or
/// denial that made it, and where that comes from (a role, an extension of the role, an
/// extension for this person), with the extension's details.
extension RightsPages {
    /// `/admin/explain?login=…&capability=…&kind=…&id=…`: the decision and why.
    func explainPage(_ request: Request, _ session: AuthenticatedSession) async throws -> Response {
        let language = web.language(request)
        try await web.require(session, .accessExplain, language)
        let login = request.query("login")?.trimmingCharacters(in: .whitespaces) ?? ""
        let capabilityText = request.query("capability") ?? ""
        let kindText = request.query("kind") ?? AccessObject.Kind.school.rawValue
        let idText = request.query("id")?.trimmingCharacters(in: .whitespaces) ?? ""
        var page = WebPage(title: Strings.text("explain.title", language), language: language, session: session)
        page.active = "/admin/explain"
        var values: [String: Any] = [
            "login": login, "id": idText,
            "capabilities": Capability.served.map {
                [
                    "value": $0.rawValue, "title": Strings.text("capability.\($0.rawValue)", language),
                    "selected": $0.rawValue == capabilityText,
                ]
            },
            "kinds": AccessObject.Kind.allCases.map {
                [
                    "value": $0.rawValue, "title": Strings.text("explain.kind_\($0.rawValue)", language),
                    "selected": $0.rawValue == kindText,
                ]
            },
        ]
        if !login.isEmpty {
            do {
                values["decision"] = try await explain(
                    login: login, capability: capabilityText, kind: kindText, id: idText, session, language)
            } catch let error as FormError {
                page.error = error.message
            } catch let error as ServiceError {
                page.error = Strings.text("web.refused", language, ["reason": error.message.text(language)])
            }
        }
        page.values = values
        return web.render("admin_explain", page, status: page.error == nil ? .ok : .unprocessableContent)
    }

    func explain(
        login: String, capability capabilityText: String, kind kindText: String, id idText: String,
        _ session: AuthenticatedSession, _ language: Language
    ) async throws -> [String: Any] {
        guard let capability = Capability(rawValue: capabilityText) else {
            throw FormError(message: Strings.text("explain.choose_capability", language))
        }
        guard let kind = AccessObject.Kind(rawValue: kindText) else {
            throw FormError(message: Strings.text("explain.choose_kind", language))
        }
        var id: Int64?
        if kind != .school && kind != .rules {
            guard let number = Int64(idText), number > 0 else {
                throw FormError(message: Strings.text("explain.need_id", language))
            }
            id = number
        }
        let user = try await account(login: login, session, language)
        let decision = try await service.explainAccess(
            account: user.accountID, capability: capability, object: AccessObjectReference(kind: kind, id: id),
            caller: session.caller)
        var values: [String: Any] = [
            "allowed": decision.allowed, "decidedBy": decision.decidedBy as Any,
            "reason": (decision.reason == decision.decidedBy ? nil : decision.reason) as Any,
            "person": user.name, "login": user.login, "capability": capability.rawValue,
            "capabilityTitle": Strings.text("capability.\(capability.rawValue)", language),
            "object": decision.object,
        ]
        let source = DecisionSource(decision.decidedBy)
        switch source {
        case nil:
            values["source"] = Strings.text("explain.source_none", language)
        case .role(let role):
            values["source"] = Strings.text("explain.source_role", language, ["role": roleTitle(role, language)])
        case .roleExtension(let role, let extensionID):
            values["source"] = Strings.text(
                "explain.source_role_extension", language, ["id": "\(extensionID)", "role": roleTitle(role, language)])
        case .userExtension(let extensionID):
            values["source"] = Strings.text("explain.source_user_extension", language, ["id": "\(extensionID)"])
        }
        if let extensionID = source?.extensionID, try await web.holds(session, .rightsExtend),
            let ext = try await service.rightsExtensions(caller: session.caller).first(where: { $0.id == extensionID })
        {
            values["extension"] = extensionValues(ext, back: "/admin/rights", language)
        }
        return values
    }

    func roleTitle(_ name: String, _ language: Language) -> String {
        Role(rawValue: name).map { Strings.text("role.\($0.rawValue)", language) } ?? name
    }
}

/// Where a deciding grant came from, read back from its description (`role teacher grants …`,
/// `extension #4 of role hr grants …`, `extension #5 for account 12 denies …`).
enum DecisionSource: Equatable {
    case role(String)
    case roleExtension(String, Int64)
    case userExtension(Int64)

    init?(_ decidedBy: String?) {
        guard let decidedBy else { return nil }
        let words = decidedBy.split(separator: " ").map(String.init)
        if words.count >= 2, words[0] == "role" {
            self = .role(words[1])
        } else if words.count >= 5, words[0] == "extension", let id = Int64(words[1].dropFirst()) {
            self = words[2] == "of" ? .roleExtension(words[4], id) : .userExtension(id)
        } else {
            return nil
        }
    }

    var extensionID: Int64? {
        switch self {
        case .role: nil
        case .roleExtension(_, let id), .userExtension(let id): id
        }
    }
}
