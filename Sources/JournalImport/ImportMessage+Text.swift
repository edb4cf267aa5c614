import JournalModel
public import Localization

extension ImportMessage {
    /// The message in English, for logs and tests.
    public var text: String { text(.en) }

    /// The message in `language`: what was wrong, and what is accepted. The words are in the
    /// localisation table under `import.`; this chooses the key and fills in the values.
    public func text(_ language: Language) -> String {
        let words = Words(language: language)
        let (key, values) = parts(words)
        return words(key, values)
    }

    private func parts(_ words: Words) -> (String, [String: String]) {
        switch self {
        case .invalidUTF8: ("import.invalid_utf8", [:])
        case .unterminatedQuote: ("import.unterminated_quote", [:])
        case .textAfterClosingQuote: ("import.text_after_closing_quote", [:])
        case .emptyFile(let columns): ("import.empty_file", ["columns": Self.list(columns)])
        case .noRows: ("import.no_rows", [:])
        case .emptyColumnName(let position): ("import.empty_column_name", ["position": String(position)])
        case .duplicateColumn(let first, let second, let name):
            Column.key(first) == Column.key(second)
                ? ("import.duplicate_column", ["column": first])
                : ("import.duplicate_column_alias", ["first": first, "second": second, "name": name])
        case .unknownColumns(let names, let known):
            (
                names.count == 1 ? "import.unknown_column" : "import.unknown_columns",
                ["columns": words.quoted(names), "known": Self.list(known)]
            )
        case .missingColumns(let columns):
            (columns.count == 1 ? "import.missing_column" : "import.missing_columns", ["columns": Self.list(columns)])
        case .valueWithoutColumn(let position, let columns):
            ("import.value_without_column", ["position": String(position), "columns": String(columns)])
        case .required: ("import.required", [:])
        case .tooLong(let text, let limit): ("import.too_long", ["text": Self.clip(text), "limit": String(limit)])
        case .notAName(let text): ("import.not_a_name", ["text": text])
        case .codeWithSpaces(let text): ("import.code_with_spaces", ["text": text])
        case .notADate(let text): ("import.not_a_date", ["text": text])
        case .notARealDate(let text): ("import.not_a_real_date", ["text": text])
        case .implausibleBirthDate(let date, let age, let day):
            ("import.implausible_birth_date", ["date": date.description, "age": String(age), "day": day.description])
        case .outsideYear(let date, let year, let range):
            (
                "import.outside_year",
                [
                    "date": date.description, "year": year, "start": range.start.description,
                    "end": range.end.description,
                ]
            )
        case .endsBeforeStart(let end, let start):
            ("import.ends_before_start", ["end": end.description, "start": start.description])
        case .notAClassName(let text):
            ("import.not_a_class_name", ["text": text].merging(Self.range(ImportLimits.grades)) { $1 })
        case .gradeOutOfRange(let text, let grade):
            (
                "import.grade_out_of_range",
                ["text": text, "grade": String(grade)].merging(Self.range(ImportLimits.grades)) { $1 }
            )
        case .notAPhone(let text): ("import.not_a_phone", ["text": text])
        case .notAPostalAddress(let text): ("import.not_a_postal_address", ["text": text])
        case .notAContactKind(let text): ("import.not_a_contact_kind", ["text": text])
        case .notAContactBasis(let text): ("import.not_a_contact_basis", ["text": text])
        case .basisNeeds(let basis): ("import.basis_needs", ["basis": basis])
        case .notAnEmail(let text): ("import.not_an_email", ["text": text])
        case .notARepresentativeKind(let text): ("import.not_a_representative_kind", ["text": text])
        case .notRoles(let names):
            (names.count == 1 ? "import.not_a_role" : "import.not_roles", ["names": words.quoted(names)])
        case .notAWeekday(let text): ("import.not_a_weekday", ["text": text])
        case .notALessonNumber(let text):
            ("import.not_a_lesson_number", ["text": text].merging(Self.range(ImportLimits.lessonNumbers)) { $1 })
        case .notHoursPerWeek(let text):
            ("import.not_hours_per_week", ["text": text].merging(Self.range(ImportLimits.hoursPerWeek)) { $1 })
        case .duplicateCode(let code, let line): ("import.duplicate_code", ["code": code, "line": String(line)])
        case .duplicateRow(let line): ("import.duplicate_row", ["line": String(line)])
        case .sameAsLine(let line, let name): ("import.same_as_line", ["line": String(line), "name": name])
        case .differsFromLine(let line, let field):
            ("import.differs_from_line", ["line": String(line), "field": words("import.field.\(field.rawValue)")])
        case .nameUsedOnLine(let name, let line): ("import.name_used_on_line", ["name": name, "line": String(line)])
        case .noCurrentYear: ("import.no_current_year", [:])
        case .namesakesInJournal(let noun, let name, let count):
            ("import.namesakes_in_journal", ["count": words.count(count, noun), "name": name])
        case .namesakeHasCode(let noun, let name, let code):
            ("import.namesake_has_code", ["noun": words.article(noun), "name": name, "code": code])
        case .namesakeDiffers(let noun, let name):
            ("import.namesake_differs", ["noun": words.article(noun), "name": name])
        case .notFound(let noun, let text):
            ("import.not_found", ["noun": words.singular(noun), "nouns": words.plural(noun), "text": text])
        case .ambiguous(let noun, let name, let count):
            ("import.ambiguous", ["count": words.count(count, noun), "name": name])
        case .classNotFound(let name, let year): ("import.class_not_found", ["name": name, "year": year])
        case .studentNotInClass(let name, let className):
            ("import.student_not_in_class", ["name": name, "class": className])
        case .subjectNotFound(let name): ("import.subject_not_found", ["name": name])
        case .subjectAmbiguous(let name, let count):
            ("import.subject_ambiguous", ["name": name, "count": words.number(count)])
        case .subjectNameTaken(let name, let subject):
            ("import.subject_name_taken", ["name": name, "subject": subject])
        case .studentsForWholeClass: ("import.students_for_whole_class", [:])
        case .newGroupNeedsStudents(let group, let className):
            ("import.new_group_needs_students", ["group": group, "class": className])
        case .groupStudentsDiffer(let line): ("import.group_students_differ", ["line": String(line)])
        case .groupNotFound(let group): ("import.group_not_found", ["group": group])
        case .notTaught(let subject, let group): ("import.not_taught", ["subject": subject, "group": group])
        case .teacherDoesNotTeach(let teacher, let subject, let group):
            ("import.teacher_does_not_teach", ["teacher": teacher, "subject": subject, "group": group])
        case .severalTeachers(let subject, let group, let teachers):
            (
                "import.several_teachers",
                ["subject": subject, "group": group, "teachers": teachers.joined(separator: words("import.and"))]
            )
        case .classSlotTaken(let group, let weekday, let lesson, let line):
            (
                "import.class_slot_taken",
                ["group": group, "lesson": String(lesson), "day": words.weekday(weekday), "line": String(line)]
            )
        case .teacherSlotTaken(let teacher, let weekday, let lesson, let line):
            (
                "import.teacher_slot_taken",
                ["teacher": teacher, "lesson": String(lesson), "day": words.weekday(weekday), "line": String(line)]
            )
        case .classSlotInJournal(let group, let weekday, let lesson, let subject):
            (
                "import.class_slot_in_journal",
                ["group": group, "lesson": String(lesson), "day": words.weekday(weekday), "subject": subject]
            )
        case .teacherSlotInJournal(let teacher, let weekday, let lesson, let subject):
            (
                "import.teacher_slot_in_journal",
                ["teacher": teacher, "lesson": String(lesson), "day": words.weekday(weekday), "subject": subject]
            )
        case .summary(let summary): ("import.summary", ["summary": words.summary(summary)])
        case .tooManyIssues(let limit): ("import.too_many_issues", ["limit": String(limit)])
        }
    }

