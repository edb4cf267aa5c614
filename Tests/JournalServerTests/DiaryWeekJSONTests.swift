import Foundation
import JournalModel
import JournalService
import Testing

@testable import JournalServer

/// The diary week written field by field is byte for byte what the Codable encoder writes.
@Suite("The diary week's JSON")
struct DiaryWeekJSONTests {
    /// Every field, present and absent, with text that needs escaping.
    static let week = #"""
        {"student": {"id": 12, "name": "Иванова \"Аня\" Анна", "className": "5А"}, "weekStart": "2026-11-16",
         "days": [
          {"date": "2026-11-16", "weekday": 1, "lessons": [
            {"lessonID": 1, "number": 2, "startsAt": "09:05", "endsAt": "09:50", "subject": "Русский язык",
             "teacher": "Петрова М. И.", "room": "21", "status": "held",
             "topic": "Тема «кавычки» и \"двойные\"\nс переводом строки\\", "material": "таб\tи \u0001знак",
             "homework": "№ 245", "individualHomework": ["доклад", "карточка 7"],
             "marks": [
               {"markID": 7, "workID": 3, "value": "5", "workType": "test", "workTypeTitle": "Контрольная работа",
                "weight": 3, "title": "Дроби", "comment": "молодец", "isDebt": false},
               {"markID": 8, "workID": 4, "workType": "answer", "workTypeTitle": "Ответ на уроке", "weight": 1.5,
                "isDebt": true, "debtDueOn": "2026-11-30"}],
             "attendance": {"code": "ОП", "title": "опоздал"},
             "changes": [
               {"kind": "move", "previousDate": "2026-11-17", "previousNumber": 4, "previousRoom": "12",
                "reason": "экскурсия"},
               {"kind": "substitution", "substitute": "Сидоров П."}]},
            {"lessonID": 2, "number": 3, "subject": "Математика", "status": "cancelled",
             "individualHomework": [], "marks": [], "changes": []}]},
          {"date": "2026-11-17", "weekday": 2, "holiday": "каникулы", "lessons": []}]}
        """#

    @Test func theWrittenWeekIsWhatTheEncoderWrites() throws {
        let week = try JSONDecoder().decode(DiaryWeek.self, from: Data(Self.week.utf8))
        let written = DiaryWeekJSON.encode(week)
        let encoded = try JSON.encode(week)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
        #expect(String(decoding: written, as: UTF8.self).contains(#""weight":1.5"#))
        #expect(try JSONDecoder().decode(DiaryWeek.self, from: Data(written)).days.count == 2)
    }
}
