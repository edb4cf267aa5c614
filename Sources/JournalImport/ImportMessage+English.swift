import JournalModel

extension ImportMessage {
    /// The message in English: what was wrong, and what is accepted.
    public var text: String {
        switch self {
        case .invalidUTF8:
            "the file is not UTF-8 text; save it as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8)"
        case .unterminatedQuote:
            "a quoted value starts here and is never closed; end it with \", and write a quote inside it as \"\""
        case .textAfterClosingQuote:
            "text follows a closing quote; put the whole value in quotes and write a quote inside it as \"\""
        case .emptyFile(let columns):
            "the file is empty; its first line must name the columns: \(Self.list(columns))"
        case .noRows:
            "the file has a header but no rows to import"
        case .emptyColumnName(let position):
            "column \(position) of the header has no name; name it or delete the column"
        case .duplicateColumn(let first, let second, let name):
            Column.key(first) == Column.key(second)
                ? "column '\(first)' appears twice in the header; keep one"
                : "'\(first)' and '\(second)' are the same column, \(name); keep one"
        case .unknownColumns(let names, let known):
            (names.count == 1 ? "unknown column " : "unknown columns ") + Self.quoted(names)
                + "; the known columns are: \(Self.list(known))"
        case .missingColumns(let columns):
            (columns.count == 1 ? "the required column " : "the required columns ") + Self.list(columns)
                + (columns.count == 1 ? " is missing from the header" : " are missing from the header")
        case .valueWithoutColumn(let position, let columns):
            "field \(position) has a value, but the header names only \(columns) columns; "
                + "remove the value or name its column"
        case .required:
            "a value is required"
        case .tooLong(let text, let limit):
            "'\(Self.clip(text))' is longer than \(limit) characters"
        case .notAName(let text):
            "'\(text)' is not a name; use letters, with spaces, hyphens or apostrophes between them"
        case .codeWithSpaces(let text):
            "'\(text)' has spaces inside; a code is one word, such as 2019-045"
        case .notADate(let text):
            "'\(text)' is not a date; use YYYY-MM-DD or DD.MM.YYYY"
        case .notARealDate(let text):
            "'\(text)' is not a real date; use YYYY-MM-DD or DD.MM.YYYY"
        case .implausibleBirthDate(let date, let age, let day):
            "a student born on \(date) would be \(age) years old on \(day); check the year"
        case .outsideYear(let date, let year, let range):
            "\(date) is outside the academic year \(year), \(range.start) to \(range.end)"
        case .endsBeforeStart(let end, let start):
            "\(end) is before the start date \(start); the entry would never apply"
        case .notAClassName(let text):
            "'\(text)' is not a class; write the grade (1–11) and a letter, such as 5А"
        case .gradeOutOfRange(let text, let grade):
            "'\(text)' has grade \(grade); grades are 1 to 11"
        case .notAPhone(let text):
            "'\(text)' is not a phone number; write a Russian number as +7 XXX XXX-XX-XX or 8 XXX XXX-XX-XX, "
                + "another country's as + and its code"
        case .notAnEmail(let text):
            "'\(text)' is not an e-mail address; write it as name@example.ru"
        case .notARepresentativeKind(let text):
            "'\(text)' is not a kind of representative; use parent, adoptive_parent or guardian "
                + "(родитель, усыновитель, опекун), or leave it empty for parent"
        case .notRoles(let names):
            (names.count == 1 ? "\(Self.quoted(names)) is not a role" : "\(Self.quoted(names)) are not roles")
                + "; use administrator, management, teacher, secretary, medical, psychologist, hr "
                + "(администратор, администрация, учитель, секретарь, медработник, психолог, кадры), separated by ;"
        case .notAWeekday(let text):
            "'\(text)' is not a school day; use 1–6 (Monday to Saturday), пн–сб or the day's name"
        case .notALessonNumber(let text):
            "'\(text)' is not a lesson number; use a whole number from 0 to 12"
        case .notHoursPerWeek(let text):
            "'\(text)' is not a number of hours per week; use a whole number from 1 to 40"
        case .duplicateCode(let code, let line):
            "code '\(code)' is already used on line \(line); a code belongs to one person"
        case .duplicateRow(let line):
            "the same as line \(line); keep one of them"
        case .sameAsLine(let line, let name):
            "this row and line \(line) both describe \(name) of the journal; keep one of them"
        case .differsFromLine(let line, let field):
            "\(Self.name(of: field)) differs from line \(line), which is the same representative; "
                + "write the same in every row of one person"
        case .nameUsedOnLine(let name, let line):
            "'\(name)' is already a subject name or short name on line \(line); names and short names must differ"
        case .noCurrentYear:
            "the current academic year is not set up; create it before importing"
        case .namesakesInJournal(let noun, let name, let count):
            "\(Self.count(count, noun)) called \(name) are already in the journal; "
                + "write the code of the one this row is about in the code column"
        case .namesakeHasCode(let noun, let name, let code):
            "\(Self.article(noun)) called \(name) is already in the journal with code \(code); "
                + "write \(code) in the code column if this row is about them, or another code if not"
        case .namesakeDiffers(let noun, let name):
            "\(Self.article(noun)) called \(name) is already in the journal with other details; "
                + "correct this row, or give it a code if it is about someone else"
        case .notFound(let noun, let text):
            "no \(Self.singular(noun)) has the code or name '\(text)'; import \(Self.plural(noun)) first"
        case .ambiguous(let noun, let name, let count):
            "\(Self.count(count, noun)) are called \(name); write their code instead of the name"
        case .classNotFound(let name, let year):
            "class \(name) is not in the journal for \(year); import it with the classes file first"
        case .studentNotInClass(let name, let className):
            "\(name) is not a student of \(className)"
        case .subjectNotFound(let name):
            "no subject is called '\(name)'; import it with the subjects file first"
        case .subjectAmbiguous(let name, let count):
            "\(Self.number(count)) subjects are called '\(name)' by name or short name; write the full name"
        case .subjectNameTaken(let name, let subject):
            "'\(name)' is already the name or short name of \(subject); names and short names must differ"
        case .studentsForWholeClass:
            "students are listed only for a subgroup; fill in the group column or empty this cell"
        case .newGroupNeedsStudents(let group, let className):
            "group '\(group)' of \(className) is new, so list its students: codes or full names separated by ;"
        case .groupStudentsDiffer(let line):
            "line \(line) lists other students for this group; list a group's students once"
        case .groupNotFound(let group):
            "the journal has no group \(group); import the assignments file first"
        case .notTaught(let subject, let group):
            "nobody teaches \(subject) to \(group); import the assignment first"
        case .teacherDoesNotTeach(let teacher, let subject, let group):
            "\(teacher) does not teach \(subject) to \(group); correct the teacher or import the assignment first"
        case .severalTeachers(let subject, let group, let teachers):
            "\(subject) is taught to \(group) by \(teachers.joined(separator: " and ")); fill in the teacher column"
        case .classSlotTaken(let group, let weekday, let lesson, let line):
            "\(group) already has lesson \(lesson) on \(Self.weekday(weekday)) on line \(line)"
        case .teacherSlotTaken(let teacher, let weekday, let lesson, let line):
            "\(teacher) already teaches lesson \(lesson) on \(Self.weekday(weekday)) on line \(line)"
        case .classSlotInJournal(let group, let weekday, let lesson, let subject):
            "\(group) already has \(subject) at lesson \(lesson) on \(Self.weekday(weekday)) in the journal"
        case .teacherSlotInJournal(let teacher, let weekday, let lesson, let subject):
            "\(teacher) already teaches \(subject) at lesson \(lesson) on \(Self.weekday(weekday)) in the journal"
        case .summary(let summary):
            Self.render(summary)
        case .tooManyIssues(let limit):
            "… and more: only the first \(limit) problems are shown"
        }
    }

