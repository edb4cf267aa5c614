public import Foundation
import JournalAccess
import JournalImport
public import JournalModel
public import JournalRules
import JournalStore
public import Localization

/// An exam result as people enter it: one student, one subject, one exam.
public struct ExamResultInput: Sendable, Hashable, Codable {
    public var studentID: StudentID
    public var subjectID: SubjectID
    /// `ОГЭ`, `ЕГЭ`, or an exam marked directly (`ГВЭ`, `Экзамен школы`) as exams.lua names them.
    public var exam: String
    public var examDate: LocalDate
    /// The primary score (ОГЭ) or the test score (ЕГЭ); none for an exam marked directly.
    public var score: Double?
    /// The mark of an exam marked directly.
    public var mark: String?
    public var protocolNumber: String
    /// The protocol's date: when the results became known.
    public var protocolDate: LocalDate

    public init(
        studentID: StudentID, subjectID: SubjectID, exam: String, examDate: LocalDate, score: Double?, mark: String?,
        protocolNumber: String, protocolDate: LocalDate
    ) {
        self.studentID = studentID
        self.subjectID = subjectID
        self.exam = exam
        self.examDate = examDate
        self.score = score
        self.mark = mark
        self.protocolNumber = protocolNumber
        self.protocolDate = protocolDate
    }
}

/// A protocol file refused: every row's problem at its line; nothing was written.
public struct ExamProtocolRefusal: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [(line: Int, message: JournalError.Message)]

    public func text(_ language: Language) -> String {
        problems.map { "\(file):\($0.line): \($0.message.text(language))" }.joined(separator: "\n")
    }

    public var description: String { text(.en) }
}

/// A student's final mark in a subject (R3): what the scale's `final_mark` recommends from the
/// annual mark and the exam, and what is set.
public struct FinalStanding: Sendable, Codable {
    public var studentID: StudentID
    public var subjectID: SubjectID
    public var annual: String?
    public var exam: String?
    public var recommended: String?
    /// `scales/five.lua: final_mark(annual 4, exam 5) → 5`.
    public var rule: String
    public var value: String?
    public var overrideReason: String?
    public var version: Int?
}

extension JournalService {
    /// The grades whose students sit each exam: ОГЭ in grade 9, ЕГЭ in 11, ГВЭ in either; an
    /// exam of the school's own in any grade.
    static func grades(ofExam exam: String) -> ClosedRange<Int>? {
        switch exam {
        case "ОГЭ": 9...9
        case "ЕГЭ": 11...11
        case "ГВЭ": 9...11
        default: nil
        }
    }

    /// Records an exam result (R3), converted by exams.lua for the year it was sat: holders
    /// of `exams.edit` (management by default). A result of the same exam in the same subject
    /// and year replaces the earlier one (a corrected protocol). Families see it at once.
    public func recordExamResult(_ input: ExamResultInput, caller: Caller) async throws -> ExamResult {
        let rules = try await rules()
        let object = try await database.read { reader -> AccessObject in
            guard let student = try reader.student(input.studentID) else {
                throw ServiceError.unknown(entity: "student", id: input.studentID.description)
            }
            return try Self.studentObject(student, reader)
        }
        try await authorize(caller, .examsEdit, object)
        return try await database.write(actor: caller.actor, reason: "exam result, protocol \(input.protocolNumber)") {
            writer in
            let checked = try Self.checked(input, rules: rules, writer.reader)
            return try Self.store(checked, writer)
        }
    }

