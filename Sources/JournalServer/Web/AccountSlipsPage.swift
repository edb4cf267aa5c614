import Foundation
import JournalModel
public import JournalService
public import Localization

/// Printable slips, one per person: where to sign in, the login and the one-time password. A
/// self-contained page (its own styles) that prints eight slips to an A4 sheet with cut
/// lines; the administration pages and `journal accounts generate --out` print the same.
public enum AccountSlipsPage {
    /// - Parameter address: where to sign in (`https://journal.school.ru/login`); when nil, the
    ///   slip says to ask the school for the journal's address.
    public static func html(
        _ accounts: [GeneratedAccount], school: String, address: String?, language: Language = .ru
    ) -> String {
        let address = address ?? Strings.text("slips.address_unknown", language)
        let values: [String: Any] = [
            "language": language.rawValue, "t": TemplateStrings.tables[language]!,
            "title": Strings.text("slips.title", language, ["school": school]),
            "count": Strings.text("slips.count", language, ["count": String(accounts.count)]),
            "slips": accounts.map { account -> [String: Any] in
                [
                    "school": school, "name": account.displayName, "className": account.className as Any,
                    "children": (account.children.isEmpty ? nil : account.children.joined(separator: ", ")) as Any,
                    "roles": account.roles.map { Strings.text("role.\($0.rawValue)", language) }
                        .joined(separator: ", "),
                    "address": address, "login": account.login, "password": account.password,
                ]
            },
        ]
        return WebRenderer.shared.render("account_slips", values)
    }
}
