import Foundation

/// The interface's languages: Russian first, English second.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case ru
    case en

    /// Picks the language from an Accept-Language header or a `lang` choice; Russian by default.
    public init(preferring header: String?) {
        let wanted = (header ?? "").lowercased()
        let english = wanted.range(of: "en")
        let russian = wanted.range(of: "ru")
        switch (russian, english) {
        case (nil, .some): self = .en
        case (.some(let ru), .some(let en)) where en.lowerBound < ru.lowerBound: self = .en
        default: self = .ru
        }
    }
}

/// Every user-facing string, by key, in each language.
public enum Strings {
    /// The text for `key`; `{name}` placeholders are filled from `values`. A missing key shows
    /// itself, so a gap is visible rather than silent (a test checks that none is missing).
    public static func text(_ key: String, _ language: Language = .ru, _ values: [String: String] = [:]) -> String {
        var text = table(language)[key] ?? table(.ru)[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    public static func table(_ language: Language) -> [String: String] {
        switch language {
        case .ru: russianTable
        case .en: englishTable
        }
    }

    /// Each feature keeps its strings in a file of its own (`Strings+ru+<feature>.swift`);
    /// a key defined twice is a mistake the localisation tests catch.
    private static let russianParts = [
        russian, russianNotifications, russianDelivery, russianPrintouts, russianSurveys, russianSurveyPages,
        russianSurveyAPI, russianPlugins, russianPluginPages, russianSpecial, russianHealth, russianPsychology,
        russianPersonnel, russianSecretary,
    ]
    private static let englishParts = [
        english, englishNotifications, englishDelivery, englishPrintouts, englishSurveys, englishSurveyPages,
        englishSurveyAPI, englishPlugins, englishPluginPages, englishSpecial, englishHealth, englishPsychology,
        englishPersonnel, englishSecretary,
    ]
    private static let russianTable = merged(russianParts)
    private static let englishTable = merged(englishParts)

    private static func merged(_ parts: [[String: String]]) -> [String: String] {
        parts.reduce(into: [:]) { table, part in table.merge(part) { first, _ in first } }
    }

    /// Keys that more than one feature's table defines in `language`.
    public static func duplicateKeys(_ language: Language) -> [String] {
        let parts = language == .ru ? russianParts : englishParts
        var seen: [String: Int] = [:]
        for part in parts { for key in part.keys { seen[key, default: 0] += 1 } }
        return seen.filter { $0.value > 1 }.keys.sorted()
    }
}
