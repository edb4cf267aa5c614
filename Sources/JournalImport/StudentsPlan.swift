public import JournalModel

/// What importing a students file writes.
///
/// Columns (names compare without case, with spaces, `_` and `-` alike; other accepted names in
/// brackets):
/// - **last_name** (фамилия, last name, surname, family name), **first_name** (имя, first name,
///   given name), middle_name (отчество, middle name, patronymic)
/// - birth_date (дата рождения, birth date, date of birth, birthday): `YYYY-MM-DD` or `DD.MM.YYYY`
/// - **class** (класс): a class of the current year, `5А`
/// - code (код, личное дело, номер личного дела): the school's own code, unique
///
/// A row with a known code updates that student (class, name, birth date); an empty cell keeps
/// what the journal has. See ``PersonIndex/match(code:name:noun:agrees:)`` for rows that match
/// by name: details agree when the class is the same and the birth dates do not differ.
public struct StudentsPlan: Hashable, Sendable, Codable {
    /// Students to insert, each with the id of their class.
    public var newStudents: [Planned<Student>]
    /// Students the file changes; `after` keeps the id.
    public var updatedStudents: [PlannedUpdate<Student>]
    /// Lines that describe a student exactly as the journal has them.
    public var unchangedLines: [Int]

    enum Columns {
        static let birthDate = Column("birth_date", aliases: ["дата рождения", "date of birth", "birthday"])
        static let code = Column.code("личное дело", "номер личного дела")
    }

    public static let columns: [Column] = [
        Column.lastName.required, Column.firstName.required, .middleName, Columns.birthDate, Column.className.required,
        Columns.code,
    ]

    public var summary: ImportSummary {
        ImportSummary(
            new: [.student: newStudents.count], updated: [.student: updatedStudents.count],
            unchangedRows: unchangedLines.count)
    }

    /// Validates every row of a students file against `context`.
    public init(file: String, bytes: some Collection<UInt8>, context: some ImportContext) throws(ImportFailure) {
        var log = IssueLog(file: file)
        let table = try ImportTable(bytes: bytes, file: file, columns: Self.columns, log: &log)
        let classes = ClassIndex(context)
        let students = PersonIndex(context.students(), name: \.name, code: \.externalCode)
        newStudents = []
        updatedStudents = []
        unchangedLines = []

        var linesByCode: [String: Int] = [:]
        var linesByExisting: [StudentID: Int] = [:]
        var newByName: [String: [(line: Int, name: PersonName, birthDate: LocalDate?, hasCode: Bool)]] = [:]
        for row in table.rows {
            let issues = log.issues.count
            let name = row.personName(&log)
            let birthDate = row.value(Columns.birthDate, &log, Parse.date)
            let className = row.required(.className, &log, Parse.className)
            let code = row.value(Columns.code, &log, Parse.code)
            if let birthDate, let message = Self.implausible(birthDate, year: classes.year) {
                row.report(Columns.birthDate, message, &log)
            }
            let schoolClass = className.flatMap { name in
                do throws(ImportMessage) { return try classes.resolve(name) } catch {
                    row.report(.className, error, &log)
                    return nil
                }
            }
            guard log.issues.count == issues, let name, let schoolClass, let classID = schoolClass.id else { continue }

            if let code {
                if let earlier = linesByCode[Key.text(code)] {
                    row.report(Columns.code, .duplicateCode(code, line: earlier), &log)
                    continue
                }
                linesByCode[Key.text(code)] = row.line
            }
            let existing: Student?
            do throws(ImportMessage) {
                existing = try students.match(code: code, name: name, noun: .student) { student in
                    student.classID == classID
                        && (student.birthDate == nil || birthDate == nil
                            || student.birthDate == birthDate)
                }
            } catch {
                row.report(error, &log)
                continue
            }

            guard let existing, let id = existing.id else {
                let nameKey = Key.person(name) + "|\(classID)"
                let twin = newByName[nameKey, default: []].first {
                    $0.name.agrees(with: name) && ($0.birthDate == nil || birthDate == nil || $0.birthDate == birthDate)
                        && !($0.hasCode && code != nil)
                }
                if let twin {
                    row.report(.duplicateRow(line: twin.line), &log)
                    continue
                }
                newByName[nameKey, default: []].append((row.line, name, birthDate, code != nil))
                let student = Student(classID: classID, name: name, birthDate: birthDate, externalCode: code)
                newStudents.append(Planned(line: row.line, value: student))
                continue
            }
            if let earlier = linesByExisting[id] {
                row.report(.sameAsLine(earlier, name: existing.name.description), &log)
                continue
            }
            linesByExisting[id] = row.line
            var after = existing
            after.name = name.updating(existing.name)
            after.classID = classID
            after.birthDate = birthDate ?? existing.birthDate
            after.externalCode = code ?? existing.externalCode
            if after == existing {
                unchangedLines.append(row.line)
            } else {
                updatedStudents.append(PlannedUpdate(line: row.line, before: existing, after: after))
            }
        }
        try log.check()
    }

    /// A birth date that makes the student younger than 4 or older than 25 on the first day of
    /// the year is most likely a typing error in the year.
    static func implausible(_ birthDate: LocalDate, year: AcademicYear) -> ImportMessage? {
        let start = year.startsOn
        let age = start.year - birthDate.year - ((start.month, start.day) < (birthDate.month, birthDate.day) ? 1 : 0)
        return (4...25).contains(age) ? nil : .implausibleBirthDate(birthDate, age: age, on: start)
    }
}