    /// Imports the regional centre's protocol as CSV: `student, class, subject, exam, date,
    /// score, mark, protocol, protocol_date` (mark only for exams marked directly). Every row is
    /// checked first; one wrong row refuses the file with each problem at its line.
    public func importExamProtocol(_ bytes: Data, file: String, caller: Caller) async throws -> [ExamResult] {
        try await authorize(caller, .examsEdit, AccessObject(kind: .school))
        let rules = try await rules()
        let csv: CSVFile
        do {
            csv = try CSVFile(bytes: bytes, file: file)
        } catch {
            throw ExamProtocolRefusal(file: file, problems: [(1, .init("error.exam.not_csv"))])
        }
        let columns = ["student", "class", "subject", "exam", "date", "score", "mark", "protocol", "protocol_date"]
        guard let header = csv.records.first,
            header.fields.map({ $0.trimmingWhitespace().lowercased() }) == columns
        else {
            throw ExamProtocolRefusal(
                file: file, problems: [(1, .init("error.exam.header", ["columns": columns.joined(separator: ",")]))])
        }
        return try await database.write(actor: caller.actor, reason: "exam protocol \(file)") { writer in
            var inputs: [ExamResultInput] = []
            var problems: [(line: Int, message: JournalError.Message)] = []
            let year = try writer.reader.currentYear()!
            let classes = try writer.reader.classes(year: year.id!)
            let subjects = try writer.reader.subjects()
            for record in csv.records.dropFirst() {
                var fields = record.fields.map { $0.trimmingWhitespace() }
                fields += Array(repeating: "", count: max(0, columns.count - fields.count))
                do {
                    let input = try Self.protocolRow(fields, classes: classes, subjects: subjects, writer.reader)
                    _ = try Self.checked(input, rules: rules, writer.reader)
                    inputs.append(input)
                } catch let error as JournalError {
                    problems.append((record.line, error.message))
                } catch let refusal as ExamScales.Refusal {
                    problems.append((record.line, Self.message(refusal)))
                }
            }
            guard problems.isEmpty else { throw ExamProtocolRefusal(file: file, problems: problems) }
            return try inputs.map { try Self.store(try Self.checked($0, rules: rules, writer.reader), writer) }
        }
    }

    /// A row of a protocol, its student found by name in their class and the subject by name.
    private static func protocolRow(
        _ fields: [String], classes: [SchoolClass], subjects: [Subject], _ reader: StoreReader
    ) throws -> ExamResultInput {
        guard let schoolClass = classes.first(where: { $0.name.lowercased() == fields[1].lowercased() }) else {
            throw JournalError.invalid(field: "class", message: .init("error.exam.no_class", ["class": fields[1]]))
        }
        let students = try reader.students(inClasses: [schoolClass.id!]).filter {
            $0.name.description.lowercased() == fields[0].lowercased()
                || "\($0.name.lastName) \($0.name.firstName)".lowercased() == fields[0].lowercased()
        }
        guard students.count == 1, let student = students.first else {
            throw JournalError.invalid(
                field: "student",
                message: .init(
                    students.isEmpty ? "error.exam.no_student" : "error.exam.namesakes",
                    ["student": fields[0], "class": schoolClass.name]))
        }
        guard let subject = subjects.first(where: { $0.name.lowercased() == fields[2].lowercased() }) else {
            throw JournalError.invalid(
                field: "subject", message: .init("error.exam.no_subject", ["subject": fields[2]]))
        }
        guard let date = LocalDate(fields[4]), let protocolDate = LocalDate(fields[8]) else {
            throw JournalError.invalid(field: "date", message: .init("error.exam.date"))
        }
        var score: Double?
        if !fields[5].isEmpty {
            guard let value = Double(fields[5].replacingOccurrences(of: ",", with: ".")) else {
                throw JournalError.invalid(field: "score", message: .init("error.exam.score", ["score": fields[5]]))
            }
            score = value
        }
        return ExamResultInput(
            studentID: student.id!, subjectID: subject.id!, exam: fields[3], examDate: date, score: score,
            mark: fields[6].isEmpty ? nil : fields[6], protocolNumber: fields[7], protocolDate: protocolDate)
    }

    /// The result to store: the student sits this exam in their grade, the score is inside the
    /// subject's table for the year, the protocol is named and dated no earlier than the exam.
    private static func checked(_ input: ExamResultInput, rules: SchoolRules, _ reader: StoreReader) throws
        -> ExamResult
    {
        guard let student = try reader.student(input.studentID),
            let schoolClass = try reader.schoolClass(student.classID)
        else { throw ServiceError.unknown(entity: "student", id: input.studentID.description) }
        guard let subject = try reader.subject(input.subjectID) else {
            throw ServiceError.unknown(entity: "subject", id: input.subjectID.description)
        }
        let protocolNumber = input.protocolNumber.trimmingWhitespace()
        guard !protocolNumber.isEmpty, protocolNumber.count <= 50 else {
            throw JournalError.invalid(field: "protocol", message: .init("error.exam.protocol"))
        }
        guard input.protocolDate >= input.examDate else {
            throw JournalError.invalid(field: "protocol_date", message: .init("error.exam.protocol_date"))
        }
        let exams = rules.exams
        guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
        // A protocol of an earlier year is of the grade the student was in then.
        let yearsAgo = year.startsOn.year - SchoolCalendar.academicYear(containing: input.examDate).start.year
        let gradeThen = schoolClass.grade - max(yearsAgo, 0)
        if let grades = grades(ofExam: input.exam), !grades.contains(gradeThen) {
            throw JournalError.invalid(
                field: "exam",
                message: .init(
                    "error.exam.grade",
                    ["exam": input.exam, "student": student.name.description, "class": schoolClass.name]))
        }
        var mark: String?
        var passed: Bool?
        if exams.direct.contains(input.exam) {
            let scale = rules.scale(grade: schoolClass.grade, subject: subject.name)
            guard let given = input.mark, scale?.accepts(given) ?? true else {
                throw JournalError.invalid(
                    field: "mark",
                    message: .init(
                        "error.exam.direct_mark", ["exam": input.exam, "marks": scale?.acceptedValuesText ?? ""]))
            }
            mark = given
        } else {
            guard let score = input.score else {
                throw JournalError.invalid(field: "score", message: .init("error.exam.no_score", ["exam": input.exam]))
            }
            let outcome = try exams.outcome(
                exam: input.exam, subject: subject.name, year: input.examDate.year, score: score)
            mark = outcome.mark
            passed = outcome.passed
        }
        return ExamResult(
            studentID: input.studentID, subjectID: input.subjectID, yearID: year.id!, examKind: input.exam,
            score: input.score, mark: mark, resultsKnownOn: input.protocolDate, examDate: input.examDate,
            protocolNumber: protocolNumber, passed: passed)
    }

