import Foundation
import Localization
import Mustache

/// The page templates (Mustache) and static files of the web interface, read once from the
/// bundle. Every page is a template that fills the `content` block of `layout`.
final class WebRenderer: Sendable {
    let library: MustacheLibrary
    /// File name → (content type, bytes).
    let staticFiles: [String: (type: String, bytes: [UInt8])]

    static let shared = WebRenderer()

    private init() {
        var library = MustacheLibrary()
        var files: [String: (String, [UInt8])] = [:]
        if let root = Bundle.module.url(forResource: "web", withExtension: nil) {
            let manager = FileManager.default
            let templates = root.appendingPathComponent("templates")
            for name in (try? manager.contentsOfDirectory(atPath: templates.path)) ?? []
            where name.hasSuffix(".mustache") {
                guard let data = manager.contents(atPath: templates.appendingPathComponent(name).path) else { continue }
                do {
                    try library.register(String(decoding: data, as: UTF8.self), named: String(name.dropLast(9)))
                } catch {
                    fatalError("template \(name) does not parse: \(error)")
                }
            }
            let statics = root.appendingPathComponent("static")
            for name in (try? manager.contentsOfDirectory(atPath: statics.path)) ?? [] {
                guard let data = manager.contents(atPath: statics.appendingPathComponent(name).path) else { continue }
                let type =
                    name.hasSuffix(".css")
                    ? "text/css; charset=utf-8"
                    : name.hasSuffix(".js")
                        ? "text/javascript; charset=utf-8"
                        : name.hasSuffix(".svg") ? "image/svg+xml" : "application/octet-stream"
                files[name] = (type, Array(data))
            }
        }
        self.library = library
        self.staticFiles = files
    }

    /// Renders the template `name` with the page's values.
    func render(_ name: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: name) ?? "template \(name) is missing"
    }

    /// A version of the static files for cache busting: changes when they change.
    static let assetVersion: String = {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for name in shared.staticFiles.keys.sorted() {
            for byte in shared.staticFiles[name]!.bytes {
                hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211
            }
        }
        return String(hash % 1_000_000_007, radix: 36)
    }()
}

/// The translations for templates: `{{t.diary_title}}` is the string `diary.title`.
enum TemplateStrings {
    static let tables: [Language: [String: String]] = Dictionary(
        uniqueKeysWithValues: Language.allCases.map { language in
            (
                language,
                Dictionary(
                    uniqueKeysWithValues: Strings.table(.ru).keys.map { key in
                        (key.replacingOccurrences(of: ".", with: "_"), Strings.text(key, language))
                    })
            )
        })
}
