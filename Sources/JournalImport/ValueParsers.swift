import JournalModel

/// The parsers of single cell values. Each takes the trimmed, non-empty text of a cell and
/// returns the value or the message saying what is accepted.
enum Parse {
    /// A part of a person's name: letters, with spaces, hyphens, apostrophes and dots between.
    static func namePart(_ text: String) throws(ImportMessage) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard collapsed.count <= ImportLimits.namePart else { throw .tooLong(text, limit: ImportLimits.namePart) }
        guard collapsed.contains(where: \.isLetter),
            collapsed.allSatisfy({ $0.isLetter || " -'’.".contains($0) })
        else { throw .notAName(text) }
        return collapsed
    }

    /// `Иванова Анна Сергеевна` or `Иванова Анна`: a reference to a person by name.
    static func fullName(_ text: String) -> PersonName? {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count >= 2 else { return nil }
        let middle = words.dropFirst(2).joined(separator: " ")
        return PersonName(lastName: words[0], firstName: words[1], middleName: middle.isEmpty ? nil : middle)
    }

    /// An external code: up to 40 characters without spaces inside.
    static func code(_ text: String) throws(ImportMessage) -> String {
        guard text.count <= ImportLimits.code else { throw .tooLong(text, limit: ImportLimits.code) }
        guard !text.contains(where: \.isWhitespace) else { throw .codeWithSpaces(text) }
        return text
    }

    /// Free text such as a position or a room, limited in length.
    static func text(limit: Int) -> (String) throws(ImportMessage) -> String {
        { (text: String) throws(ImportMessage) -> String in
            guard text.count <= limit else { throw .tooLong(text, limit: limit) }
            return text
        }
    }

    /// `2015-03-07` or `07.03.2015` (one-digit day and month accepted), a day that exists.
    static func date(_ text: String) throws(ImportMessage) -> LocalDate {
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let russian = text.split(separator: ".", omittingEmptySubsequences: false)
        let parts: [Substring]
        if iso.count == 3, iso[0].count == 4 {
            parts = [iso[0], iso[1], iso[2]]
        } else if russian.count == 3, russian[2].count == 4 {
            parts = [russian[2], russian[1], russian[0]]
        } else {
            throw .notADate(text)
        }
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[1].count <= 2, parts[2].count <= 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw .notADate(text) }
        guard let date = LocalDate(year: year, month: month, day: day) else { throw .notARealDate(text) }
        return date
    }

    /// `5А`, `5 А`, `5-а`, `5A` with a Latin A: the canonical `5А`.
    static func className(_ text: String) throws(ImportMessage) -> String {
        let compact = text.filter { !$0.isWhitespace && !"-«»\"'".contains($0) }
        let digits = compact.prefix { $0.isASCII && $0.isNumber }
        let letters = String(compact.dropFirst(digits.count)).uppercased().map { latinLookalikes[$0] ?? $0 }
        guard let grade = Int(digits), !letters.isEmpty, letters.count <= 3, letters.allSatisfy(\.isLetter) else {
            throw .notAClassName(text)
        }
        guard ImportLimits.grades.contains(grade) else { throw .gradeOutOfRange(text, grade: grade) }
        guard let parsed = SchoolClass.parse(name: "\(grade)\(String(letters))") else { throw .notAClassName(text) }
        return "\(parsed.grade)\(parsed.letter)"
    }

    /// Latin capitals that look like Cyrillic ones: a class letter typed on the wrong keyboard.
    private static let latinLookalikes: [Character: Character] = [
        "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т",
        "X": "Х", "Y": "У",
    ]

    /// A Russian number in any usual spelling becomes `+7 XXX XXX-XX-XX`; another country's
    /// number written with `+` and 8–15 digits is kept as `+` and digits.
    static func phone(_ text: String) throws(ImportMessage) -> String {
        let body = text.drop { $0 == "+" }
        guard text.filter({ $0 == "+" }).count <= 1,
            body.allSatisfy({ ($0.isASCII && $0.isNumber) || " -().".contains($0) })
        else { throw .notAPhone(text) }
        let digits = Array(body.filter(\.isNumber))
        let international = text.hasPrefix("+")
        let national: ArraySlice<Character>?
        switch (international, digits.count, digits.first) {
        case (true, 11, "7"), (false, 11, "7"), (false, 11, "8"): national = digits.dropFirst()
        case (false, 10, "9"): national = digits[...]
        default: national = nil
        }
        if let national {
            let d = Array(national)
            return "+7 \(String(d[0..<3])) \(String(d[3..<6]))-\(String(d[6..<8]))-\(String(d[8..<10]))"
        }
        guard international, (8...15).contains(digits.count) else { throw .notAPhone(text) }
        return "+" + String(digits)
    }

    /// `name@example.ru`: one `@`, no spaces, a domain with a dot.
    static func email(_ text: String) throws(ImportMessage) -> String {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        // The local part in ASCII, as every mail server takes it; a domain may be Cyrillic
        // (`школа.рф`): mail goes to its ASCII form (xn--…).
        guard parts.count == 2, parts[0].allSatisfy(\.isASCII) else { throw .notAnEmail(text) }
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
            !parts[0].contains(where: { $0.isWhitespace || ",;:<>()[]\\\"".contains($0) }),
            !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..")
        else { throw .notAnEmail(text) }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            }),
            labels.last!.count >= 2, labels.last!.allSatisfy(\.isLetter)
        else { throw .notAnEmail(text) }
        return text
    }

    static func representativeKind(_ text: String) throws(ImportMessage) -> RepresentativeKind {
        switch Column.key(text) {
        case "parent", "родитель", "мать", "отец", "мама", "папа": .parent
        case "adoptive parent", "усыновитель", "удочеритель": .adoptiveParent
        case "guardian", "опекун", "попечитель": .guardian
        default: throw .notARepresentativeKind(text)
        }
    }

    /// The roles a staff member may hold, by English raw value or Russian name.
    static let staffRoles: [Role: [String]] = [
        .administrator: ["administrator", "admin", "администратор"],
        .management: ["management", "администрация", "управление", "руководство"],
        .teacher: ["teacher", "учитель", "педагог"],
        .secretary: ["secretary", "секретарь"],
        .medical: ["medical", "медработник", "медицинский работник"],
        .psychologist: ["psychologist", "психолог", "социальный педагог", "соцпедагог"],
        .hr: ["hr", "кадры", "отдел кадров", "специалист по кадрам"],
    ]

    /// `учитель; администратор`: roles separated by `;` or `,`.
    static func roles(_ text: String) throws(ImportMessage) -> Set<Role> {
        var roles: Set<Role> = []
        var unknown: [String] = []
        for name in list(text) {
            if let role = staffRoles.first(where: { $0.value.map(Column.key).contains(Column.key(name)) })?.key {
                roles.insert(role)
            } else {
                unknown.append(name)
            }
        }
        guard unknown.isEmpty else { throw .notRoles(unknown) }
        return roles
    }

    /// Items separated by `;`, `,` or line breaks, trimmed, empty ones dropped.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { ";,\n".contains($0) }).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    private static let weekdays: [String: Int] = [
        "пн": 1, "пон": 1, "понедельник": 1, "mon": 1, "monday": 1,
        "вт": 2, "вторник": 2, "tue": 2, "tuesday": 2,
        "ср": 3, "среда": 3, "wed": 3, "wednesday": 3,
        "чт": 4, "четверг": 4, "thu": 4, "thursday": 4,
        "пт": 5, "пятница": 5, "fri": 5, "friday": 5,
        "сб": 6, "суббота": 6, "sat": 6, "saturday": 6,
    ]

    /// 1–6, `пн`–`сб`, `понедельник`–`суббота` or English names: Monday 1 … Saturday 6.
    static func weekday(_ text: String) throws(ImportMessage) -> Int {
        if let number = Int(text), (1...6).contains(number) { return number }
        guard let day = weekdays[Column.key(text)] else { throw .notAWeekday(text) }
        return day
    }

    /// A lesson number, 0 (the early "нулевой урок") to 12: ``ImportLimits/lessonNumbers``.
    static func lesson(_ text: String) throws(ImportMessage) -> Int {
        guard let number = Int(text), ImportLimits.lessonNumbers.contains(number) else { throw .notALessonNumber(text) }
        return number
    }

    static func hoursPerWeek(_ text: String) throws(ImportMessage) -> Int {
        guard let number = Int(text), ImportLimits.hoursPerWeek.contains(number) else { throw .notHoursPerWeek(text) }
        return number
    }
}
