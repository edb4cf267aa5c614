import Foundation
import Hummingbird
import HummingbirdTesting
import JournalTestSupport
import Testing

/// A subject teacher sees their own subject's marks and their own lessons' attendance of a
/// student; the class teacher and the family see everything (issue 9, item 6: a literature
/// teacher used to read all fifteen subjects, illness codes included).
@Suite("What a subject teacher sees of a student")
struct SubjectTeacherTests {
    struct Marks: Decodable {
        struct Subject: Decodable { var subjectName: String }
        var subjects: [Subject]
    }

    struct Attendance: Decodable {
        struct Record: Decodable {
            var subject: String
            var code: String
        }
        var lessons: Int
        var records: [Record]
    }

    @Test func aSubjectTeacherReadsOnlyTheirSubjectOfAStudentOfAnotherClass() async throws {
        let school = try await TestSchool.shared
        let student = school.taughtElsewhere.student
        try await school.application().test(.router) { client in
            let marks = try await client.send(
                .get, "/api/v1/students/\(student)/marks?period=q2", token: school.token(.teacher))
            #expect(marks.status == .ok, "\(marks.text)")
            #expect(try marks.decode(Marks.self).subjects.map(\.subjectName) == ["Информатика"])
            let attendance = try await client.send(
                .get, "/api/v1/students/\(student)/attendance?period=q2", token: school.token(.teacher))
            #expect(attendance.status == .ok, "\(attendance.text)")
            let summary = try attendance.decode(Attendance.self)
            #expect(
                summary.records.map(\.subject) == ["Информатика"],
                "the absence in T2's mathematics is not T1's to see")
            #expect(summary.lessons == 1, "only T1's own informatics lessons count")

            // Management sees both subjects and the illness code.
            let all = try await client.send(
                .get, "/api/v1/students/\(student)/marks?period=q2", token: school.token(.management))
            #expect(Set(try all.decode(Marks.self).subjects.map(\.subjectName)) == ["Информатика", "Математика"])
            let absences = try await client.send(
                .get, "/api/v1/students/\(student)/attendance?period=q2", token: school.token(.management))
            #expect(Set(try absences.decode(Attendance.self).records.map(\.code)) == ["Б", "ОП"])
        }
    }

    @Test func theClassTeacherReadsEverySubjectOfTheirClass() async throws {
        let school = try await TestSchool.shared
        try await school.application().test(.router) { client in
            // S1 of 5А, T1's class: mathematics (T1's) and Russian (T2's) both show.
            let marks = try await client.send(
                .get, "/api/v1/students/\(school.own.student)/marks?period=q2", token: school.token(.teacher))
            #expect(Set(try marks.decode(Marks.self).subjects.map(\.subjectName)) == ["Математика", "Русский язык"])
        }
    }
}
