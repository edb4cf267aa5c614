import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Staff change the day's timetable (R5, R6): a cancelled lesson, a move, a room change; the
/// family's week shows each with what it was before; clashes and holidays are refused.
@Suite("Timetable changes kept by staff")
struct TimetableChangesTests {
    let deputy = Caller.system("завуч")

    /// 5А's mathematics on Monday 23 November, lesson 3, in room 21; and Russian in 5А with
    /// another teacher on Tuesday 24 November, lesson 2, in room 14.
    func school() async throws -> (TestSchool, Lesson, Lesson) {
        let school = try await TestSchool.make()
        let year = try await school.service.currentYear()
        let (math, russian) = try await school.service.database.write(actor: .system("test fixture")) { writer in
            let math = try writer.insert(
                Lesson(assignmentID: school.assignment.id!, date: LocalDate("2026-11-23")!, number: 3, room: "21"))
            let teacher = try writer.insert(
                Staff(name: PersonName(lastName: "Сидоров", firstName: "Павел"), position: "учитель русского языка"))
            let subject = try writer.insert(Subject(name: "Русский язык", shortName: "Рус."))
            let assignment = try writer.insert(
                TeachingAssignment(
                    groupID: school.assignment.groupID, subjectID: subject.id!, teacherID: teacher.id!,
                    hoursPerWeek: 4))
            let russian = try writer.insert(
                Lesson(assignmentID: assignment.id!, date: LocalDate("2026-11-24")!, number: 2, room: "14"))
            _ = year
            return (math, russian)
        }
        return (school, math, russian)
    }

    func weekLesson(_ school: TestSchool, _ id: LessonID) async throws -> DiaryLesson? {
        let week = try await school.service.diaryWeek(
            student: school.students[0].id!, week: LocalDate("2026-11-23")!, caller: .system("family"))
        return week.days.flatMap(\.lessons).first { $0.lessonID == id }
    }

    @Test func aCancelledLessonIsSeenCancelledWithItsReasonAndCanBeMovedLater() async throws {
        let (school, math, _) = try await school()
        await #expect { try await school.service.cancelLesson(math.id!, reason: " ", caller: deputy) } throws: {
            "\($0)".contains("say why")
        }
        let cancelled = try await school.service.cancelLesson(math.id!, reason: "учитель на курсах", caller: deputy)
        #expect(cancelled.status == .cancelled)
        let seen = try #require(try await weekLesson(school, math.id!))
        #expect(seen.status == .cancelled)
        #expect(seen.changes.map(\.kind) == [.cancellation] && seen.changes.first?.reason == "учитель на курсах")

