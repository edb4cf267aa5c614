import Foundation
import JournalModel

/// iCalendar text (RFC 5545) written line by line: CRLF endings, content lines folded at 75
/// octets without splitting a UTF-8 sequence, TEXT values escaped.
struct ICalendarWriter {
    private(set) var text = ""

    /// `NAME:value` with `value` written as is (dates, codes, already escaped text).
    mutating func raw(_ name: String, _ value: String) {
        text += Self.fold("\(name):\(value)") + "\r\n"
    }

    /// `NAME:value` with `value` a TEXT value: backslash, semicolon, comma and line breaks escaped.
    mutating func text(_ name: String, _ value: String) { raw(name, Self.escape(value)) }

    mutating func begin(_ component: String) { raw("BEGIN", component) }
    mutating func end(_ component: String) { raw("END", component) }

    /// A TEXT value (RFC 5545 section 3.3.11).
    static func escape(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n": escaped += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in a TEXT value.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A content line folded so that no line is longer than 75 octets: a break and a space
    /// before the octet that would pass it, never inside a character's UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var folded = ""
        var length = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if length + size > 75 {
                folded += "\r\n "
                length = 1
            }
            folded.unicodeScalars.append(scalar)
            length += size
        }
        return folded
    }

    /// `20261205T083000Z`.
    static func utc(_ date: Date) -> String {
        let calendar = Calendar.utc
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }

    /// `20261205`, for all-day values.
    static func day(_ date: LocalDate) -> String {
        String(format: "%04d%02d%02d", date.year, date.month, date.day)
    }
}

extension Calendar {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }

    /// The instant a school's wall clock shows `time` on `date`.
    static func instant(_ date: LocalDate, _ time: LocalTime, timeZone identifier: String) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)!
        return calendar.date(
            from: DateComponents(
                year: date.year, month: date.month, day: date.day, hour: time.minutes / 60, minute: time.minutes % 60))
    }
}
