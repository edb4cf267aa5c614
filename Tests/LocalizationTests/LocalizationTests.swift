import Foundation
import JournalModel
import Localization
import Testing

@Suite("Every user-facing word in Russian and English")
struct LocalizationTests {
    @Test func bothTablesHoldTheSameKeys() {
        let russian = Set(Strings.table(.ru).keys)
        let english = Set(Strings.table(.en).keys)
        #expect(russian.subtracting(english).sorted() == [], "missing in English")
        #expect(english.subtracting(russian).sorted() == [], "missing in Russian")
    }

    /// Every key the sources name for an error or a problem is in both
    /// tables: a key that is only typed at a throw site would show itself instead of words.
    @Test func everyKeyTheSourcesNameIsInBothTables() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #""((?:error|problem|import)\.[a-z_]+(?:\.[a-z_]+)*)""#)
        var keys: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            guard !file.path.contains("/Localization/") else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                keys.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(keys.count > 50, "the scan finds the keys: \(keys.count)")
        for language in Language.allCases {
            let missing = keys.filter { Strings.table(language)[$0] == nil }.sorted()
            #expect(missing == [], "missing in \(language)")
        }
    }

    @Test func aJournalErrorIsRussianByDefaultAndEnglishOnRequest() {
        let error = JournalError.refused(.init("error.lesson_cancelled"))
        #expect(error.text(.ru) == "урок отменён; запишите перенос или замену")
        #expect(error.description == "the lesson was cancelled; record a move or a substitution instead")
        let long = JournalError.invalid(field: "comment", message: .tooLong(Limits.comment))
        #expect(long.text(.ru) == "comment: не больше 500 символов")
        #expect(long.description == "comment: at most 500 characters")
    }
}
