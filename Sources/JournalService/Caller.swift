public import JournalAccess
public import JournalModel
public import Localization

/// Who calls a use case: a signed-in person, whose every read and write is checked against
/// their rights, or the system (the command line run by the server's administrator, the demo
/// generator), which acts with the authority of whoever runs it.
public struct Caller: Sendable {
    public enum Authority: Sendable {
        case system
        case person(AccessSubject)
    }

    public var authority: Authority
    /// How the audit log names the caller.
    public var actor: Actor

    public static func system(_ name: String) -> Caller { Caller(authority: .system, actor: .system(name)) }

    public static func person(_ subject: AccessSubject) -> Caller {
        Caller(
            authority: .person(subject),
            actor: Actor(accountID: subject.accountID, staffID: subject.staffID, displayName: subject.displayName))
    }

    public var subject: AccessSubject? {
        if case .person(let subject) = authority { return subject }
        return nil
    }
}

/// A decision that said no, with its reason: it becomes a 403 that tells the person why.
public struct AccessDenied: Error, Sendable, CustomStringConvertible {
    public var decision: Decision

    /// The refusal in English, for logs.
    public var description: String { text(.en) }

    /// The refusal in `language`: the right by its name, and the reason the rules gave.
    public func text(_ language: Language) -> String {
        let right = Strings.text("capability.\(decision.capability.rawValue)", language)
        return Strings.text("error.access_denied", language, ["right": right, "reason": decision.reason])
    }
}