    private static func store(_ result: ExamResult, _ writer: AuditedWriter) throws -> ExamResult {
        var result = result
        result.enteredByID = writer.actor.staffID
        result.publishedAt = writer.now
        let earlier = try writer.reader.examResults(student: result.studentID).first {
            $0.subjectID == result.subjectID && $0.examKind == result.examKind
                && $0.examDate?.year == result.examDate?.year
        }
        guard let earlier else { return try writer.insert(result) }
        result.id = earlier.id
        return try writer.update(result)
    }

    /// A student's final mark in a subject: the annual mark set, the exam's mark, what the
    /// scale's `final_mark` recommends from them, and the mark set, if any.
    public func finalStanding(student: StudentID, subject: SubjectID, caller: Caller) async throws -> FinalStanding {
        let object = try await studentSubjectObject(student, subject: subject, for: .examsView, caller: caller)
        try await authorize(caller, .examsView, object)
        let rules = try await rules()
        let (grade, subjectName, annual, exam, final) = try await database.read { reader in
            guard let found = try reader.student(student), let schoolClass = try reader.schoolClass(found.classID),
                let subjectRow = try reader.subject(subject), let year = try reader.currentYear()
            else { throw ServiceError.unknown(entity: "student", id: student.description) }
            let marks = try reader.attestationMarks(students: [student], year: year.id!).filter {
                $0.subjectID == subject
            }
            let exam = try reader.examResults(student: student).last { $0.subjectID == subject && $0.mark != nil }
            return (
                schoolClass.grade, subjectRow.name, marks.first { $0.kind == .annual }?.value, exam?.mark,
                marks.first { $0.kind == .final }
            )
        }
        guard let scale = rules.scale(grade: grade, subject: subjectName) else {
            throw JournalError.refused(.init("error.no_marks_in_subject", ["subject": subjectName]))
        }
        let recommended = try await rules.withEvaluator(budget: Self.pageBudget()) { evaluator in
            annual == nil ? nil : try evaluator.finalMark(scale, annual: annual, exam: exam)
        }
        let rule =
            annual == nil
            ? "\(scale.file): final_mark waits for the annual mark"
            : "\(scale.file): final_mark(annual \(annual!), exam \(exam ?? "none")) → \(recommended ?? "no mark")"
        return FinalStanding(
            studentID: student, subjectID: subject, annual: annual, exam: exam, recommended: recommended, rule: rule,
            value: final?.value, overrideReason: final?.overrideReason, version: final?.version)
    }

    /// Sets the final mark for the certificate (R3): holders of `exams.edit`. Refused before
    /// the annual mark is set; a mark other than the recommendation needs a reason.
    public func setFinalMark(
        student: StudentID, subject: SubjectID, value: String?, reason: String?, version: Int? = nil, caller: Caller
    ) async throws -> AttestationMark {
        let object = try await studentSubjectObject(student, subject: subject, for: .examsEdit, caller: caller)
        try await authorize(caller, .examsEdit, object)
        let standing = try await finalStanding(student: student, subject: subject, caller: .system("final mark"))
        guard standing.annual != nil else { throw JournalError.refused(.init("error.final.no_annual")) }
        let rules = try await rules()
        let (grade, subjectName) = try await database.read { reader in
            (
                try reader.student(student).flatMap { try reader.schoolClass($0.classID) }?.grade ?? 0,
                try reader.subject(subject)?.name ?? ""
            )
        }
        let (value, reason) = try Self.checkedMark(
            value, reason: reason, recommended: standing.recommended,
            scale: rules.scale(grade: grade, subject: subjectName))
        let year = try await currentYear()
        return try await database.write(actor: caller.actor, reason: reason ?? "final mark set") { writer in
            try Self.storeMark(
                AttestationMark(
                    studentID: student, subjectID: subject, yearID: year.id!, kind: .final, period: "final",
                    recommended: standing.recommended, rulesVersion: rules.version, value: value,
                    overrideReason: reason),
                version: version, writer)
        }
    }

