/// What can go wrong with journal data, said so that the person can fix it.
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input is wrong: what was wrong, and what is accepted.
    case invalid(field: String, message: String)
    /// A referenced object does not exist.
    case notFound(entity: String, id: String)
    /// Someone else changed the object since it was read; `current` describes what it is now.
    case conflict(entity: String, id: String, current: String)
    /// The object exists but the change is not allowed in its state.
    case refused(String)

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .notFound(let entity, let id): "\(entity) \(id) does not exist"
        case .conflict(let entity, let id, let current):
            "\(entity) \(id) was changed by someone else meanwhile; it is now \(current). Reload and try again."
        case .refused(let message): message
        }
    }
}
