public import Foundation
import JournalAccess
import JournalImport
public import JournalModel
import JournalStore

/// What a CSV import of personal files did.
public struct PersonalFilesImportSummary: Sendable, Codable, Hashable {
    public var opened: Int
    public var updated: Int

    public init(opened: Int, updated: Int) {
        self.opened = opened
        self.updated = updated
    }
}

extension JournalService {
    /// The columns of a personal-files CSV: its English name and the Russian spellings.
    static let personalFileColumns: [(name: String, aliases: [String])] = [
        ("code", ["код", "код ученика"]),
        ("last_name", ["фамилия"]),
        ("first_name", ["имя"]),
        ("middle_name", ["отчество"]),
        ("class", ["класс"]),
        ("file_number", ["номер личного дела", "личное дело"]),
        ("enrolled_on", ["дата зачисления"]),
        ("enrolment_order", ["приказ о зачислении"]),
        ("enrolment_order_date", ["дата приказа о зачислении"]),
        ("enrolled_from", ["откуда прибыл"]),
        ("left_on", ["дата выбытия"]),
        ("leaving_order", ["приказ о выбытии"]),
        ("leaving_order_date", ["дата приказа о выбытии"]),
        ("left_to", ["куда выбыл", "причина выбытия"]),
    ]

    /// Opens or updates the personal files a CSV lists (`personal_files.edit`): each row names
    /// a student by `code`, or by name and class of the current year. The whole file is
    /// checked first; a bad row refuses all of it, naming `file:line` and the column.
    public func importPersonalFiles(file: String, bytes: [UInt8], caller: Caller) async throws
        -> PersonalFilesImportSummary
    {
        try await authorize(caller, .personalFilesEdit, .school)
        let csv = try CSVFile(bytes: bytes, file: file)
        guard let header = csv.records.first else {
            throw JournalError.invalid(field: file, message: .init("secretary.import.empty"))
        }
        func key(_ text: String) -> String {
            text.lowercased().replacingOccurrences(of: "ё", with: "е").replacingOccurrences(of: "_", with: " ")
                .trimmingWhitespace()
        }
        var positions: [String: Int] = [:]
        for (index, title) in header.fields.enumerated() {
            guard
                let column = Self.personalFileColumns.first(where: { column in
                    ([column.name] + column.aliases).map(key).contains(key(title))
                })
            else {
                throw JournalError.invalid(
                    field: "\(file):\(header.line)",
                    message: .init(
                        "secretary.import.unknown_column",
                        ["column": title, "known": Self.personalFileColumns.map(\.name).joined(separator: ", ")]))
            }
            positions[column.name] = index
        }
        let required = ["file_number", "enrolled_on", "enrolment_order", "enrolment_order_date"]
        let missing = required.filter { positions[$0] == nil }
        let identifies = positions["code"] != nil || (positions["last_name"] != nil && positions["first_name"] != nil)
        guard missing.isEmpty, identifies else {
            throw JournalError.invalid(
                field: "\(file):\(header.line)",
                message: .init(
                    "secretary.import.missing_columns",
                    [
                        "columns": (missing + (identifies ? [] : ["code | last_name, first_name, class"])).joined(
                            separator: ", ")
                    ]))
        }
        let columns = positions
        let rows = Array(csv.records.dropFirst())
        guard !rows.isEmpty else {
            throw JournalError.invalid(field: file, message: .init("secretary.import.empty"))
        }
        return try await database.write(actor: caller.actor, reason: "import of personal files from \(file)") {
            writer in
            let reader = writer.reader
            let students = try reader.allStudents()
            let byCode = Dictionary(
                students.compactMap { student in student.externalCode.map { ($0, student) } },
                uniquingKeysWith: { first, _ in first })
            let classNames: [ClassID: String] =
                if let year = try reader.currentYear() {
                    Dictionary(uniqueKeysWithValues: try reader.classes(year: year.id!).map { ($0.id!, $0.name) })
                } else { [:] }
            var files: [PersonalFile] = []
            var numbers: [String: Int] = [:]
            var seen: [StudentID: Int] = [:]
            for row in rows {
                func value(_ name: String) -> String? {
                    guard let index = columns[name], index < row.fields.count else { return nil }
                    let text = row.fields[index].trimmingWhitespace()
                    return text.isEmpty ? nil : text
                }
                func fail(_ column: String?, _ message: JournalError.Message) -> JournalError {
                    .invalid(field: "\(file):\(row.line)" + (column.map { " \($0)" } ?? ""), message: message)
                }
                func date(_ name: String) throws -> LocalDate? {
                    guard let text = value(name) else { return nil }
                    guard let parsed = Self.parseDate(text) else {
                        throw fail(name, .init("secretary.import.not_a_date", ["value": text]))
                    }
                    return parsed
                }
                let student: Student
                if let code = value("code") {
                    guard let found = byCode[code] else {
                        throw fail("code", .init("secretary.import.unknown_code", ["code": code]))
                    }
                    student = found
                } else {
                    let name = [value("last_name"), value("first_name"), value("middle_name")].compactMap { $0 }
                        .joined(separator: " ")
                    let className = value("class") ?? ""
                    let found = students.filter {
                        Self.sortKey($0.name) == Self.sortKey(name) && classNames[$0.classID] == className
                    }
                    guard found.count == 1 else {
                        throw fail(
                            nil,
                            .init(
                                found.isEmpty
                                    ? "secretary.import.unknown_student" : "secretary.import.ambiguous_student",
                                ["name": name, "class": className]))
                    }
                    student = found[0]
                }
                if let line = seen[student.id!] {
                    throw fail(nil, .init("secretary.import.student_twice", ["line": String(line)]))
                }
                seen[student.id!] = row.line
                guard let enrolledOn = try date("enrolled_on") else {
                    throw fail("enrolled_on", .init("secretary.error.required"))
                }
                guard let orderDate = try date("enrolment_order_date") else {
                    throw fail("enrolment_order_date", .init("secretary.error.required"))
                }
                let form = PersonalFileForm(
                    fileNumber: value("file_number") ?? "", enrolledOn: enrolledOn,
                    enrolmentOrder: value("enrolment_order") ?? "", enrolmentOrderDate: orderDate,
                    enrolledFrom: value("enrolled_from"), leftOn: try date("left_on"),
                    leavingOrder: value("leaving_order"), leavingOrderDate: try date("leaving_order_date"),
                    leftTo: value("left_to"))
                let file: PersonalFile
                switch Self.checkedFile(form, student: student.id!) {
                case .success(let checked): file = checked
                case .failure(.invalid(let field, let message)): throw fail(Self.csvColumn(field), message)
                case .failure(let error): throw error
                }
                if let line = numbers[file.fileNumber] {
                    throw fail(
                        "file_number",
                        .init("secretary.import.number_twice", ["number": file.fileNumber, "line": String(line)]))
                }
                numbers[file.fileNumber] = row.line
                if let other = try reader.personalFile(number: file.fileNumber), other.studentID != student.id {
                    let name = try reader.student(other.studentID)?.name.description ?? ""
                    throw fail(
                        "file_number",
                        .init("secretary.error.file_number_taken", ["number": file.fileNumber, "student": name]))
                }
                files.append(file)
            }
            var summary = PersonalFilesImportSummary(opened: 0, updated: 0)
            for var file in files {
                if let existing = try reader.personalFile(student: file.studentID) {
                    file.id = existing.id
                    try writer.update(file)
                    summary.updated += 1
                } else {
                    try writer.insert(file)
                    summary.opened += 1
                }
            }
            return summary
        }
    }

    /// The CSV column of a form's field.
    static func csvColumn(_ field: String) -> String {
        field.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }

    /// `2026-09-01` or `01.09.2026`.
    static func parseDate(_ text: String) -> LocalDate? {
        if let date = LocalDate(text) { return date }
        let parts = text.split(separator: ".")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
            parts[2].count == 4
        else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }
}
