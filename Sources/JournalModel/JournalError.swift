public import Localization

/// What can go wrong with journal data, said so that the person can fix it. The words are
/// chosen at the edge: each error carries a key of the localisation table and its values, and
/// the reader's language renders it; `description` is the English text, for logs and the CLI.
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input is wrong: what was wrong, and what is accepted.
    case invalid(field: String, message: Message)
    /// A referenced object does not exist.
    case notFound(entity: String, id: String)
    /// Someone else changed the object since it was read; `current` describes what it is now.
    case conflict(entity: String, id: String, current: String)
    /// The object exists but the change is not allowed in its state.
    case refused(Message)

    /// A key of the localisation table with the values for its `{name}` placeholders.
    public struct Message: Hashable, Sendable {
        public var key: String
        public var values: [String: String]

        public init(_ key: String, _ values: [String: String] = [:]) {
            self.key = key
            self.values = values
        }

        /// The text in `language`.
        public func text(_ language: Language) -> String { Strings.text(key, language, values) }
    }

    /// What the error says, without the field of an invalid value.
    public var message: Message {
        switch self {
        case .invalid(_, let message), .refused(let message): message
        case .notFound(let entity, let id): Message("error.not_found", ["entity": entity, "id": id])
        case .conflict(let entity, let id, _): Message("error.conflict", ["entity": entity, "id": id])
        }
    }

    /// The whole text in `language`: an invalid value names its field first.
    public func text(_ language: Language) -> String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message.text(language))"
        default: message.text(language)
        }
    }

    public var description: String { text(.en) }
}

extension JournalError.Message {
    /// A text longer than `limit` characters.
    public static func tooLong(_ limit: Int) -> Self { .init("error.too_long", ["limit": String(limit)]) }
}
