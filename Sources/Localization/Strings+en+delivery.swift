extension Strings {
    /// Mail delivery (JournalDelivery) and the calendar feeds.
    static let englishDelivery: [String: String] = [
        "delivery.error.url":
            "The mail server's address could not be read. Expected {format}, for example smtp://user:pass@mail.example.org:587?from=school@example.org",
        "delivery.error.url_scheme": "The scheme “{scheme}” is not supported: use smtp:// or smtps://",
        "delivery.error.url_port": "Port {port} is not valid: expected a number from 1 to 65535",
        "delivery.error.url_parameter": "Unknown parameter “{name}”; accepted: {accepted}",
        "delivery.error.url_parameter_twice": "The parameter “{name}” is given twice",
        "delivery.error.url_from":
            "No sender address: add ?from=address, for example smtp://mail.example.org?from=school@example.org",
        "delivery.error.url_tls": "tls=“{value}” is not valid for {scheme}://: expected tls=optional or tls=required",
        "delivery.error.url_seconds": "{name}=“{value}” is not valid: expected a number of seconds from 0 to 600",
        "delivery.error.address": "The address “{address}” is not valid: expected name@domain without spaces",
        "delivery.error.message_id": "The Message-ID “{id}” is not valid: expected unique@part without spaces or <>",
        "delivery.error.header": "The header “{name}” is not valid or is set by the message itself",
        "delivery.error.no_recipients": "The message has no recipients",
        "delivery.failure.permanent": "The server refused the message: {reply}. Trying again will not help.",
        "delivery.failure.transient": "The message is not sent yet: {reply}. It will be tried again.",
        // Calendar feeds
        "calendar.error.family_only": "Only the student or their legal representative may create a calendar link",
        "calendar.feed.name": "Diary: {student}, {class}",
        "calendar.feed.homework": "Homework: {subject}",
        "calendar.feed.work": "{kind}: {subject}",
        "calendar.feed.teacher": "Teacher: {name}",
        "calendar.feed.topic": "Topic: {topic}",
        "calendar.page.title": "Calendar on your phone",
        "calendar.page.intro":
            "A secret link for your calendar app: lessons with rooms and teachers, homework and planned tests, from two weeks back to eight weeks ahead. Anyone with the link sees the child's schedule: do not publish it, and revoke a link you no longer use.",
        "calendar.page.created": "The link is ready. Copy it and add it to your calendar as a subscription:",
        "calendar.page.link": "Calendar link",
        "calendar.page.once": "The link is shown this once: the journal keeps only its fingerprint.",
        "calendar.page.create": "Create a link",
        "calendar.page.links": "Active links",
        "calendar.page.none": "No links yet.",
        "calendar.page.made": "Created",
        "calendar.page.revoke": "Revoke",
        "nav.calendar": "Calendar",
    ]
}
