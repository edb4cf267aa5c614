import Foundation
import HummingbirdBcrypt
import JournalModel
import JournalRules
import JournalService
import JournalStore

/// A small school in a database file of its own temporary directory, built through the
/// service: class 5А with three students, their mathematics teacher (who has an account) and
/// two lessons with a test. The operations tests serve it in-process, from a real `journal
/// serve`, back it up, damage it and restore it.
struct FileSchool: Sendable {
    let directory: URL
    let path: String
    let service: JournalService
    let students: [StudentID]
    let assignment: AssignmentID
    let lesson: LessonID
    let test: WorkID

    static let teacherLogin = "petrova.m"
    static let password = "Vesna-2026!"
    /// bcrypt at cost 4: a real hash, quickly.
    static let passwordHash = Bcrypt.hash(password, cost: 4)
    static let today = LocalDate("2026-11-20")!
    /// 2026-11-20 12:00 Moscow time.
    static let noon = Date(timeIntervalSince1970: 1_795_165_200)
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rulesDirectory = repository.appendingPathComponent("rules").path

    /// A fresh temporary directory, removed by `cleanUp`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "journal-operations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func make(now: @escaping @Sendable () -> Date = { FileSchool.noon }) async throws -> FileSchool {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("school.sqlite").path
        let service = try JournalService.open(path: path, now: now)
        try await service.initialize(
            schoolName: "Школа на диске", rules: try RuleFiles.load(directory: rulesDirectory), today: today)
        let year = try await service.currentYear().id!
        return try await service.database.write(actor: .system("file fixture")) { writer in
            let teacher = try writer.insert(
                Staff(name: PersonName(lastName: "Петрова", firstName: "Мария"), position: "учитель математики"))
            let account = try writer.insert(
                Account(
                    login: teacherLogin, passwordHash: passwordHash, mustChangePassword: false,
                    owner: .staff(teacher.id!), createdAt: noon))
            try writer.insert(AccountRole(accountID: account.id!, role: .teacher))
            let fiveA = try writer.insert(SchoolClass(yearID: year, grade: 5, letter: "А", classTeacherID: teacher.id))
            let students = try [("Иванова", "Анна"), ("Смирнов", "Олег"), ("Кузнецова", "Дарья")].map {
                try writer.insert(Student(classID: fiveA.id!, name: PersonName(lastName: $0, firstName: $1))).id!
            }
            let math = try writer.insert(Subject(name: "Математика", shortName: "Матем."))
            let group = try writer.insert(
                TeachingGroup(yearID: year, name: "5А", kind: .wholeClass, classID: fiveA.id))
            for student in students { try writer.insert(GroupMember(groupID: group.id!, studentID: student)) }
            let assignment = try writer.insert(
                TeachingAssignment(groupID: group.id!, subjectID: math.id!, teacherID: teacher.id!, hoursPerWeek: 5))
            let lesson = try writer.insert(
                Lesson(
                    assignmentID: assignment.id!, date: LocalDate("2026-11-16")!, number: 2, status: .held,
                    topic: "Дроби", taughtByID: teacher.id))
            let test = try writer.insert(
                Work(assignmentID: assignment.id!, lessonID: lesson.id, workType: "test", date: lesson.date))
            return FileSchool(
                directory: directory, path: path, service: service, students: students,
                assignment: assignment.id!, lesson: lesson.id!, test: test.id!)
        }
    }

    /// Closes the database, so that another process may have the file to itself.
    func close() throws { try service.database.close() }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// The path of another file in the school's directory.
    func file(_ name: String) -> String { directory.appendingPathComponent(name).path }
}
