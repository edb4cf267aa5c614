public import JournalModel

/// Everything an import can say, as data; ``text`` renders it in English. A Russian rendering
/// is another `switch` over the same cases.
public enum ImportMessage: Error, Hashable, Sendable {
    /// Which value of a representative disagrees with an earlier row.
    public enum Field: String, Hashable, Sendable {
        case name
        case phone
        case email
        case code
    }

    // The file as text.
    case invalidUTF8
    case unterminatedQuote
    case textAfterClosingQuote
    case emptyFile(columns: [Column])
    case noRows

    // The header.
    case emptyColumnName(position: Int)
    case duplicateColumn(String, String, name: String)
    case unknownColumns([String], known: [Column])
    case missingColumns([Column])
    case valueWithoutColumn(position: Int, columns: Int)

    // One value.
    case required
    case tooLong(String, limit: Int)
    case notAName(String)
    case codeWithSpaces(String)
    case notADate(String)
    case notARealDate(String)
    case implausibleBirthDate(LocalDate, age: Int, on: LocalDate)
    case outsideYear(LocalDate, year: String, range: DateRange)
    case endsBeforeStart(LocalDate, start: LocalDate)
    case notAClassName(String)
    case gradeOutOfRange(String, grade: Int)
    case notAPhone(String)
    case notAPostalAddress(String)
    case notAContactKind(String)
    case notAContactBasis(String)
    /// A contact's basis lacks a field it needs (R18).
    case basisNeeds(String)
    case notAnEmail(String)
    case notARepresentativeKind(String)
    case notRoles([String])
    case notAWeekday(String)
    case notALessonNumber(String)
    case notHoursPerWeek(String)

    // Rows that repeat or contradict each other.
    case duplicateCode(String, line: Int)
    case duplicateRow(line: Int)
    case sameAsLine(Int, name: String)
    case differsFromLine(Int, field: Field)
    case nameUsedOnLine(String, line: Int)

    // What the journal already holds.
    case noCurrentYear
    case namesakesInJournal(ImportNoun, name: String, count: Int)
    case namesakeHasCode(ImportNoun, name: String, code: String)
    case namesakeDiffers(ImportNoun, name: String)
    case notFound(ImportNoun, String)
    case ambiguous(ImportNoun, name: String, count: Int)
    case classNotFound(String, year: String)
    case studentNotInClass(String, className: String)
    case subjectNotFound(String)
    case subjectAmbiguous(String, count: Int)
    case subjectNameTaken(String, by: String)

    // Groups and assignments.
    case studentsForWholeClass
    case newGroupNeedsStudents(String, className: String)
    case groupStudentsDiffer(line: Int)

    // The timetable.
    case groupNotFound(String)
    case notTaught(String, group: String)
    case teacherDoesNotTeach(String, subject: String, group: String)
    case severalTeachers(String, group: String, teachers: [String])
    case classSlotTaken(String, weekday: Int, lesson: Int, line: Int)
    case teacherSlotTaken(String, weekday: Int, lesson: Int, line: Int)
    case classSlotInJournal(String, weekday: Int, lesson: Int, subject: String)
    case teacherSlotInJournal(String, weekday: Int, lesson: Int, subject: String)

    // Reports.
    case summary(ImportSummary)
    case tooManyIssues(limit: Int)
}