    private static func list(_ columns: [Column]) -> String { columns.map(\.description).joined(separator: ", ") }

    /// `min` and `max` of a range, for the messages that quote it.
    private static func range(_ range: ClosedRange<Int>) -> [String: String] {
        ["min": String(range.lowerBound), "max": String(range.upperBound)]
    }

    private static func clip(_ text: String) -> String { text.count > 40 ? text.prefix(40) + "…" : text }
}

/// The words an import message is made of, in one language.
private struct Words {
    let language: Language

    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        Strings.text(key, language, values)
    }

    func quoted(_ names: [String]) -> String {
        names.map { self("import.quoted", ["text": $0]) }.joined(separator: ", ")
    }

    func weekday(_ number: Int) -> String {
        (1...7).contains(number) ? self("import.on_weekday.\(number)") : self("import.day", ["number": String(number)])
    }

    /// `two`, `11`: small numbers in words where the language writes them so.
    func number(_ count: Int) -> String { (0...10).contains(count) ? self("import.number.\(count)") : String(count) }

    func singular(_ noun: ImportNoun) -> String { self("import.noun.\(noun.rawValue)") }

    func plural(_ noun: ImportNoun) -> String { self("import.nouns.\(noun.rawValue)") }

    /// `a student`, `an assignment`.
    func article(_ noun: ImportNoun) -> String { self("import.a_noun.\(noun.rawValue)") }

    /// `two students`, `1 student`.
    func count(_ count: Int, _ noun: ImportNoun) -> String {
        self(
            count == 1 ? "import.count.one" : "import.count.other",
            ["number": number(count), "noun": singular(noun), "nouns": plural(noun)])
    }

    func summary(_ summary: ImportSummary) -> String {
        func part(_ key: String, _ counts: [ImportNoun: Int]) -> String? {
            let items = ImportNoun.allCases.compactMap { noun in
                counts[noun].map {
                    self(
                        $0 == 1 ? "import.summary.item.one" : "import.summary.item.other",
                        ["count": String($0), "noun": singular(noun), "nouns": plural(noun)])
                }
            }
            return items.isEmpty ? nil : self(key, ["items": items.joined(separator: ", ")])
        }
        let rows = summary.unchangedRows
        let unchanged =
            rows == 0
            ? nil
            : self(
                rows == 1 ? "import.summary.unchanged.one" : "import.summary.unchanged.other", ["count": String(rows)])
        let parts = [
            part("import.summary.new", summary.new), part("import.summary.updated", summary.updated), unchanged,
        ]
        .compactMap { $0 }
        return parts.isEmpty ? self("import.summary.nothing") : parts.joined(separator: "; ")
    }
}