    public static func message(_ refusal: ExamScales.Refusal) -> JournalError.Message {
        switch refusal {
        case .noTable(let exam, let subject, let year, _):
            .init("error.exam.no_table", ["exam": exam, "subject": subject, "year": String(year)])
        case .outOfRange(let score, let max):
            .init("error.exam.out_of_range", ["score": score.formatted(), "max": max.formatted()])
        case .needsMark(let exam): .init("error.exam.direct_mark", ["exam": exam, "marks": ""])
        }
    }
}

extension Double {
    /// `15`, `15.5`: a score as people write it.
    fileprivate func formatted() -> String { self == rounded() ? String(Int(self)) : String(self) }
}

/// A class's final attestation at a glance: per student and subject with an exam or an annual
/// mark, the exam, the annual mark and the final mark recommended and set.
public struct ClassExamSheet: Sendable, Codable {
    public struct Row: Sendable, Codable {
        public var studentID: StudentID
        public var studentName: String
        public var subjectID: SubjectID
        public var subjectName: String
        public var exam: ExamEntry?
        /// Nil where no marks are given in the subject.
        public var final: FinalStanding?
    }

    public var className: String
    public var students: [StudentSummary]
    public var subjects: [Subject]
    public var exams: [String]
    public var rows: [Row]
}

extension JournalService {
    /// The exam results and final marks of a class (exams.view on the class).
    public func classExamSheet(className: String, caller: Caller) async throws -> ClassExamSheet {
        let (schoolClass, students, subjects, results, marks) = try await database.read { reader in
            let schoolClass = try Self.findClass(className, reader)
            let students = try reader.students(inClasses: [schoolClass.id!])
                .sorted { ($0.name.lastName, $0.name.firstName) < ($1.name.lastName, $1.name.firstName) }
            let year = try reader.currentYear()!
            return (
                schoolClass, students, try reader.subjects(),
                try students.flatMap { try reader.examResults(student: $0.id!) },
                try reader.attestationMarks(students: students.compactMap(\.id), year: year.id!)
            )
        }
        try await authorize(
            caller, .examsView, AccessObject(kind: .group, id: schoolClass.id!.rawValue, classes: [schoolClass.id!]))
        let names = Dictionary(uniqueKeysWithValues: subjects.map { ($0.id!, $0.name) })
        var pairs = Set(results.map { Pair(student: $0.studentID, subject: $0.subjectID) })
        for mark in marks where mark.kind != .period {
            pairs.insert(Pair(student: mark.studentID, subject: mark.subjectID))
        }
        var rows: [ClassExamSheet.Row] = []
        for student in students {
            for pair in pairs.filter({ $0.student == student.id }).sorted(by: {
                (names[$0.subject] ?? "") < (names[$1.subject] ?? "")
            }) {
                let result = results.last { $0.studentID == pair.student && $0.subjectID == pair.subject }
                rows.append(
                    ClassExamSheet.Row(
                        studentID: student.id!, studentName: student.name.description, subjectID: pair.subject,
                        subjectName: names[pair.subject] ?? "",
                        exam: result.map {
                            ExamEntry(
                                subject: names[$0.subjectID] ?? "", examKind: $0.examKind, score: $0.score,
                                mark: $0.mark, resultsKnownOn: $0.resultsKnownOn, passed: $0.passed,
                                protocolNumber: $0.protocolNumber)
                        },
                        final: try? await finalStanding(student: student.id!, subject: pair.subject, caller: caller)))
            }
        }
        let rules = try await rules()
        return ClassExamSheet(
            className: schoolClass.name,
            students: students.map {
                StudentSummary(id: $0.id!, name: $0.name.description, className: schoolClass.name)
            },
            subjects: subjects.sorted { $0.name < $1.name },
            exams: rules.exams.exams(year: SchoolCalendar.academicYear(containing: try await today()).end.year),
            rows: rows)
    }

    private struct Pair: Hashable {
        var student: StudentID
        var subject: SubjectID
    }
}
