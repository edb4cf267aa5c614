import Foundation
import JournalRules
import Localization

/// Lua source as the editors show it: numbered lines beside the text area, the lines an error
/// names marked, and the offending line quoted under the message.
enum SourceListing {
    /// Browsers send text areas with CRLF line ends; the rules are stored with LF.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    static func lines(_ source: String) -> [Substring] {
        source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The numbers beside the text area, a few past the end for lines being typed.
    static func gutter(_ source: String, marked: Set<Int>, spare: Int = 20) -> [[String: Any]] {
        (1...(lines(source).count + spare)).map { ["number": $0, "bad": marked.contains($0)] }
    }

    /// How many rows the text area needs to show the whole text.
    static func rows(_ source: String) -> Int { max(lines(source).count + 2, 8) }

    /// Every line, numbered, with the marked ones flagged.
    static func numbered(_ source: String, marked: Set<Int> = []) -> [[String: Any]] {
        lines(source).enumerated().map { index, text in
            ["number": index + 1, "text": String(text), "bad": marked.contains(index + 1)]
        }
    }

    /// The line `line` with one line either side, for quoting under an error.
    static func excerpt(_ source: String, line: Int) -> [[String: Any]] {
        let all = lines(source)
        guard line >= 1, line <= all.count else { return [] }
        return ((line - 1)...(line + 1)).filter { $0 >= 1 && $0 <= all.count }.map {
            ["number": $0, "text": String(all[$0 - 1]), "bad": $0 == line]
        }
    }

    /// The errors of a failed check, each as `file:line: message` with the line quoted when it
    /// is in `source` (the file being edited, at `path`).
    static func errors(_ errors: [RulesError], path: String, source: String, language: Language) -> [[String: Any]] {
        errors.map { error in
            var values: [String: Any] = ["text": error.text(language), "file": error.file]
            if error.file == path, let line = error.line {
                values["excerpt"] = excerpt(source, line: line)
                values["hasExcerpt"] = true
            }
            return values
        }
    }

    /// The lines of `path` that the errors name.
    static func markedLines(_ errors: [RulesError], path: String) -> Set<Int> {
        Set(errors.filter { $0.file == path }.compactMap(\.line))
    }

    /// The line a message like `condition.lua:3: unexpected symbol` names.
    static func line(in message: String, file: String) -> Int? {
        guard let range = message.range(of: "\(file):") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }
}
