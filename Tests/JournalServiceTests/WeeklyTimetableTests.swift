import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Staff keep the weekly timetable (R5): a line added from a day schedules its lessons to the
/// year's end, a change from a day moves only the lessons from that day, lessons in use hold
/// the line, clashes and closed periods are refused, and the bells are checked.
@Suite("The weekly timetable kept by staff")
struct WeeklyTimetableTests {
    let deputy = Caller.system("завуч")

    func lessons(_ school: TestSchool, from: String = "2026-09-01") async throws -> [Lesson] {
        try await school.service.database.read { reader in
            try reader.lessons(
                assignments: [school.assignment.id!],
                range: DateRange(start: LocalDate(from)!, end: LocalDate("2027-05-31")!))
        }
    }

    /// Another teacher's Russian for 5А.
    func russian(_ school: TestSchool) async throws -> TeachingAssignment {
        try await school.build { builder in
            let teacher = try builder.staff(
                PersonName(lastName: "Сидоров", firstName: "Павел"), position: "учитель русского языка")
            let subject = try builder.subject("Русский язык", short: "Рус.")
            let group = try #require(try builder.writer.reader.group(school.assignment.groupID))
            return try builder.assignment(subject, to: group, by: teacher, hoursPerWeek: 4)
        }
    }

    @Test func aLineAddedFromADayHasItsLessonsOnEverySchoolDayToTheYearsEnd() async throws {
        let school = try await TestSchool.make()
        let line = try await school.service.addTimetableLine(
            assignment: school.assignment.id!, weekday: 3, lessonNumber: 6, room: " 12 ",
            from: LocalDate("2026-12-07")!, caller: deputy)
        let year = try await school.service.currentYear()
        #expect(line.room == "12" && line.validFrom == LocalDate("2026-12-07")! && line.validTo == year.endsOn)
        let lessons = try await lessons(school).filter { $0.number == 6 }
        #expect(lessons.first?.date == LocalDate("2026-12-09")!)
        #expect(lessons.allSatisfy { $0.date.weekday == 3 && $0.number == 6 && $0.room == "12" })
        // Winter holidays (29.12–08.01) and spring holidays (22.03–29.03) have no lessons.
        #expect(!lessons.contains { $0.date == LocalDate("2026-12-30")! || $0.date == LocalDate("2027-03-24")! })
        #expect(lessons.contains { $0.date == LocalDate("2027-05-26")! })

        // The family sees the line in the week it holds, not before.
        func slots(_ week: String) async throws -> [TimetableSlot] {
            try await school.service.studentTimetable(
                student: school.students[0].id!, week: LocalDate(week)!, caller: .system("family")
            ).entries
        }
        #expect(try await slots("2026-12-07").contains { $0.weekday == 3 && $0.number == 6 && $0.room == "12" })
        #expect(try await slots("2026-11-30").isEmpty)

        // Staff read the class's timetable.
        let timetable = try await school.service.weeklyTimetable(
            className: "5А", from: LocalDate("2026-12-01")!, caller: deputy)
        #expect(timetable.lines.map(\.entry.id) == [line.id])
        #expect(timetable.lines.first?.subject == "Математика")
        #expect(timetable.assignments.map(\.id) == [school.assignment.id!])
    }

    @Test func aChangeFromADayMovesTheLessonsFromThatDayAndKeepsThoseBefore() async throws {
        let school = try await TestSchool.make()
        let line = try await school.service.addTimetableLine(
            assignment: school.assignment.id!, weekday: 3, lessonNumber: 6, room: "12",
            from: LocalDate("2026-11-20")!, caller: deputy)
        let before = try await lessons(school)
        // The past stays as it was: a line changes from today on.
        await #expect {
            try await school.service.changeTimetableLine(
                line.id!, TimetableLineChange(weekday: 4, from: LocalDate("2026-11-19")!), caller: deputy)
        } throws: { "\($0)".contains("past lessons stay as they were") }
        let changed = try await school.service.changeTimetableLine(
            line.id!, TimetableLineChange(weekday: 4, lessonNumber: 2, from: LocalDate("2026-12-14")!),
            caller: deputy)
        #expect(changed.weekday == 4 && changed.lessonNumber == 2 && changed.room == "12")
        #expect(changed.validFrom == LocalDate("2026-12-14")! && changed.validTo == line.validTo)

        let after = try await lessons(school)
        let kept = before.filter { $0.date < LocalDate("2026-12-14")! }
        #expect(after.filter { $0.date < LocalDate("2026-12-14")! } == kept)
        let moved = after.filter { $0.date >= LocalDate("2026-12-14")! }
        #expect(!moved.isEmpty && moved.allSatisfy { $0.date.weekday == 4 && $0.number == 2 })
        #expect(moved.first?.date == LocalDate("2026-12-17")!)

