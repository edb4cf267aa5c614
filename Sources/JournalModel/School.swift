/// The school a database belongs to. One database holds one school.
public struct School: Codable, Hashable, Sendable {
    public var id: Int64?
    public var name: String
    /// An IANA time zone such as `Europe/Moscow`; deadlines are judged in it.
    public var timeZone: String

    public init(id: Int64? = nil, name: String, timeZone: String) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
    }
}

/// A school year, 1 September to the end of the following summer.
public struct AcademicYear: Codable, Hashable, Sendable, Identifiable {
    public var id: AcademicYearID?
    /// `2026/2027`.
    public var title: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var isCurrent: Bool

    public init(id: AcademicYearID? = nil, title: String, startsOn: LocalDate, endsOn: LocalDate, isCurrent: Bool) {
        self.id = id
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.isCurrent = isCurrent
    }

    public var range: DateRange { DateRange(start: startsOn, end: endsOn) }
}

/// A class such as 5А: a grade level and a letter, with its class teacher.
public struct SchoolClass: Codable, Hashable, Sendable, Identifiable {
    public var id: ClassID?
    public var yearID: AcademicYearID
    /// The grade level, 1…11.
    public var grade: Int
    /// The letter, such as А.
    public var letter: String
    public var classTeacherID: StaffID?

    public init(id: ClassID? = nil, yearID: AcademicYearID, grade: Int, letter: String, classTeacherID: StaffID? = nil)
    {
        self.id = id
        self.yearID = yearID
        self.grade = grade
        self.letter = letter
        self.classTeacherID = classTeacherID
    }

    /// `5А`.
    public var name: String { "\(grade)\(letter)" }

    /// Splits `5А` or `10Б` into grade and letter; nil when it is not of that form.
    public static func parse(name: String) -> (grade: Int, letter: String)? {
        let trimmed = name.trimmingWhitespace()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let letter = trimmed.dropFirst(digits.count).trimmingWhitespace()
        guard let grade = Int(digits), (1...11).contains(grade), (1...3).contains(letter.count),
            letter.allSatisfy(\.isLetter)
        else { return nil }
        return (grade, letter.uppercased())
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        let characters = self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }
        return String(characters.reversed())
    }
}
