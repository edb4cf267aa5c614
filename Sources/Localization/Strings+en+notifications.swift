extension Strings {
    /// Informing families: contacts, agreed forms, the outbox and its rules (issue 13).
    static let englishNotifications: [String: String] = [
        "rules.notifications.1": "'{v1}' is not a field of notifications { ... }; accepted: {v2}",
        "rules.notifications.2": "'{v1}' is a whole hour from 0 to 23",
        "rules.notifications.3": "'{v1}' is a weekday from 1 (Monday) to 7 (Sunday)",
        "rules.notifications.4": "'{v1}' must be a function(period) returning a list of dates",
        "rules.notifications.5": "message class '{v1}' is unknown; accepted: {v2}",
        "rules.notifications.6":
            "message class '{v1}' is mandatory under the regulation (R13, R14): set mandatory = true",
        "rules.notifications.7": "'{v1}': a mandatory message cannot stay in the diary only; accepted: email, paper",
        "rules.notifications.8": "'{v1}' refers to the field {{v2}}, which does not exist; fields: {v3}",
        "rules.notifications.9": "message class '{v1}' is missing: the regulation makes it mandatory (R13, R14)",
        "rules.notifications.10": "'{v1}' = '{v2}' is unknown; accepted: {v3}",
        "rules.notifications.11": "forecast_dates must return a list of dates 'YYYY-MM-DD', it returned {v1}",
        "rules.notifications.12": "test {n}: expected {v1}, got {v2}",
        "delivery.forecast.how": "weighted average {average} of {count} marks; rule: {rule}",
        "delivery.mark.new": "new",
        "delivery.mark.changed": "changed",
        "delivery.mark.deleted": "deleted",
        "delivery.timetable.cancellation": "the lesson '{subject}' (no. {number}) is cancelled",
        "delivery.timetable.move": "the lesson '{subject}' moved: now {date}, lesson {number}",
        "delivery.timetable.room_change": "the lesson '{subject}' (no. {number}) is in room {room}",
        "delivery.timetable.substitution": "the lesson '{subject}' (no. {number}) is given by {teacher}",
        "delivery.timetable.merge":
            "the lesson '{subject}' (no. {number}) is given together with another group, room {room}",
        "delivery.period.year": "the year",
        "delivery.period.final": "final attestation",
        "capability.contacts.view": "families' contacts and agreed forms of information",
        "capability.contacts.edit": "changing families' contacts and agreed forms",
        "capability.delivery.view": "the log of messages to families",
        "error.contact.email": "'{value}' is not an email address; expected name@domain.org",
        "error.contact.phone":
            "'{value}' is not a phone number; accepted: +7 900 123-45-67, 8 (900) 123-45-67 or + and 8–15 digits",
        "error.contact.postal": "a postal address has 5 to 300 characters",
        "error.contact.basis_field": "the basis '{basis}' needs the field {field}",
        "error.contact.certificate_expired":
            "the signature's certificate is valid until {day}, before the document's date",
        "error.contact.self_entered":
            "the basis 'entered in the diary' belongs only to a contact the representative enters; the secretary gives an application or a signed document",
        "error.contact.basis_future": "the basis's date cannot be after today",
        "error.contact.valid_from": "a contact may start no earlier than a year ago and no later than in a year",
        "error.contact.end_before_start": "the contact is valid from {from}: it cannot end before",
        "error.delivery.unknown_class": "message class '{value}' is unknown; accepted: {accepted}",
        "error.delivery.mandatory": "'{class}' is mandatory: choose email or paper",
        "error.delivery.application_needed":
            "give the number of the representative's written application the form was chosen in",
        "error.delivery.no_email": "the representative has no email address in force: enter one first",
        "error.delivery.kind": "'{value}' is unknown; accepted: {accepted}",
    ]
}
