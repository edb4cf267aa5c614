import JournalModel
import Localization

/// Printable slips, one per person, with the login and the one-time password: a self-
/// contained HTML page that prints eight slips to an A4 sheet with cut lines.
public enum AccountSlips {
    public static func html(_ accounts: [GeneratedAccount], school: String, language: Language = .ru) -> String {
        func text(_ key: String, _ values: [String: String] = [:]) -> String {
            Strings.text(key, language, values).htmlEscaped
        }
        var slips = ""
        for account in accounts {
            let roles = account.roles.map { Strings.text("role.\($0.rawValue)", language) }.joined(separator: ", ")
            var rows = "<tr><th>\(text("slips.person"))</th><td>\(account.displayName.htmlEscaped)</td></tr>"
            if let className = account.className {
                rows += "<tr><th>\(text("slips.class"))</th><td>\(className.htmlEscaped)</td></tr>"
            }
            if !account.children.isEmpty {
                rows +=
                    "<tr><th>\(text("slips.children"))</th><td>\(account.children.joined(separator: ", ").htmlEscaped)</td></tr>"
            }
            rows += "<tr><th>\(text("slips.role"))</th><td>\(roles.htmlEscaped)</td></tr>"
            rows += "<tr><th>\(text("slips.login"))</th><td class=\"secret\">\(account.login.htmlEscaped)</td></tr>"
            rows +=
                "<tr><th>\(text("slips.password"))</th><td class=\"secret\">\(account.password.htmlEscaped)</td></tr>"
            slips += """
                <section class="slip">
                  <h2>\(school.htmlEscaped)</h2>
                  <p class="heading">\(text("slips.heading"))</p>
                  <table>\(rows)</table>
                  <p class="note">\(text("slips.instructions"))</p>
                </section>

                """
        }
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(text("slips.title", ["school": school]))</title>
            <style>
              body { font: 11pt/1.35 "PT Sans", "DejaVu Sans", sans-serif; margin: 1cm; color: #111; }
              .sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 0; }
              .slip { border: 1px dashed #888; padding: 0.5cm; break-inside: avoid; page-break-inside: avoid; }
              .slip h2 { font-size: 10pt; margin: 0 0 0.2cm; font-weight: normal; color: #444; }
              .heading { font-weight: bold; margin: 0 0 0.3cm; }
              table { border-collapse: collapse; width: 100%; }
              th { text-align: left; font-weight: normal; color: #555; padding: 0.05cm 0.3cm 0.05cm 0; width: 30%; }
              td.secret { font: 13pt "DejaVu Sans Mono", monospace; letter-spacing: 0.05em; }
              .note { font-size: 9pt; color: #444; margin: 0.3cm 0 0; }
              .count { color: #555; }
              @media print { body { margin: 0; } .count { display: none; } }
            </style>
            </head>
            <body>
            <p class="count">\(text("slips.count", ["count": String(accounts.count)]))</p>
            <div class="sheet">
            \(slips)</div>
            </body>
            </html>

            """
    }
}

extension String {
    /// Text safe to put in HTML content and attribute values.
    public var htmlEscaped: String {
        var escaped = ""
        escaped.reserveCapacity(count)
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
