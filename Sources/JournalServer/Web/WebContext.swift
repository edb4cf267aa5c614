import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization
import NIOCore

/// What every page needs: the language, the person, the navigation, the CSRF token.
struct WebPage {
    var title: String
    var language: Language
    var session: AuthenticatedSession?
    var values: [String: Any] = [:]
    var active: String = ""
    var flash: String?
    var error: String?

    /// The page's values merged with the layout's. Missing optional values are dropped, so
    /// that a template section shows only for a value that is there.
    func context(csrf: String?) -> [String: Any] {
        var context = Self.dropNils(values) as! [String: Any]
        context["title"] = title
        context["lang"] = language.rawValue
        context["t"] = TemplateStrings.tables[language]!
        context["csrf"] = csrf ?? ""
        context["asset"] = WebRenderer.assetVersion
        context["otherLanguage"] = language == .ru ? "en" : "ru"
        context["otherLanguageName"] = language == .ru ? "English" : "Русский"
        if let flash { context["flash"] = flash }
        if let error { context["error"] = error }
        if let session {
            context["user"] = [
                "name": session.subject.displayName, "login": session.account.login,
                "roles": session.subject.roles.map { Strings.text("role.\($0.rawValue)", language) }.sorted().joined(
                    separator: ", "),
            ]
            context["nav"] = Navigation.items(for: session, active: active, language: language)
        }
        return context
    }
}

extension WebPage {
    static func dropNils(_ value: Any) -> Any? {
        // The common leaves first: casts are cheaper than reflection, which a grid of a
        // thousand cells would pay ten thousand times. A cast also unwraps an optional.
        if let string = value as? String { return string }
        if let integer = value as? Int { return integer }
        if let flag = value as? Bool { return flag }
        if let dictionary = value as? [String: Any] {
            var result: [String: Any] = [:]
            result.reserveCapacity(dictionary.count)
            for (key, element) in dictionary { if let kept = dropNils(element) { result[key] = kept } }
            return result
        }
        if let array = value as? [Any] { return array.compactMap(dropNils) }
        if let optional = value as? any OptionalValue { return optional.wrappedAny.flatMap(dropNils) }
        return value
    }
}

/// An optional seen through `Any`, to tell a missing value from a present one.
private protocol OptionalValue {
    var wrappedAny: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedAny: Any? { self.map { $0 as Any } }
}

/// The menu: what each person may open.
enum Navigation {
    /// The administrative pages, each with the right that opens it.
    static let administrative: [(capability: Capability, href: String, label: String)] = [
        (.usersView, "/admin/users", "nav.users"), (.accessExplain, "/admin/explain", "nav.explain"),
        (.rightsExtend, "/admin/rights", "nav.rights"), (.rulesView, "/rules", "nav.rules"),
        (.auditView, "/history", "nav.history"), (.examsEdit, "/exams", "nav.exams"),
        (.timetableEdit, "/timetable", "nav.timetable"), (.complianceView, "/compliance", "nav.compliance"),
        (.contactsView, "/contacts", "nav.contacts"), (.deliveryView, "/delivery", "nav.delivery"),
        (.surveysLaunch, "/surveys", "nav.surveys"), (.pluginsManage, "/admin/plugins", "nav.plugins"),
        (.reportsView, "/reports", "nav.reports"), (.personalFilesView, "/secretary", "nav.secretary"),
        (.healthView, "/health", "nav.health"), (.psychologyView, "/psychology", "nav.psychology"),
        (.hrEdit, "/hr", "nav.hr"), (.specialReadsView, "/admin/special-reads", "nav.special_reads"),
    ]

    /// The administrative pages a person may open: whoever holds their right, by role or
    /// extension. The menu and the home page show the same ones.
    static func administrativePages(for session: AuthenticatedSession) -> [(href: String, label: String)] {
        administrative.filter { session.capabilities.contains($0.capability) }.map { ($0.href, $0.label) }
    }

    /// Whether the home page shows the day's lessons: whoever records lessons and is on the staff.
    static func showsTeacherDay(_ session: AuthenticatedSession) -> Bool {
        session.capabilities.contains(.lessonsEdit) && session.subject.staffID != nil
    }

    static func items(for session: AuthenticatedSession, active: String, language: Language) -> [[String: Any]] {
        let roles = session.subject.roles
        var items: [(String, String)] = [("/", "nav.home")]
        if roles.contains(.student) || roles.contains(.parent) || !session.subject.children.isEmpty {
            items += [
                ("/diary", "nav.diary"), ("/diary/marks", "nav.marks"), ("/diary/attestation", "nav.attestation"),
            ]
        }
        if roles.contains(.teacher) { items.append(("/journal", "nav.journal")) }
        if !session.subject.ownClasses.isEmpty { items.append(("/journal/class", "nav.class")) }
        items += administrativePages(for: session)
        // Each member of staff reads their own staff file.
        if session.subject.staffID != nil { items.append(("/me/personnel", "nav.my_personnel")) }
        return items.map { href, key in
            ["href": href, "label": Strings.text(key, language), "current": href == active]
        }
    }
}

enum WebResponse {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("Content-Security-Policy")!] =
            "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
        headers[.init("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }
}
