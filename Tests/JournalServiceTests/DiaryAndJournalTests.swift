import Foundation
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("The diary week and the journal's use cases")
struct DiaryAndJournalTests {
    let caller = Caller.system("teacher at the console")

    @Test func diaryWeekShowsTopicsHomeworkMarksAbsencesAndChanges() async throws {
        let school = try await TestSchool.make()
        let service = school.service
        let anna = school.students[0].id!
        let lesson = try await service.updateLesson(
            school.lesson.id!,
            LessonChanges(version: school.lesson.version, material: "дроби с разными знаменателями", homework: "№ 245"),
            caller: caller)
        #expect(lesson.recordedAt != nil && lesson.homeworkSetAt != nil && lesson.version == school.lesson.version + 1)
        _ = try await service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna, value: "5", comment: "молодец"), caller: caller)
        _ = try await service.setAttendance(
            lesson: school.lesson.id!, student: school.students[1].id!, code: "Б", version: 0, caller: caller)
        _ = try await service.setAttendance(
            lesson: school.lesson.id!, student: anna, code: "ОП", version: 0, caller: caller)
        try await service.setIndividualHomework(
            lesson: school.lesson.id!, student: anna, text: "доклад о Пифагоре", caller: caller)
        let substitute = try await service.database.write(actor: caller.actor) { writer in
            try writer.insert(
                Staff(name: PersonName(lastName: "Орлова", firstName: "Вера"), position: "учитель математики"))
        }
        _ = try await service.recordSubstitution(
            lesson: school.lesson.id!, substitute: substitute.id, reason: "больничный", caller: caller)

        let week = try await service.diaryWeek(student: anna, week: LocalDate("2026-11-18")!, caller: caller)
        #expect(week.weekStart == LocalDate("2026-11-16") && week.days.count == 7)
        let monday = try #require(week.days.first)
        let entry = try #require(monday.lessons.first)
        #expect(entry.subject == "Математика" && entry.topic == "Дроби" && entry.homework == "№ 245")
        #expect(entry.material == "дроби с разными знаменателями")
        #expect(entry.individualHomework == ["доклад о Пифагоре"])
        #expect(
            entry.marks.map(\.value) == ["5"] && entry.marks[0].weight == 3
                && entry.marks[0].workTypeTitle == "Контрольная работа")
        #expect(entry.marks[0].comment == "молодец")
        #expect(entry.attendance?.code == "ОП" && entry.attendance?.title == "опоздал")
        #expect(entry.changes.map(\.kind) == [.substitution] && entry.changes[0].substitute == "Орлова В.")
        #expect(entry.teacher == "Орлова В.")
        #expect(entry.startsAt == LocalTime("09:25"))
        // Another student's diary shows neither Anna's mark, homework nor lateness.
        let oleg = try await service.diaryWeek(
            student: school.students[1].id!, week: LocalDate("2026-11-18")!, caller: caller)
        let olegs = try #require(oleg.days.first?.lessons.first)
        #expect(olegs.marks.isEmpty && olegs.individualHomework.isEmpty && olegs.attendance?.code == "Б")
    }

    @Test func attendanceIsClearedAndCodesAreChecked() async throws {
        let school = try await TestSchool.make()
        let anna = school.students[0].id!
        let absent = try await school.service.setAttendance(
            lesson: school.lesson.id!, student: anna, code: "Н", version: 0, caller: caller)
        #expect(
            try await school.service.setAttendance(
                lesson: school.lesson.id!, student: anna, code: nil, version: absent?.version, caller: caller)
                == nil)
        await #expect {
            try await school.service.setAttendance(
                lesson: school.lesson.id!, student: anna, code: "X", version: 0, caller: caller)
        } throws: { "\($0)".contains("use Н, Б, УП, ОП") }
        #expect(try await school.service.database.read { try $0.count("attendance") } == 0)
    }

    @Test func marksAndAttendanceWaitForTheLessonsDay() async throws {
        let school = try await TestSchool.make()
        let anna = school.students[0].id!
        let tomorrow = try await school.service.database.write(actor: caller.actor) { writer in
            try writer.insert(
                Lesson(assignmentID: school.assignment.id!, date: TestSchool.today.adding(days: 1), number: 1))
        }
        let work = try await school.service.createWork(
            assignment: school.assignment.id!, lesson: tomorrow.id, workType: "test", title: "К-2", date: nil,
            caller: caller)
        await #expect {
            try await school.service.postMark(MarkDraft(workID: work.id!, studentID: anna, value: "5"), caller: caller)
        } throws: { "\($0)".contains("has not come yet") }
        await #expect {
            try await school.service.setAttendance(
                lesson: tomorrow.id!, student: anna, code: "Н", version: 0, caller: caller)
        } throws: { "\($0)".contains("has not taken place yet") }
        #expect(try await school.service.database.read { try $0.count("mark") + $0.count("attendance") } == 0)
        // A work of an earlier day takes marks.
        _ = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna, value: "5"), caller: caller)
    }

    @Test func staleLessonEditIsRefused() async throws {
        let school = try await TestSchool.make()
        _ = try await school.service.updateLesson(
            school.lesson.id!, LessonChanges(version: 1, topic: "A"), caller: caller)
        await #expect(throws: JournalError.self) {
            try await school.service.updateLesson(
                school.lesson.id!, LessonChanges(version: 1, topic: "B"), caller: caller)
        }
        #expect(try await school.service.database.read { try $0.lesson(school.lesson.id!)?.topic } == "A")
    }

    @Test func worksNeedAKnownTypeAndTheirAssignmentsLesson() async throws {
        let school = try await TestSchool.make()
        await #expect {
            try await school.service.createWork(
                assignment: school.assignment.id!, lesson: school.lesson.id, workType: "essay", title: nil, date: nil,
                caller: caller)
        } throws: { "\($0)".contains("use answer, homework") }
        let work = try await school.service.createWork(
            assignment: school.assignment.id!, lesson: school.lesson.id, workType: "independent", title: "С-3",
            date: nil, caller: caller)
        #expect(work.date == school.lesson.date && work.title == "С-3")
    }

    @Test func journalGridHasStudentsLessonsMarksAndRecommendations() async throws {
        let school = try await TestSchool.make()
        let anna = school.students[0].id!
        _ = try await school.service.postMark(
            MarkDraft(workID: school.test.id!, studentID: anna, value: "5"), caller: caller)
        let grid = try await school.service.journalGrid(assignment: school.assignment.id!, period: "q2", caller: caller)
        #expect(grid.students.map(\.name) == ["Иванова Анна", "Кузнецова Дарья", "Смирнов Олег"])
        #expect(grid.lessons.count == 1 && grid.works.count == 2 && grid.marks.count == 1)
        #expect(grid.standings.first { $0.studentID == anna }?.recommended == "5")
        #expect(grid.scaleValues.prefix(5) == ["5", "4", "3", "2", "1"])
    }
}