    private static func list(_ columns: [Column]) -> String { columns.map(\.description).joined(separator: ", ") }

    private static func quoted(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }

    private static func clip(_ text: String) -> String { text.count > 40 ? text.prefix(40) + "…" : text }

    private static func weekday(_ number: Int) -> String {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return (1...7).contains(number) ? names[number - 1] : "day \(number)"
    }

    private static func name(of field: Field) -> String {
        switch field {
        case .name: "the name"
        case .phone: "the phone"
        case .email: "the e-mail"
        case .code: "the code"
        }
    }

    private static func number(_ count: Int) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return count < words.count ? words[count] : String(count)
    }

    private static func singular(_ noun: ImportNoun) -> String {
        switch noun {
        case .student: "student"
        case .representative: "representative"
        case .representativeLink: "link to a child"
        case .staffMember: "staff member"
        case .roleGrant: "staff member's roles"
        case .schoolClass: "class"
        case .subject: "subject"
        case .group: "group"
        case .groupMember: "student in a group"
        case .assignment: "teaching assignment"
        case .timetableEntry: "timetable entry"
        }
    }

    private static func plural(_ noun: ImportNoun) -> String {
        switch noun {
        case .student: "students"
        case .representative: "representatives"
        case .representativeLink: "links to children"
        case .staffMember: "staff members"
        case .roleGrant: "staff members' roles"
        case .schoolClass: "classes"
        case .subject: "subjects"
        case .group: "groups"
        case .groupMember: "students in groups"
        case .assignment: "teaching assignments"
        case .timetableEntry: "timetable entries"
        }
    }

    private static func article(_ noun: ImportNoun) -> String {
        let word = singular(noun)
        return ("aeiou".contains(word.first!) ? "an " : "a ") + word
    }

    /// `two students`, `1 student`.
    private static func count(_ count: Int, _ noun: ImportNoun) -> String {
        "\(number(count)) \(count == 1 ? singular(noun) : plural(noun))"
    }

    private static func render(_ summary: ImportSummary) -> String {
        func part(_ title: String, _ counts: [ImportNoun: Int]) -> String? {
            let items = ImportNoun.allCases.compactMap { noun in
                counts[noun].map { "\($0) \($0 == 1 ? singular(noun) : plural(noun))" }
            }
            return items.isEmpty ? nil : "\(title): " + items.joined(separator: ", ")
        }
        let rows = summary.unchangedRows
        let unchanged = rows == 0 ? nil : "unchanged: \(rows) \(rows == 1 ? "row" : "rows")"
        let parts = [part("new", summary.new), part("updated", summary.updated), unchanged].compactMap { $0 }
        return parts.isEmpty ? "nothing to change" : parts.joined(separator: "; ")
    }
}
