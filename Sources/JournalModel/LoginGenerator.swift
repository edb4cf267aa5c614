import Foundation

/// Makes readable, unique sign-in logins from Russian names when the system is first filled
/// (R11): `ivanova.anna`; when that is taken, `ivanova.anna.s` with the patronymic's initial;
/// then `ivanova.anna2`, `ivanova.anna3`… Logins hold only lower-case ASCII letters, digits
/// and dots, and are never empty (`user` when nothing of the name can be written in Latin).
///
/// Transliteration follows the Russian passport scheme (ICAO Doc 9303, 2013): ж→zh, х→kh,
/// ц→ts, ч→ch, ш→sh, щ→shch, ы→y, ъ→ie, ь dropped, э→e, ю→iu, я→ia, й→i, ё→e.
public struct LoginGenerator: Sendable {
    /// Every login handed out so far, including those the generator was seeded with.
    public private(set) var taken: Set<String>
    /// The next number to try for a base, so a thousand namesakes do not rescan 2, 3, 4…
    private var nextNumber: [String: Int] = [:]

    /// The login for a name with nothing that can be transliterated.
    public static let fallback = "user"
    /// Each part of the name (family, given) is cut to this many Latin letters.
    public static let maximumPartLength = 24

    /// Starts with the logins that already exist, so none of them is handed out again.
    public init(taken: Set<String> = []) {
        self.taken = Set(taken.map { $0.lowercased() })
    }

    /// A login for the name that no one has yet; the generator remembers it as taken.
    public mutating func makeLogin(for name: PersonName) -> String {
        let base = Self.base(for: name)
        if claim(base) { return base }
        if let middleName = name.middleName, let initial = Self.transliterate(middleName).first {
            let withInitial = base + "." + String(initial)
            if claim(withInitial) { return withInitial }
        }
        // `ivan2` would read as part of the name when the base itself ends in a digit.
        let separator = base.last?.isNumber == true ? "." : ""
        var number = nextNumber[base] ?? 2
        while !claim(base + separator + String(number)) { number += 1 }
        nextNumber[base] = number + 1
        return base + separator + String(number)
    }

    /// `ivanova.anna` for Иванова Анна: the family name and the given name, before any
    /// disambiguation.
    public static func base(for name: PersonName) -> String {
        let parts = [name.lastName, name.firstName]
            .map { String(transliterate($0).prefix(maximumPartLength)) }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? fallback : parts.joined(separator: ".")
    }

    /// The text in lower-case ASCII letters and digits: Cyrillic transliterated, accents
    /// removed from Latin letters, everything else (spaces, hyphens, apostrophes) dropped.
    public static func transliterate(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        // Canonical decomposition turns й into и + breve and ё into е + diaeresis, which the
        // scheme writes as i and e; the combining marks are then dropped like any other sign.
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII {
                let character = Character(scalar)
                if character.isLetter || character.isNumber { result.append(character) }
            } else if let latin = cyrillic[scalar] {
                result += latin
            }
        }
        return result
    }

    /// The passport scheme for the letters left after canonical decomposition, with the
    /// Ukrainian and Belarusian letters that Russian documents also meet.
    private static let cyrillic: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie",
        "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "й": "i", "ё": "e",
        "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
    ]

    private mutating func claim(_ login: String) -> Bool {
        taken.insert(login).inserted
    }
}
