import Foundation
import JournalModel
import JournalRules
import JournalService
import JournalStore
import Logging

/// A small school built through the audited path: class 5А with three students, a teacher of
/// mathematics, one lesson with a test and marks; class 10А on half-years.
struct TestSchool {
    let service: JournalService
    let fiveA: SchoolClass
    let students: [Student]
    let teacher: Staff
    let math: Subject
    let assignment: TeachingAssignment
    let lesson: Lesson
    let test: Work
    let answer: Work

    static let today = LocalDate("2026-11-20")!
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    /// 2026-11-20 12:00 Moscow time.
    static let noon = Date(timeIntervalSince1970: 1_795_165_200)

    /// A given `database` keeps the clock it was opened with.
    static func make(
        now: @escaping @Sendable () -> Date = { TestSchool.noon }, database: JournalDatabase? = nil,
        logger: Logger = Logger(label: "test")
    ) async throws -> TestSchool {
        let service = JournalService(database: try database ?? JournalDatabase.inMemory(now: now), logger: logger)
        try await service.initialize(
            schoolName: "Тестовая школа", rules: try RuleFiles.load(directory: rulesDirectory), today: today)
        let year = try await service.currentYear()
        let actor = Actor.system("test fixture")
        return try await service.database.write(actor: actor) { writer in
            let teacher = try writer.insert(
                Staff(
                    name: PersonName(lastName: "Петрова", firstName: "Мария", middleName: "Ивановна"),
                    position: "учитель математики"))
            let fiveA = try writer.insert(
                SchoolClass(yearID: year.id!, grade: 5, letter: "А", classTeacherID: teacher.id))
            let names = [("Иванова", "Анна"), ("Смирнов", "Олег"), ("Кузнецова", "Дарья")]
            let students = try names.map { last, first in
                try writer.insert(Student(classID: fiveA.id!, name: PersonName(lastName: last, firstName: first)))
            }
            let math = try writer.insert(Subject(name: "Математика", shortName: "Матем."))
            let group = try writer.insert(
                TeachingGroup(yearID: year.id!, name: "5А", kind: .wholeClass, classID: fiveA.id))
            for student in students { try writer.insert(GroupMember(groupID: group.id!, studentID: student.id!)) }
            let assignment = try writer.insert(
                TeachingAssignment(groupID: group.id!, subjectID: math.id!, teacherID: teacher.id!, hoursPerWeek: 5))
            let lesson = try writer.insert(
                Lesson(
                    assignmentID: assignment.id!, date: LocalDate("2026-11-16")!, number: 2, status: .held,
                    topic: "Дроби"))
            let test = try writer.insert(
                Work(assignmentID: assignment.id!, lessonID: lesson.id, workType: "test", date: lesson.date))
            let answer = try writer.insert(
                Work(assignmentID: assignment.id!, lessonID: lesson.id, workType: "answer", date: lesson.date))
            return TestSchool(
                service: service, fiveA: fiveA, students: students, teacher: teacher, math: math,
                assignment: assignment,
                lesson: lesson, test: test, answer: answer)
        }
    }

    /// A directory holding the shipped rules with one file's text replaced.
    static func rules(editing path: String, replacing old: String, with new: String) throws -> RuleFiles {
        var files = try RuleFiles.load(directory: rulesDirectory)
        files.files[path] = files.files[path]!.replacingOccurrences(of: old, with: new)
        return files
    }
}
