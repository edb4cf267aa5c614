import JournalModel
import JournalRules
import JournalStore

/// What the period computations need about some classes, read once: their students, who
/// teaches them what, and the marks of a period.
struct TeachingSnapshot {
    let classes: [ClassID: SchoolClass]
    let students: [Student]
    let subjects: [SubjectID: Subject]
    let assignments: [AssignmentID: TeachingAssignment]
    /// The assignments that teach each student, through the groups they belong to.
    let assignmentsByStudent: [StudentID: [AssignmentID]]
    /// The period marks set this year, what annual marks are recommended from; read only for
    /// the year's standings (`withPeriodMarks`), empty otherwise.
    let periodMarks: PeriodMarkValues

    static func load(_ reader: StoreReader, classes: [SchoolClass], withPeriodMarks: Bool = false) throws
        -> TeachingSnapshot
    {
        let students = try reader.students(inClasses: classes.compactMap(\.id))
        let memberships = try reader.memberships(students: students.compactMap(\.id))
        let assignments = try reader.assignments(groups: Array(Set(memberships.map(\.groupID))))
        let byGroup = Dictionary(grouping: assignments, by: \.groupID)
        var byStudent: [StudentID: [AssignmentID]] = [:]
        for membership in memberships {
            byStudent[membership.studentID, default: []] += (byGroup[membership.groupID] ?? []).compactMap(\.id)
        }
        return TeachingSnapshot(
            classes: Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0) }), students: students,
            subjects: Dictionary(uniqueKeysWithValues: try reader.subjects().map { ($0.id!, $0) }),
            assignments: Dictionary(uniqueKeysWithValues: assignments.map { ($0.id!, $0) }),
            assignmentsByStudent: byStudent,
            periodMarks: withPeriodMarks ? try periodMarkValues(reader, students: students) : [:])
    }

    /// The period marks set this year: student → subject → period key → mark.
    private static func periodMarkValues(_ reader: StoreReader, students: [Student]) throws -> PeriodMarkValues {
        guard let year = try reader.currentYear() else { return [:] }
        var values: PeriodMarkValues = [:]
        for mark in try reader.attestationMarks(students: students.compactMap(\.id), year: year.id!)
        where mark.kind == .period {
            guard let value = mark.value else { continue }
            values[mark.studentID, default: [:]][mark.subjectID, default: [:]][mark.period] = value
        }
        return values
    }

    /// The subjects a student is taught, ordered by name.
    func subjects(of student: StudentID) -> [Subject] {
        let ids = Set((assignmentsByStudent[student] ?? []).compactMap { assignments[$0]?.subjectID })
        return ids.compactMap { subjects[$0] }.sorted { $0.name < $1.name }
    }

    /// Marks of every student for the period each class is in, grouped by student and subject.
    func marks(
        _ reader: StoreReader, period: (SchoolClass) -> SchoolCalendar.Period?
    ) throws -> [StudentID: [SubjectID: [MarkRow]]] {
        var classesByRange: [DateRange: [ClassID]] = [:]
        for schoolClass in classes.values {
            if let range = period(schoolClass)?.range { classesByRange[range, default: []].append(schoolClass.id!) }
        }
        var result: [StudentID: [SubjectID: [MarkRow]]] = [:]
        for (range, classIDs) in classesByRange {
            let classSet = Set(classIDs)
            let studentSet = Set(students.filter { classSet.contains($0.classID) }.compactMap(\.id))
            let assignmentIDs = Set(studentSet.flatMap { assignmentsByStudent[$0] ?? [] })
            for row in try reader.markRows(assignments: Array(assignmentIDs).sorted(), range: range)
            where studentSet.contains(row.studentID) {
                guard let subject = assignments[row.assignmentID]?.subjectID else { continue }
                result[row.studentID, default: [:]][subject, default: []].append(row)
            }
        }
        return result
    }
}

extension MarkInput {
    init(_ row: MarkRow) {
        self.init(
            markID: row.markID, value: row.value, isDebt: row.isDebt, workType: row.workType,
            weightOverride: row.weightOverride, date: row.date)
    }
}
