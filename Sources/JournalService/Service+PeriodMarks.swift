import JournalAccess
public import JournalModel
public import JournalRules
import JournalStore

/// One student's standing in one subject for a period.
public struct SubjectStanding: Sendable, Codable {
    public var studentID: StudentID
    public var studentName: String
    public var className: String
    public var subjectID: SubjectID
    public var subjectName: String
    /// Nil when no marks are given in this subject and grade, or when the rules failed.
    public var standing: PeriodStanding?
    /// The rule's error when it could not compute this standing: one cell fails, not the page.
    public var failure: String?
}

/// The period marks of a class: every student × subject.
public struct ClassPeriodMarks: Sendable, Codable {
    public var className: String
    public var period: SchoolCalendar.Period
    public var rulesVersion: Int64?
    public var rows: [SubjectStanding]
}

/// Computes standings from marks, recommending with the rules' scales (Lua), or with any
/// other recommender (the native comparison of `journal bench marks`).
public protocol StandingRecommender {
    func standing(
        scale: Scale, period: SchoolCalendar.Period, weighted: WeightedAverage, today: LocalDate
    ) throws -> PeriodStanding

    func annualStanding(
        scale: Scale, year: SchoolCalendar.Period, weighted: WeightedAverage, basis: AnnualBasis
    ) throws -> PeriodStanding
}

extension RuleEvaluator: StandingRecommender {}

/// The period marks set: student → subject → period key → mark, what annual marks come from.
typealias PeriodMarkValues = [StudentID: [SubjectID: [String: String]]]

extension JournalService {
    /// Per student and subject: the marks that count, the weighted average, the recommended
    /// period mark and the forecast (R2, R13).
    public func periodMarks(className: String, period name: String, caller: Caller) async throws -> ClassPeriodMarks {
        let active = try await rules()
        let classObject = try await database.read { reader in
            let found = try Self.findClass(className, reader)
            return AccessObject(kind: .group, id: found.id!.rawValue, classes: [found.id!])
        }
        try await authorize(caller, .periodMarksView, classObject)
        let today = try await today()
        let (schoolClass, snapshot, marks, period) = try await database.read { reader in
            let schoolClass = try Self.findClass(className, reader)
            let period = try active.calendar.resolve(name, grade: schoolClass.grade, today: today)
            let snapshot = try TeachingSnapshot.load(reader, classes: [schoolClass], withPeriodMarks: period.isYear)
            return (schoolClass, snapshot, try snapshot.marks(reader) { _ in period }, period)
        }
        let rules = try await rules(for: period, active: active, today: today)
        let rows = try await rules.withEvaluator(budget: Self.pageBudget()) { evaluator in
            try Self.standings(
                snapshot, marks: marks, rules: rules, today: today, recommender: evaluator, failures: ruleFailures
            ) { _ in period }
        }
        return ClassPeriodMarks(className: schoolClass.name, period: period, rulesVersion: rules.version, rows: rows)
    }

    /// One student's standing in one subject, with every mark explained.
    public func explain(
        student: StudentID, subject: SubjectID, period name: String, caller: Caller
    ) async throws -> SubjectStanding {
        let active = try await rules()
        let object = try await studentSubjectObject(student, subject: subject, for: .periodMarksView, caller: caller)
        try await authorize(caller, .periodMarksView, object)
        let today = try await today()
        let (snapshot, marks, period) = try await database.read { reader in
            guard let found = try reader.student(student) else {
                throw ServiceError.unknown(entity: "student", id: student.description)
            }
            guard try reader.subject(subject) != nil else {
                throw ServiceError.unknown(entity: "subject", id: subject.description)
            }
            let schoolClass = try reader.schoolClass(found.classID)!
            let period = try active.calendar.resolve(name, grade: schoolClass.grade, today: today)
            let snapshot = try TeachingSnapshot.load(reader, classes: [schoolClass], withPeriodMarks: period.isYear)
            return (snapshot, try snapshot.marks(reader) { _ in period }, period)
        }
        let rules = try await rules(for: period, active: active, today: today)
        let rows = try await rules.withEvaluator(budget: Self.pageBudget()) { evaluator in
            try Self.standings(
                snapshot, marks: marks, rules: rules, today: today, recommender: evaluator, only: student,
                failures: ruleFailures
            ) { _ in period }
        }
        guard let row = rows.first(where: { $0.subjectID == subject }) else {
            throw JournalError.refused(.init("error.subject_not_taught", ["subject": subject.description]))
        }
        return row
    }