        // The move the cancellation talks about: scheduled again on Friday, where it was shown.
        let moved = try await school.service.moveLesson(
            math.id!, to: LocalDate("2026-11-27")!, number: 5, reason: "перенос после курсов", caller: deputy)
        #expect(moved.status == .scheduled && moved.date == LocalDate("2026-11-27")! && moved.number == 5)
        let after = try #require(try await weekLesson(school, math.id!))
        let move = try #require(after.changes.first { $0.kind == .move })
        #expect(move.previousDate == LocalDate("2026-11-23")! && move.previousNumber == 3)
    }

    @Test func aRoomChangeShowsTheRoomBefore() async throws {
        let (school, math, _) = try await school()
        let changed = try await school.service.changeRoom(math.id!, to: "Актовый зал", reason: nil, caller: deputy)
        #expect(changed.room == "Актовый зал")
        let seen = try #require(try await weekLesson(school, math.id!))
        #expect(seen.room == "Актовый зал")
        #expect(seen.changes.first { $0.kind == .roomChange }?.previousRoom == "21")
    }

    @Test func clashesAreRefusedNamingWhatIsBusy() async throws {
        let (school, math, russian) = try await school()
        // The class has Russian on Tuesday, lesson 2.
        await #expect {
            try await school.service.moveLesson(
                math.id!, to: LocalDate("2026-11-24")!, number: 2, reason: "перенос", caller: deputy)
        } throws: { ($0 as? TimetableClash)?.resource == .group && "\($0)".contains("Русский язык, 5А") }
        // Mathematics moves to Tuesday's lesson 4, in room 21; Russian moves into room 21 at its
        // own lesson 2 (no clash), and then cannot follow into lesson 4: room 21 is taken.
        _ = try await school.service.moveLesson(
            math.id!, to: LocalDate("2026-11-24")!, number: 4, reason: "перенос", caller: deputy)
        _ = try await school.service.changeRoom(russian.id!, to: "21", reason: "ремонт в 14", caller: deputy)
        await #expect {
            try await school.service.moveLesson(
                russian.id!, to: LocalDate("2026-11-24")!, number: 4, reason: "перенос", caller: deputy)
        } throws: { ($0 as? TimetableClash)?.resource == .room && "\($0)".contains("Математика, 5А") }
        // The teacher of mathematics is busy on Tuesday's lesson 4 too: another of her lessons
        // cannot go there, whatever the room.
        let second = try await school.service.database.write(actor: .system("test fixture")) { writer in
            try writer.insert(
                Lesson(assignmentID: school.assignment.id!, date: LocalDate("2026-11-25")!, number: 1, room: "30"))
        }
        await #expect {
            try await school.service.moveLesson(
                second.id!, to: LocalDate("2026-11-24")!, number: 4, reason: "перенос", caller: deputy)
        } throws: { ($0 as? TimetableClash)?.resource == .teacher && "\($0)".contains("Петрова") }
        // Nothing half-written: the lessons are where the refused changes found them.
        let seen = try #require(try await weekLesson(school, russian.id!))
        #expect(seen.number == 2 && seen.room == "21")
    }

    @Test func aMoveIntoAHolidayOrAClosedPeriodOrOfARecordedLessonIsRefused() async throws {
        let (school, math, _) = try await school()
        await #expect {
            try await school.service.moveLesson(
                math.id!, to: LocalDate("2026-12-30")!, number: 3, reason: "перенос", caller: deputy)
        } throws: { "\($0)".contains("is not a school day for grade 5: Зимние каникулы") }
        await #expect {
            try await school.service.moveLesson(
                math.id!, to: LocalDate("2026-10-20")!, number: 3, reason: "перенос", caller: deputy)
        } throws: { $0 is PeriodClosed }
        await #expect {
            try await school.service.moveLesson(
                school.lesson.id!, to: LocalDate("2026-11-25")!, number: 3, reason: "перенос", caller: deputy)
        } throws: { "\($0)".contains("has a record, so it took place") }
        await #expect {
            try await school.service.cancelLesson(school.lesson.id!, reason: "нет", caller: deputy)
        } throws: { "\($0)".contains("has a record") }
    }

    /// Generating the year's lessons again (after a timetable import) fills empty slots only:
    /// never the slot a lesson was moved away from.
    @Test func aMovedLessonsSlotIsNotFilledAgainByTheTimetable() async throws {
        let school = try await TestSchool.make([.timetable])
        let generated = try await school.service.generateLessons(caller: deputy)
        #expect(generated > 0)
        let monday = try #require(
            try await school.service.database.read { reader in
                try reader.lessons(
                    assignments: [school.assignment.id!],
                    range: DateRange(start: LocalDate("2026-11-23")!, end: LocalDate("2026-11-23")!))
            }.first)
        _ = try await school.service.moveLesson(
            monday.id!, to: LocalDate("2026-11-24")!, number: 6, reason: "олимпиада", caller: deputy)
        #expect(try await school.service.generateLessons(caller: deputy) == 0)
        let left = try await school.service.database.read { reader in
            try reader.lessons(
                assignments: [school.assignment.id!],
                range: DateRange(start: LocalDate("2026-11-23")!, end: LocalDate("2026-11-23")!))
        }
        #expect(left.isEmpty, "the slot the lesson left stays empty")
    }

    /// 5А's English in two subgroups on Wednesday 25 November, lesson 4: Иванова's 5А-1 in
    /// room 31 (Анна) and Орлова's 5А-2 in room 32 (Олег and Дарья).
    func englishSubgroups(_ school: TestSchool) async throws -> (first: Lesson, second: Lesson, ivanova: Staff) {
        try await school.build { builder in
            let schoolClass = try #require(try builder.writer.reader.schoolClass(school.students[0].classID))
            let english = try builder.subject("Английский язык", short: "Англ.")
            let ivanova = try builder.staff(
                PersonName(lastName: "Иванова", firstName: "Анна"), position: "учитель английского языка")
            let orlova = try builder.staff(
                PersonName(lastName: "Орлова", firstName: "Вера"), position: "учитель английского языка")
            let first = try builder.group("5А-1", of: schoolClass, .subgroup, members: [school.students[0]])
            let second = try builder.group("5А-2", of: schoolClass, .subgroup, members: Array(school.students[1...]))
            let firstLesson = try builder.lesson(
                try builder.assignment(english, to: first, by: ivanova, hoursPerWeek: 3), on: "2026-11-25", number: 4)
            let secondLesson = try builder.lesson(
                try builder.assignment(english, to: second, by: orlova, hoursPerWeek: 3), on: "2026-11-25", number: 4)
            var rooms = (firstLesson, secondLesson)
            rooms.0.room = "31"
            rooms.1.room = "32"
            return (try builder.writer.update(rooms.0), try builder.writer.update(rooms.1), ivanova)
        }
    }

    @Test func mergedGroupsAreGivenByOneTeacherAndTheFamilySeesWhichGroupTheyJoin() async throws {
        let school = try await TestSchool.make()
        let (first, second, ivanova) = try await englishSubgroups(school)
        let merged = try await school.service.mergeLesson(
            second.id!, into: first.id!, reason: "Орлова на курсах", caller: deputy)
        #expect(merged.taughtByID == ivanova.id && merged.room == "31")

        // Олег (5А-2) sees his English with 5А-1, Иванова, in room 31, and the room before.
        let week = try await school.service.diaryWeek(
            student: school.students[1].id!, week: LocalDate("2026-11-23")!, caller: .system("family"))
        let seen = try #require(week.days.flatMap(\.lessons).first { $0.lessonID == second.id })
        #expect(seen.teacher == "Иванова А." && seen.room == "31")
        let change = try #require(seen.changes.first { $0.kind == .merge })
        #expect(change.joins == "5А-1" && change.substitute == "Иванова А." && change.previousRoom == "32")
        #expect(change.reason == "Орлова на курсах")
        // Иванова keeps the merged lesson's record as a substitute does.
        let substitutions = try await school.service.database.read { try $0.substitutions(staff: ivanova.id!) }
        #expect(substitutions[second.id!] == LocalDate("2026-11-25")!)
        // Merged lessons are given together: neither moves, is cancelled or changes room alone.
        await #expect {
            try await school.service.moveLesson(
                first.id!, to: LocalDate("2026-11-26")!, number: 4, reason: "перенос", caller: deputy)
        } throws: { "\($0)".contains("merged with another group's") }
        await #expect {
            try await school.service.cancelLesson(second.id!, reason: "болезнь", caller: deputy)
        } throws: { "\($0)".contains("merged with another group's") }
        await #expect {
            try await school.service.changeRoom(first.id!, to: "40", reason: nil, caller: deputy)
        } throws: { "\($0)".contains("merged with another group's") }
    }

    @Test func aMergeOfAnotherSlotTheSameGroupOrTwiceIsRefused() async throws {
        let school = try await TestSchool.make()
        let (first, second, _) = try await englishSubgroups(school)
        await #expect {
            try await school.service.mergeLesson(second.id!, into: school.lesson.id!, reason: "курсы", caller: deputy)
        } throws: { "\($0)".contains("only with one of the same day and number: 2026-11-25, lesson 4") }
        await #expect {
            try await school.service.mergeLesson(second.id!, into: second.id!, reason: "курсы", caller: deputy)
        } throws: { "\($0)".contains("different groups") }
        await #expect {
            try await school.service.mergeLesson(second.id!, into: first.id!, reason: " ", caller: deputy)
        } throws: { "\($0)".contains("say why") }
        _ = try await school.service.mergeLesson(second.id!, into: first.id!, reason: "курсы", caller: deputy)
        await #expect {
            try await school.service.mergeLesson(first.id!, into: second.id!, reason: "курсы", caller: deputy)
        } throws: { "\($0)".contains("already merged") }
        let changes = try await school.service.database.read {
            try $0.timetableChanges(lessons: [first.id!, second.id!])
        }
        #expect(changes.map(\.kind) == [.merge])
    }
}
