public import Localization

/// A letter or a mail setting the journal cannot use, said so that the administrator can fix
/// it: a key of the localisation table with its values, rendered in the reader's language;
/// `description` is the English text, for logs and the CLI.
public struct DeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    public var key: String
    public var values: [String: String]

    public init(_ key: String, _ values: [String: String] = [:]) {
        self.key = key
        self.values = values
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String { Strings.text(key, language, values) }

    public var description: String { text(.en) }
}