    /// A student by id or account login, a subject by id or name, as people type them.
    public func resolve(student: String, subject: String) async throws -> (StudentID, SubjectID) {
        try await database.read { reader in
            let studentID: StudentID
            if let id = Int64(student), try reader.student(StudentID(id)) != nil {
                studentID = StudentID(id)
            } else if let account = try reader.account(login: student), let id = account.studentID {
                studentID = id
            } else {
                throw ServiceError.unknown(entity: "student (an id or a student's login)", id: student)
            }
            let subjects = try reader.subjects()
            guard
                let found = subjects.first(where: { $0.id?.description == subject })
                    ?? subjects.first(where: { $0.name.lowercased() == subject.lowercased() })
            else {
                throw JournalError.invalid(
                    field: "subject",
                    message: .init(
                        "error.no_such_subject",
                        ["value": subject, "accepted": subjects.map(\.name).joined(separator: ", ")]))
            }
            return (studentID, found.id!)
        }
    }

    static func findClass(_ name: String, _ reader: StoreReader) throws -> SchoolClass {
        guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
        guard let found = try reader.schoolClass(named: name, year: year.id!) else {
            let known = try reader.classes(year: year.id!).map(\.name)
            guard !known.isEmpty else {
                throw JournalError.refused(.init("error.no_classes"))
            }
            throw ServiceError.unknownClass(name, known: known)
        }
        return found
    }

    /// The standings of every student (or one) of the snapshot, subject by subject.
    static func standings(
        _ snapshot: TeachingSnapshot, marks: [StudentID: [SubjectID: [MarkRow]]], rules: SchoolRules,
        today: LocalDate, recommender: some StandingRecommender, only: StudentID? = nil,
        failures: RuleFailureLog? = nil, period: (SchoolClass) -> SchoolCalendar.Period?
    ) throws -> [SubjectStanding] {
        var rows: [SubjectStanding] = []
        for student in snapshot.students where only == nil || student.id == only {
            guard let schoolClass = snapshot.classes[student.classID], let period = period(schoolClass) else {
                continue
            }
            for subject in snapshot.subjects(of: student.id!) {
                var row = SubjectStanding(
                    studentID: student.id!, studentName: student.name.description, className: schoolClass.name,
                    subjectID: subject.id!, subjectName: subject.name, standing: nil)
                if let scale = rules.scale(grade: schoolClass.grade, subject: subject.name) {
                    let inputs = (marks[student.id!]?[subject.id!] ?? []).map(MarkInput.init)
                    let weighted = WeightedAverage.compute(inputs, scale: scale, workTypes: rules.workTypes)
                    do {
                        if period.isYear {
                            let basis = AnnualBasis(
                                set: snapshot.periodMarks[student.id!]?[subject.id!] ?? [:],
                                periods: rules.calendar.periods(grade: schoolClass.grade))
                            row.standing = try recommender.annualStanding(
                                scale: scale, year: period, weighted: weighted, basis: basis)
                        } else {
                            row.standing = try recommender.standing(
                                scale: scale, period: period, weighted: weighted, today: today)
                        }
                    } catch let error as RulesError {
                        row.failure = error.description
                        failures?.record(
                            error.description,
                            RuleFailureLog.Input(
                                version: rules.version, student: student.id!, subject: subject.name,
                                period: period.key, weighted: weighted))
                    }
                }
                rows.append(row)
            }
        }
        return rows
    }
}
