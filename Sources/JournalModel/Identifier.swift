/// A typed row identifier: a `StudentID` cannot be passed where a `LessonID` is expected.
public struct Identifier<Entity>: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByIntegerLiteral
{
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public init(integerLiteral value: Int64) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

public typealias AcademicYearID = Identifier<AcademicYear>
public typealias ClassID = Identifier<SchoolClass>
public typealias StudentID = Identifier<Student>
public typealias RepresentativeID = Identifier<Representative>
public typealias StaffID = Identifier<Staff>
public typealias SubjectID = Identifier<Subject>
public typealias GroupID = Identifier<TeachingGroup>
public typealias AssignmentID = Identifier<TeachingAssignment>
public typealias TimetableEntryID = Identifier<TimetableEntry>
public typealias LessonID = Identifier<Lesson>
public typealias TimetableChangeID = Identifier<TimetableChange>
public typealias WorkID = Identifier<Work>
public typealias MarkID = Identifier<Mark>
public typealias AttendanceID = Identifier<Attendance>
public typealias AttestationMarkID = Identifier<AttestationMark>
public typealias ExamResultID = Identifier<ExamResult>
public typealias AccountID = Identifier<Account>
