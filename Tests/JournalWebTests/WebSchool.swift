import Foundation
import Hummingbird
import HummingbirdBcrypt
import JournalModel
import JournalRules
import JournalServer
import JournalService
import JournalStore

/// A small school for the teacher's pages: class 5А with three students taught mathematics by
/// Петрова (a lesson with a test and an answer, marked, and a lesson without a work), and 6Б
/// taught by Сидоров. Both teachers have accounts with a known password.
struct WebSchool {
    let service: JournalService
    let students: [Student]
    let assignment: TeachingAssignment
    let math: Subject
    let lesson: Lesson
    let plainLesson: Lesson
    /// Today's lesson, which another teacher may say they substitute.
    let todayLesson: Lesson
    let test: Work
    let answer: Work
    let otherAssignment: TeachingAssignment

    static let today = LocalDate("2026-11-20")!
    /// 2026-11-20 12:00 Moscow time.
    static let noon = Date(timeIntervalSince1970: 1_795_165_200)
    static let password = "Учитель-2026"
    static let teacherLogin = "petrova.m"
    static let otherTeacherLogin = "sidorov.p"
    /// The deputy head, who arranges substitutions.
    static let deputyLogin = "volkova.o"
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    static func make() async throws -> WebSchool {
        let service = JournalService(database: try JournalDatabase.inMemory(now: { WebSchool.noon }))
        try await service.initialize(
            schoolName: "Тестовая школа", rules: try RuleFiles.load(directory: rulesDirectory), today: today)
        let year = try await service.currentYear().id!
        let hash = Bcrypt.hash(password, cost: 4)
        return try await service.database.write(actor: .system("web fixture")) { writer in
            func staff(_ last: String, _ first: String) throws -> StaffID {
                try writer.insert(
                    Staff(name: PersonName(lastName: last, firstName: first), position: "учитель математики")
                ).id!
            }
            func account(_ login: String, _ staffID: StaffID, role: Role = .teacher) throws {
                let account = try writer.insert(
                    Account(
                        login: login, passwordHash: hash, mustChangePassword: false, owner: .staff(staffID),
                        createdAt: noon))
                try writer.insert(AccountRole(accountID: account.id!, role: role))
            }
            let petrova = try staff("Петрова", "Мария")
            let sidorov = try staff("Сидоров", "Павел")
            try account(teacherLogin, petrova)
            try account(otherTeacherLogin, sidorov)
            try account(deputyLogin, try staff("Волкова", "Ольга"), role: .management)
            let fiveA = try writer.insert(SchoolClass(yearID: year, grade: 5, letter: "А", classTeacherID: petrova))
            let sixB = try writer.insert(SchoolClass(yearID: year, grade: 6, letter: "Б", classTeacherID: sidorov))
            let students = try [("Иванова", "Анна"), ("Смирнов", "Олег"), ("Кузнецова", "Дарья")].map {
                try writer.insert(Student(classID: fiveA.id!, name: PersonName(lastName: $0, firstName: $1)))
            }
            let other = try writer.insert(
                Student(classID: sixB.id!, name: PersonName(lastName: "Орлов", firstName: "Иван")))
            let math = try writer.insert(Subject(name: "Математика", shortName: "Матем."))
            func assignment(_ name: String, _ classID: ClassID, _ members: [Student], _ teacher: StaffID) throws
                -> TeachingAssignment
            {
                let group = try writer.insert(
                    TeachingGroup(yearID: year, name: name, kind: .wholeClass, classID: classID))
                for student in members { try writer.insert(GroupMember(groupID: group.id!, studentID: student.id!)) }
                return try writer.insert(
                    TeachingAssignment(groupID: group.id!, subjectID: math.id!, teacherID: teacher, hoursPerWeek: 5))
            }
            let own = try assignment("5А", fiveA.id!, students, petrova)
            let otherAssignment = try assignment("6Б", sixB.id!, [other], sidorov)
            let lesson = try writer.insert(
                Lesson(
                    assignmentID: own.id!, date: LocalDate("2026-11-16")!, number: 2, status: .held, topic: "Дроби",
                    taughtByID: petrova))
            let plainLesson = try writer.insert(
                Lesson(assignmentID: own.id!, date: LocalDate("2026-11-18")!, number: 3))
            let todayLesson = try writer.insert(Lesson(assignmentID: own.id!, date: today, number: 4))
            let test = try writer.insert(
                Work(assignmentID: own.id!, lessonID: lesson.id, workType: "test", date: lesson.date))
            let answer = try writer.insert(
                Work(assignmentID: own.id!, lessonID: lesson.id, workType: "answer", date: lesson.date))
            // Иванова: 5 for the test (×3) and 3 for the answer (×1): 4.5, recommended 5.
            // Смирнов: 3 for the test: 3, recommended 3. Кузнецова was absent.
            for (work, student, value) in [(test, 0, "5"), (answer, 0, "3"), (test, 1, "3")] {
                try writer.insert(
                    Mark(workID: work.id!, studentID: students[student].id!, value: value, createdAt: noon))
            }
            try writer.insert(Attendance(lessonID: lesson.id!, studentID: students[2].id!, code: "Н"))
            return WebSchool(
                service: service, students: students, assignment: own, math: math, lesson: lesson,
                plainLesson: plainLesson, todayLesson: todayLesson, test: test, answer: answer,
                otherAssignment: otherAssignment)
        }
    }

    /// The application over this school, as the server builds it.
    func application() -> some ApplicationProtocol {
        buildApplication(service: service, configuration: ServerConfiguration())
    }
}
