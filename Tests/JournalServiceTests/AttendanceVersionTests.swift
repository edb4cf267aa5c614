import Foundation
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Attendance is versioned like marks and lessons: of two teachers editing the same student's
/// attendance at once, the second is refused with what the first recorded instead of silently
/// replacing it.
@Suite struct AttendanceVersionTests {
    let grid = Caller.system("the grid")
    let form = Caller.system("the lesson page")

    @Test func theSecondOfTwoConcurrentEditsIsRefusedWithTheCurrentValue() async throws {
        let school = try await TestSchool.make()
        let (lesson, anna) = (school.lesson.id!, school.students[0].id!)
        // Both read Анна present (no record: version 0); the grid saves first.
        let first = try await school.service.setAttendance(
            lesson: lesson, student: anna, code: "Б", version: 0, caller: grid)
        await #expect {
            try await school.service.setAttendance(lesson: lesson, student: anna, code: "Н", version: 0, caller: form)
        } throws: { error in
            guard case JournalError.conflict(_, _, let current) = error else { return false }
            return current.contains(#""code":"Б""#) && current.contains(#""version":\#(first!.version)"#)
        }
        let kept = try await school.service.database.read { try $0.attendance(lesson: lesson, student: anna) }
        #expect(kept?.code == "Б")
        // With the version it now has, the change goes through and the version moves on.
        let second = try await school.service.setAttendance(
            lesson: lesson, student: anna, code: "Н", version: first!.version, caller: form)
        #expect(second?.code == "Н" && second!.version == first!.version + 1)
    }

    @Test func aClearedAndRecordedAgainCodeIsNotTakenForTheOneReadBefore() async throws {
        let school = try await TestSchool.make()
        let (lesson, oleg) = (school.lesson.id!, school.students[1].id!)
        let read = try #require(
            try await school.service.setAttendance(lesson: lesson, student: oleg, code: "Н", version: 0, caller: grid))
        // Meanwhile someone clears it and someone else records «ill»: a new record.
        _ = try await school.service.setAttendance(
            lesson: lesson, student: oleg, code: nil, version: read.version, caller: grid)
        let ill = try #require(
            try await school.service.setAttendance(lesson: lesson, student: oleg, code: "Б", version: 0, caller: grid))
        #expect(ill.version != read.version, "a new record never repeats an earlier record's version")
        // The page that read «absent» at its version may not replace «ill».
        await #expect(throws: JournalError.self) {
            try await school.service.setAttendance(
                lesson: lesson, student: oleg, code: "УП", version: read.version, caller: form)
        }
        // Nor may a page that read the student present once the code was recorded.
        await #expect(throws: JournalError.self) {
            try await school.service.setAttendance(lesson: lesson, student: oleg, code: nil, version: 0, caller: form)
        }
        let kept = try await school.service.database.read { try $0.attendance(lesson: lesson, student: oleg) }
        #expect(kept?.code == "Б")
    }

    @Test func aWriteWithoutAVersionIsTakenOnlyWhereItUndoesNobodysChange() async throws {
        let school = try await TestSchool.make()
        let (lesson, darya) = (school.lesson.id!, school.students[2].id!)
        // Nothing recorded: an older client records a code.
        let late = try await school.service.setAttendance(
            lesson: lesson, student: darya, code: "ОП", version: nil, caller: grid)
        #expect(late?.code == "ОП")
        // The same code again changes nothing and is answered with the record.
        let same = try await school.service.setAttendance(
            lesson: lesson, student: darya, code: "ОП", version: nil, caller: form)
        #expect(same?.version == late?.version)
        // Replacing or clearing a recorded code needs the version it was read at.
        for code in ["Н", nil] as [String?] {
            await #expect(throws: JournalError.self) {
                try await school.service.setAttendance(
                    lesson: lesson, student: darya, code: code, version: nil, caller: form)
            }
        }
        let kept = try await school.service.database.read { try $0.attendance(lesson: lesson, student: darya) }
        #expect(kept?.code == "ОП")
    }

    @Test func theLessonRecordGivesEachStudentsAttendanceVersion() async throws {
        let school = try await TestSchool.make()
        let (lesson, anna) = (school.lesson.id!, school.students[0].id!)
        let recorded = try await school.service.setAttendance(
            lesson: lesson, student: anna, code: "Н", version: 0, caller: grid)
        let record = try await school.service.lessonRecord(lesson, caller: grid)
        let versions = Dictionary(uniqueKeysWithValues: record.students.map { ($0.id, $0.attendanceVersion) })
        #expect(versions[anna] == recorded?.version)
        #expect(versions[school.students[1].id!] == 0)
    }
}
