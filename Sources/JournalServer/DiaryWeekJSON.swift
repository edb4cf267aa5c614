import JournalModel
import JournalService

/// The diary week as JSON, written field by field: the diary is the most read answer, and
/// encoding it through `Codable` took a fifth of its time when it was built anew. The bytes
/// are those ``StreamingJSONEncoder`` writes for the same value (a test holds them equal):
/// keys in declaration order, absent optionals left out.
struct DiaryWeekJSON {
    private var bytes: [UInt8] = []

    static func encode(_ week: DiaryWeek) -> [UInt8] {
        var writer = DiaryWeekJSON()
        writer.bytes.reserveCapacity(16_384)
        writer.week(week)
        return writer.bytes
    }

    private mutating func week(_ week: DiaryWeek) {
        raw("{\"student\":{\"id\":\(week.student.id.rawValue),\"name\":")
        string(week.student.name)
        raw(",\"className\":")
        string(week.student.className)
        raw("},\"weekStart\":\"\(week.weekStart)\",\"days\":[")
        for (index, day) in week.days.enumerated() {
            if index > 0 { raw(",") }
            self.day(day)
        }
        raw("]}")
    }

    private mutating func day(_ day: DiaryDay) {
        raw("{\"date\":\"\(day.date)\",\"weekday\":\(day.weekday)")
        optional("holiday", day.holiday)
        raw(",\"lessons\":[")
        for (index, lesson) in day.lessons.enumerated() {
            if index > 0 { raw(",") }
            self.lesson(lesson)
        }
        raw("]}")
    }

    private mutating func lesson(_ lesson: DiaryLesson) {
        raw("{\"lessonID\":\(lesson.lessonID.rawValue),\"number\":\(lesson.number)")
        if let startsAt = lesson.startsAt { raw(",\"startsAt\":\"\(startsAt)\"") }
        if let endsAt = lesson.endsAt { raw(",\"endsAt\":\"\(endsAt)\"") }
        raw(",\"subject\":")
        string(lesson.subject)
        optional("teacher", lesson.teacher)
        optional("room", lesson.room)
        raw(",\"status\":\"\(lesson.status.rawValue)\"")
        optional("topic", lesson.topic)
        optional("material", lesson.material)
        optional("homework", lesson.homework)
        raw(",\"individualHomework\":[")
        for (index, text) in lesson.individualHomework.enumerated() {
            if index > 0 { raw(",") }
            string(text)
        }
        raw("],\"marks\":[")
        for (index, mark) in lesson.marks.enumerated() {
            if index > 0 { raw(",") }
            self.mark(mark)
        }
        raw("]")
        if let attendance = lesson.attendance {
            raw(",\"attendance\":{\"code\":")
            string(attendance.code)
            raw(",\"title\":")
            string(attendance.title)
            raw("}")
        }
        raw(",\"changes\":[")
        for (index, change) in lesson.changes.enumerated() {
            if index > 0 { raw(",") }
            self.change(change)
        }
        raw("]}")
    }

    private mutating func mark(_ mark: DiaryMark) {
        raw("{\"markID\":\(mark.markID.rawValue),\"workID\":\(mark.workID.rawValue)")
        optional("value", mark.value)
        raw(",\"workType\":")
        string(mark.workType)
        raw(",\"workTypeTitle\":")
        string(mark.workTypeTitle)
        raw(",\"weight\":")
        number(mark.weight)
        optional("title", mark.title)
        optional("comment", mark.comment)
        raw(",\"isDebt\":\(mark.isDebt)")
        if let due = mark.debtDueOn { raw(",\"debtDueOn\":\"\(due)\"") }
        raw("}")
    }

    private mutating func change(_ change: DiaryChange) {
        raw("{\"kind\":\"\(change.kind.rawValue)\"")
        optional("substitute", change.substitute)
        if let date = change.previousDate { raw(",\"previousDate\":\"\(date)\"") }
        if let number = change.previousNumber { raw(",\"previousNumber\":\(number)") }
        optional("previousRoom", change.previousRoom)
        optional("reason", change.reason)
        raw("}")
    }

    private mutating func optional(_ key: String, _ value: String?) {
        guard let value else { return }
        raw(",\"\(key)\":")
        string(value)
    }

    private mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func number(_ value: Double) {
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            raw(String(Int64(value)))
        } else {
            raw("\(value)")
        }
    }

    private mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: utf8)
            } else {
                for byte in utf8 {
                    switch byte {
                    case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
                    case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
                    case UInt8(ascii: "\n"): bytes.append(contentsOf: "\\n".utf8)
                    case UInt8(ascii: "\r"): bytes.append(contentsOf: "\\r".utf8)
                    case UInt8(ascii: "\t"): bytes.append(contentsOf: "\\t".utf8)
                    case 0..<0x20:
                        let hex = Array("0123456789abcdef".utf8)
                        bytes.append(contentsOf: "\\u00".utf8)
                        bytes.append(hex[Int(byte >> 4)])
                        bytes.append(hex[Int(byte & 0xF)])
                    default: bytes.append(byte)
                    }
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
