public import Foundation

/// How a representative is reached: an email address, a phone number or a postal address.
public enum ContactKind: String, Codable, Hashable, Sendable, CaseIterable {
    case email
    case phone
    case postal
}

/// Where a contact came from (R18): a written application the school registered, an
/// electronically signed document, or the representative's own entry in the diary.
public enum ContactBasisKind: String, Codable, Hashable, Sendable, CaseIterable {
    case application
    case signedDocument = "signed_document"
    case selfEntered = "self_entered"
}

/// A representative's contact with its basis and validity (R18). A change never overwrites
/// one: the old contact ends the day before the new one starts, so the history stays.
public struct Contact: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var representativeID: RepresentativeID
    public var kind: ContactKind
    public var value: String
    public var basis: ContactBasisKind
    /// The application's registration number, or the signed document's number.
    public var basisNumber: String?
    public var basisDate: LocalDate?
    /// Who received the written application.
    public var receivedBy: String?
    /// The signer and the certificate of an electronically signed document.
    public var signer: String?
    public var certificateSerial: String?
    public var certificateValidUntil: LocalDate?
    public var validFrom: LocalDate
    /// The last day it is valid; nil while it is.
    public var validTo: LocalDate?
    public var enteredBy: String
    public var enteredAt: Date

    public init(
        id: Int64? = nil, representativeID: RepresentativeID, kind: ContactKind, value: String,
        basis: ContactBasisKind, basisNumber: String? = nil, basisDate: LocalDate? = nil, receivedBy: String? = nil,
        signer: String? = nil, certificateSerial: String? = nil, certificateValidUntil: LocalDate? = nil,
        validFrom: LocalDate, validTo: LocalDate? = nil, enteredBy: String, enteredAt: Date
    ) {
        self.id = id
        self.representativeID = representativeID
        self.kind = kind
        self.value = value
        self.basis = basis
        self.basisNumber = basisNumber
        self.basisDate = basisDate
        self.receivedBy = receivedBy
        self.signer = signer
        self.certificateSerial = certificateSerial
        self.certificateValidUntil = certificateValidUntil
        self.validFrom = validFrom
        self.validTo = validTo
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
    }

    /// Whether the contact is in force on `day`.
    public func isValid(on day: LocalDate) -> Bool {
        validFrom <= day && (validTo.map { day <= $0 } ?? true)
    }
}

extension Sequence where Element == Contact {
    /// The contact of `kind` in force on `day`: the one that started last when two overlap.
    /// Delivery sends to it; the pages show it.
    public func inForce(_ kind: ContactKind, on day: LocalDate) -> Contact? {
        filter { $0.kind == kind && $0.isValid(on: day) }
            .max { ($0.validFrom, $0.id ?? 0) < ($1.validFrom, $1.id ?? 0) }
    }
}

/// Where a class of messages goes: only the diary, email, or the weekly paper sheet.
public enum DeliveryChannel: String, Codable, Hashable, Sendable, CaseIterable {
    case diary
    case email
    case paper
}

/// How often: each message at once, a daily digest at the school's hour, or a weekly one.
public enum DeliveryFrequency: String, Codable, Hashable, Sendable, CaseIterable {
    case immediate
    case daily
    case weekly
}

/// The form of information a representative agreed for one class of messages (R18).
public struct DeliveryPreference: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var representativeID: RepresentativeID
    /// A message class of `notifications.lua`: `marks`, `absences`, `forecast`, …
    public var messageClass: String
    public var channel: DeliveryChannel
    public var frequency: DeliveryFrequency
    /// The written application the choice was made in; nil when the representative chose in the diary.
    public var applicationNumber: String?
    public var updatedBy: String
    public var updatedAt: Date

    public init(
        id: Int64? = nil, representativeID: RepresentativeID, messageClass: String, channel: DeliveryChannel,
        frequency: DeliveryFrequency, applicationNumber: String? = nil, updatedBy: String, updatedAt: Date
    ) {
        self.id = id
        self.representativeID = representativeID
        self.messageClass = messageClass
        self.channel = channel
        self.frequency = frequency
        self.applicationNumber = applicationNumber
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }
}

/// One message for one representative, from the moment a change or a schedule produced it
/// until it was delivered or given up.
public struct OutboxMessage: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
        /// Waiting for its moment (a digest's hour) or its first attempt.
        case queued
        /// Handed to the mail server.
        case sent
        /// The last attempt failed for a reason that may pass; retried at `nextAttemptAt`.
        case failed
        /// Refused for good or out of attempts: the class teacher sees it.
        case givenUp = "given_up"
        /// Shown in the diary or printed on the weekly sheet: nothing to send.
        case delivered
    }

    public var id: Int64?
    public var representativeID: RepresentativeID
    public var studentID: StudentID?
    public var messageClass: String
    public var channel: DeliveryChannel
    public var frequency: DeliveryFrequency
    public var status: Status
    /// What produced it, unique per representative and class: `audit:812`, `forecast:q2:2026-12-13:…`.
    public var sourceKey: String
    /// The child's name: digests put each child's messages in a section of its own.
    public var childName: String?
    public var subject: String
    public var body: String
    public var createdAt: Date
    /// Not sent before: the digest's hour, or the next attempt after a failure.
    public var dueAt: Date
    public var attempts: Int
    public var lastReply: String?
    public var sentAt: Date?
    /// The address it was sent to.
    public var sentTo: String?

    public init(
        id: Int64? = nil, representativeID: RepresentativeID, studentID: StudentID?, messageClass: String,
        channel: DeliveryChannel, frequency: DeliveryFrequency, status: Status, sourceKey: String,
        childName: String?, subject: String, body: String, createdAt: Date, dueAt: Date, attempts: Int = 0,
        lastReply: String? = nil, sentAt: Date? = nil, sentTo: String? = nil
    ) {
        self.id = id
        self.representativeID = representativeID
        self.studentID = studentID
        self.messageClass = messageClass
        self.channel = channel
        self.frequency = frequency
        self.status = status
        self.sourceKey = sourceKey
        self.childName = childName
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.dueAt = dueAt
        self.attempts = attempts
        self.lastReply = lastReply
        self.sentAt = sentAt
        self.sentTo = sentTo
    }
}
