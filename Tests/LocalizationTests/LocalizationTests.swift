import Foundation
import JournalImport
import JournalModel
import Localization
import Testing

@Suite("Every user-facing word in Russian and English")
struct LocalizationTests {
    @Test func bothTablesHoldTheSameKeys() {
        let russian = Set(Strings.table(.ru).keys)
        let english = Set(Strings.table(.en).keys)
        #expect(russian.subtracting(english).sorted() == [], "missing in English")
        #expect(english.subtracting(russian).sorted() == [], "missing in Russian")
        #expect(Strings.duplicateKeys(.ru) == [], "defined twice in Russian")
        #expect(Strings.duplicateKeys(.en) == [], "defined twice in English")
    }

    /// Every key the sources name for an error, a problem or an import message is in both
    /// tables: a key that is only typed at a throw site would show itself instead of words.
    @Test func everyKeyTheSourcesNameIsInBothTables() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #""((?:error|problem|import)\.[a-z_]+(?:\.[a-z_]+)*)""#)
        var keys: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            guard !file.path.contains("/Localization/") else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                keys.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(keys.count > 50, "the scan finds the keys: \(keys.count)")
        for language in Language.allCases {
            let missing = keys.filter { Strings.table(language)[$0] == nil }.sorted()
            #expect(missing == [], "missing in \(language)")
        }
    }

    @Test func aJournalErrorIsRussianByDefaultAndEnglishOnRequest() {
        let error = JournalError.refused(.init("error.lesson_cancelled"))
        #expect(error.text(.ru) == "урок отменён; запишите перенос или замену")
        #expect(error.description == "the lesson was cancelled; record a move or a substitution instead")
        let long = JournalError.invalid(field: "comment", message: .tooLong(Limits.comment))
        #expect(long.text(.ru) == "comment: не больше 500 символов")
        #expect(long.description == "comment: at most 500 characters")
    }

    /// Every import message, rendered in each language, has its words: no key shows itself
    /// and no placeholder is left unfilled.
    @Test(arguments: Language.allCases) func everyImportMessageHasItsWords(language: Language) {
        for message in Self.everyImportMessage {
            let text = message.text(language)
            #expect(!text.contains("import."), "\(message) in \(language): \(text)")
            #expect(!text.contains("{"), "\(message) in \(language): \(text)")
            #expect(!text.isEmpty)
        }
    }

    @Test func anImportIssueIsRussianWithItsFileAndLine() {
        let issue = ImportIssue(
            file: "students.csv", line: 7, column: "birth_date", message: .notARealDate("31.02.2015"))
        #expect(
            issue.text(.ru)
                == "students.csv:7: столбец «birth_date»: «31.02.2015» — несуществующая дата; пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД"
        )
        #expect(
            issue.description
                == "students.csv:7: column 'birth_date': '31.02.2015' is not a real date; use YYYY-MM-DD or DD.MM.YYYY")
        let summary = ImportSummary(new: [.student: 2], updated: [.student: 1], unchangedRows: 3)
        #expect(summary.text(.ru) == "новые: ученики — 2; изменены: ученики — 1; без изменений: строк — 3")
        #expect(summary.description == "new: 2 students; updated: 1 student; unchanged: 3 rows")
    }

    static var everyImportMessage: [ImportMessage] {
        let day = LocalDate(year: 2026, month: 9, day: 1)!
        let column = Column("last_name", aliases: ["фамилия"])
        let range = DateRange(start: day, end: LocalDate(year: 2027, month: 5, day: 31)!)
        var messages: [ImportMessage] = [
            .invalidUTF8, .unterminatedQuote, .textAfterClosingQuote, .emptyFile(columns: [column]), .noRows,
            .emptyColumnName(position: 2), .duplicateColumn("фамилия", "last_name", name: "last_name"),
            .duplicateColumn("x", "x", name: "x"), .unknownColumns(["a"], known: [column]),
            .unknownColumns(["a", "b"], known: [column]), .missingColumns([column]), .missingColumns([column, column]),
            .valueWithoutColumn(position: 5, columns: 4), .required,
            .tooLong(String(repeating: "я", count: 60), limit: 50),
            .notAName("1"), .codeWithSpaces("a b"), .notADate("x"), .notARealDate("31.02.2015"),
            .implausibleBirthDate(day, age: 40, on: day), .outsideYear(day, year: "2026/2027", range: range),
            .endsBeforeStart(day, start: day), .notAClassName("x"), .gradeOutOfRange("12А", grade: 12),
            .notAPhone("x"), .notAnEmail("x"), .notARepresentativeKind("x"), .notRoles(["x"]), .notRoles(["x", "y"]),
            .notAWeekday("x"), .notALessonNumber("x"), .notHoursPerWeek("x"), .duplicateCode("1", line: 2),
            .duplicateRow(line: 2), .sameAsLine(2, name: "Иванов Иван"), .nameUsedOnLine("Алг", line: 3),
            .noCurrentYear, .classNotFound("5А", year: "2026/2027"), .studentNotInClass("Иванов Иван", className: "5А"),
            .subjectNotFound("x"), .subjectAmbiguous("x", count: 2), .subjectAmbiguous("x", count: 12),
            .subjectNameTaken("x", by: "y"), .studentsForWholeClass, .newGroupNeedsStudents("1", className: "5А"),
            .groupStudentsDiffer(line: 3), .groupNotFound("5А/1"), .notTaught("x", group: "5А"),
            .teacherDoesNotTeach("x", subject: "y", group: "5А"),
            .severalTeachers("x", group: "5А", teachers: ["a", "b"]),
            .classSlotTaken("5А", weekday: 1, lesson: 2, line: 3),
            .teacherSlotTaken("x", weekday: 6, lesson: 2, line: 3),
            .classSlotInJournal("5А", weekday: 8, lesson: 2, subject: "y"),
            .teacherSlotInJournal("x", weekday: 3, lesson: 2, subject: "y"),
            .summary(ImportSummary()), .summary(ImportSummary(new: [.student: 1, .group: 2], unchangedRows: 1)),
            .tooManyIssues(limit: 100),
        ]
        for field in [ImportMessage.Field.name, .phone, .email, .code] {
            messages.append(.differsFromLine(2, field: field))
        }
        for noun in ImportNoun.allCases {
            messages += [
                .namesakesInJournal(noun, name: "x", count: 2), .namesakeHasCode(noun, name: "x", code: "1"),
                .namesakeDiffers(noun, name: "x"), .notFound(noun, "x"), .ambiguous(noun, name: "x", count: 1),
                .summary(ImportSummary(new: [noun: 1], updated: [noun: 3])),
            ]
        }
        return messages
    }
}