        // The family reads the change in the weeks before it, with the place before.
        let news = try await school.service.studentTimetable(
            student: school.students[0].id!, week: LocalDate("2026-12-07")!, caller: .system("family")
        ).lineChanges
        #expect(
            news == [
                TimetableLineNews(
                    from: LocalDate("2026-12-14")!, subject: "Математика",
                    before: .init(weekday: 3, number: 6, room: "12"),
                    after: .init(weekday: 4, number: 2, room: "12"))
            ])
        let lines = try await school.service.database.read { try $0.timetable() }
        #expect(lines.count == 2)
        #expect(lines.first { $0.id == line.id }?.validTo == LocalDate("2026-12-13")!)

        // The history tells who changed the timetable.
        let history = try await school.service.history(HistoryQuery(kind: "timetable"), caller: deputy)
        #expect(history.contains { $0.recordID == line.id!.rawValue && $0.action == "update" })
        #expect(history.contains { $0.recordID == changed.id!.rawValue && $0.action == "insert" })
    }

    @Test func aLessonInUseHoldsTheLineAndNothingChanges() async throws {
        let school = try await TestSchool.make()
        let line = try await school.service.addTimetableLine(
            assignment: school.assignment.id!, weekday: 3, lessonNumber: 6, room: "12",
            from: LocalDate("2026-12-01")!, caller: deputy)
        // Homework is set ahead for Wednesday 16 December.
        try await school.service.database.write(actor: .system("test")) { writer in
            let reader = writer.reader
            var lesson = try #require(
                try reader.lessons(on: LocalDate("2026-12-16")!, number: 6).first {
                    $0.assignmentID == school.assignment.id!
                })
            lesson.homework = "№ 12"
            try writer.update(lesson)
        }
        let lessons = try await lessons(school)
        await #expect {
            try await school.service.changeTimetableLine(
                line.id!, TimetableLineChange(lessonNumber: 2, from: LocalDate("2026-12-07")!), caller: deputy)
        } throws: { "\($0)".contains("1, the first on 2026-12-16") }
        await #expect {
            try await school.service.endTimetableLine(line.id!, from: LocalDate("2026-12-07")!, caller: deputy)
        } throws: { "\($0)".contains("2026-12-16") }
        #expect(try await self.lessons(school) == lessons)
        #expect(try await school.service.database.read { try $0.timetable() } == [line])

        // From the day after, the line changes.
        try await school.service.endTimetableLine(line.id!, from: LocalDate("2026-12-17")!, caller: deputy)
        #expect(try await self.lessons(school).last?.date == LocalDate("2026-12-16")!)
    }

    @Test func clashesOfTeacherRoomAndGroupAreRefused() async throws {
        let school = try await TestSchool.make()
        let russian = try await russian(school)
        _ = try await school.service.addTimetableLine(
            assignment: school.assignment.id!, weekday: 1, lessonNumber: 3, room: "21",
            from: LocalDate("2026-12-01")!, caller: deputy)
        // The class is busy on Monday, lesson 3, with mathematics.
        await #expect {
            try await school.service.addTimetableLine(
                assignment: russian.id!, weekday: 1, lessonNumber: 3, room: "14", from: LocalDate("2026-12-14")!,
                caller: deputy)
        } throws: { ($0 as? TimetableClash)?.resource == .group && "\($0)".contains("Математика, 5А") }
        // The teacher cannot give two lessons at once (another group of 6Б would clash the same way).
        await #expect {
            try await school.service.addTimetableLine(
                assignment: school.assignment.id!, weekday: 1, lessonNumber: 3, room: "22",
                from: LocalDate("2026-12-01")!, caller: deputy)
        } throws: { ($0 as? TimetableClash)?.resource == .teacher }
        // A lesson moved by hand into the slot is busy too.
        let line = try await school.service.addTimetableLine(
            assignment: russian.id!, weekday: 2, lessonNumber: 1, room: "14", from: LocalDate("2026-12-01")!,
            caller: deputy)
        await #expect {
            try await school.service.changeTimetableLine(
                line.id!, TimetableLineChange(weekday: 1, lessonNumber: 3, from: LocalDate("2026-12-07")!),
                caller: deputy)
        } throws: { ($0 as? TimetableClash)?.resource == .group }
        // Nothing was half-written: one line each.
        #expect(try await school.service.database.read { try $0.timetable() }.count == 2)

        // Two subgroups of different splits that share Анна cannot meet at once either.
        let (english, informatics) = try await school.build { builder in
            let schoolClass = try #require(try builder.writer.reader.schoolClass(school.students[0].classID))
            let english = try builder.group("5А англ-1", of: schoolClass, .subgroup, members: [school.students[0]])
            let informatics = try builder.group(
                "5А инф-1", of: schoolClass, .subgroup, members: Array(school.students.prefix(2)))
            let teacher = try builder.staff(PersonName(lastName: "Орлова", firstName: "Вера"), position: "учитель")
            let other = try builder.staff(PersonName(lastName: "Козлов", firstName: "Иван"), position: "учитель")
            return (
                try builder.assignment(
                    try builder.subject("Английский язык", short: "Англ."), to: english, by: teacher, hoursPerWeek: 2),
                try builder.assignment(
                    try builder.subject("Информатика", short: "Инф."), to: informatics, by: other, hoursPerWeek: 1)
            )
        }
        _ = try await school.service.addTimetableLine(
            assignment: english.id!, weekday: 4, lessonNumber: 5, room: "31", from: LocalDate("2026-12-01")!,
            caller: deputy)
        await #expect {
            try await school.service.addTimetableLine(
                assignment: informatics.id!, weekday: 4, lessonNumber: 5, room: "32", from: LocalDate("2026-12-01")!,
                caller: deputy)
        } throws: { ($0 as? TimetableClash)?.resource == .group }
    }

    @Test func badInputIsRefusedWithWhatIsAccepted() async throws {
        let school = try await TestSchool.make()
        let fixtureLessons = try await lessons(school)
        func add(weekday: Int = 1, number: Int = 3, room: String? = nil, from: String = "2026-12-01") async throws {
            _ = try await school.service.addTimetableLine(
                assignment: school.assignment.id!, weekday: weekday, lessonNumber: number, room: room,
                from: LocalDate(from)!, caller: deputy)
        }
        await #expect { try await add(weekday: 7) } throws: { "\($0)".contains("from 1 (Monday) to 6 (Saturday)") }
        await #expect { try await add(number: 13) } throws: { "\($0)".contains("from 0 to 12") }
        await #expect { try await add(room: String(repeating: "к", count: 21)) } throws: {
            "\($0)".contains("at most 20")
        }
        let yearEnd = try await school.service.currentYear().endsOn
        await #expect { try await add(from: yearEnd.adding(days: 1).description) } throws: {
            "\($0)".contains("after the end of the school year")
        }
        // A day of the first quarter, closed on 27 October: the past is not rewritten.
        await #expect { try await add(from: "2026-10-05") } throws: {
            "\($0)".contains("past lessons stay as they were")
        }
        await #expect { try await add(number: 12) } throws: { "\($0)".contains("lesson 12 has no bell") }
        await #expect {
            _ = try await school.service.addTimetableLine(
                assignment: AssignmentID(999), weekday: 1, lessonNumber: 3, room: nil, from: LocalDate("2026-12-01")!,
                caller: deputy)
        } throws: { "\($0)".contains("999") }
        #expect(try await school.service.database.read { try $0.timetable() }.isEmpty)
        #expect(try await lessons(school) == fixtureLessons)
    }

    @Test func aTeacherCannotChangeTheTimetable() async throws {
        let school = try await TestSchool.make()
        let teacher = Caller.person(
            AccessSubject(
                accountID: AccountID(900), displayName: "Петрова М. И.", roles: [.teacher],
                staffID: school.teacher.id, assignments: [school.assignment.id!], groups: [school.assignment.groupID],
                taughtStudents: Set(school.students.compactMap(\.id)), today: TestSchool.today))
        await #expect(throws: AccessDenied.self) {
            _ = try await school.service.addTimetableLine(
                assignment: school.assignment.id!, weekday: 1, lessonNumber: 3, room: nil,
                from: LocalDate("2026-12-01")!, caller: teacher)
        }
        await #expect(throws: AccessDenied.self) {
            _ = try await school.service.setBells([], caller: teacher)
        }
        // The teacher reads the class's timetable.
        _ = try await school.service.weeklyTimetable(className: "5А", from: nil, caller: teacher)
    }

    @Test func bellsAreCheckedAndKeepTheLessonsTheTimetableUses() async throws {
        let school = try await TestSchool.make()
        func bell(_ number: Int, _ start: String, _ end: String) -> Bell {
            Bell(number: number, startsAt: LocalTime(start)!, endsAt: LocalTime(end)!)
        }
        let bells = [bell(1, "08:00", "08:40"), bell(2, "08:50", "09:30"), bell(3, "09:45", "10:25")]
        #expect(try await school.service.setBells(bells, caller: deputy) == bells)

        await #expect { try await school.service.setBells([], caller: deputy) } throws: {
            "\($0)".contains("at least one lesson")
        }
        await #expect {
            try await school.service.setBells([bell(1, "08:40", "08:00")], caller: deputy)
        } throws: { "\($0)".contains("must come before the end") }
        await #expect {
            try await school.service.setBells([bell(1, "08:00", "08:40"), bell(2, "08:30", "09:10")], caller: deputy)
        } throws: { "\($0)".contains("lesson 2 starts before lesson 1 ends") }
        await #expect {
            try await school.service.setBells([bell(1, "08:00", "08:40"), bell(1, "09:00", "09:40")], caller: deputy)
        } throws: { "\($0)".contains("given twice") }

        _ = try await school.service.addTimetableLine(
            assignment: school.assignment.id!, weekday: 1, lessonNumber: 3, room: nil,
            from: LocalDate("2026-12-01")!, caller: deputy)
        await #expect {
            try await school.service.setBells(Array(bells.prefix(2)), caller: deputy)
        } throws: { "\($0)".contains("lesson 3 is in the timetable") }
        #expect(try await school.service.database.read { try $0.bells() } == bells)
    }
}
