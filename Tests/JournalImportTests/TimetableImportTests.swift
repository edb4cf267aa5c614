import JournalImport
import JournalModel
import Testing

@Suite struct TimetableImportTests {
    let school = FakeSchool.small
    let yearStart = LocalDate("2026-09-01")!
    let yearEnd = LocalDate("2027-08-31")!

    @Test func plansEntriesAndSkipsThoseTheJournalHas() throws {
        let plan = try #require(
            school.accepted(
                .timetable,
                """
                Класс,Группа,Предмет,Учитель,День недели,Урок,Кабинет,Действует с,Действует по
                5А,,Математика,,пн,1,12,,
                5А,Группа 1,Англ.,,Вторник,2,31,,
                5А,,Математика,Иванова Анна Сергеевна,3,1,12,01.09.2026,31.12.2026
                5Б,,Английский язык,S-4,ср,1,33,,
                """))
        guard case .timetable(let timetable) = plan else { throw PlanKindMismatch() }
        #expect(
            timetable.newEntries == [
                Planned(
                    line: 3,
                    value: TimetableEntry(
                        assignmentID: 52, weekday: 2, lessonNumber: 2, room: "31", validFrom: yearStart,
                        validTo: yearEnd)),
                Planned(
                    line: 4,
                    value: TimetableEntry(
                        assignmentID: 51, weekday: 3, lessonNumber: 1, room: "12", validFrom: yearStart,
                        validTo: LocalDate("2026-12-31")!)),
                Planned(
                    line: 5,
                    value: TimetableEntry(
                        assignmentID: 55, weekday: 3, lessonNumber: 1, room: "33", validFrom: yearStart,
                        validTo: yearEnd)),
            ])
        #expect(timetable.unchangedLines == [2])
    }

    @Test func subgroupsOfOneClassShareASlot() throws {
        var school = FakeSchool.small
        school.apply(
            try school.plan(.assignments, "class,group,subject,teacher,students\n5А,Группа 2,Англ.,S-4,2021-014\n"))
        let plan = try #require(
            school.accepted(
                .timetable, "class,group,subject,weekday,lesson\n5А,Группа 1,Англ.,5,3\n5А,Группа 2,Англ.,5,3\n"))
        #expect(plan.summary.description == "new: 2 timetable entries")
        #expect(
            school.issues(
                .timetable, "class,group,subject,weekday,lesson\n5А,Группа 1,Англ.,5,3\n5А,,Математика,пт,3\n")
                == ["timetable.csv:3: 5А already has lesson 3 on Friday on line 2"])
    }

    @Test(arguments: [
        ("1", 1), ("6", 6), ("пн", 1), ("Пн.", 1), ("ВТОРНИК", 2), ("среда", 3), ("чт", 4), ("Friday", 5), ("сб", 6),
    ])
    func readsWeekdays(text: String, weekday: Int) throws {
        let plan = try #require(school.accepted(.timetable, "class,subject,weekday,lesson\n5Б,Матем.,\(text),7\n"))
        guard case .timetable(let timetable) = plan else { throw PlanKindMismatch() }
        #expect(timetable.newEntries.map(\.value.weekday) == [weekday])
    }

    @Test func reportsEveryBadRowOfTheFile() throws {
        #expect(
            try school.issues(.timetable, fixture: "timetable-bad.csv").joined(separator: "\n") == """
                timetable-bad.csv:2: column 'weekday': 'вс' is not a school day; use 1–6 (Monday to Saturday), пн–сб \
                or the day's name
                timetable-bad.csv:3: column 'lesson': '13' is not a lesson number; use a whole number from 0 to 12
                timetable-bad.csv:4: column 'valid_from': 2026-08-01 is outside the academic year 2026/2027, \
                2026-09-01 to 2027-08-31
                timetable-bad.csv:5: column 'valid_to': 2026-09-30 is before the start date 2026-10-01; the entry \
                would never apply
                timetable-bad.csv:6: column 'group': the journal has no group 5А, Группа 9; import the assignments \
                file first
                timetable-bad.csv:7: column 'class': the journal has no group 6А; import the assignments file first
                timetable-bad.csv:8: column 'subject': nobody teaches Физика to 5А; import the assignment first
                timetable-bad.csv:9: column 'teacher': Смирнова Ольга Ивановна does not teach Математика to 5А; \
                correct the teacher or import the assignment first
                timetable-bad.csv:10: column 'subject': Английский язык is taught to 5Б by Смирнова Ольга Ивановна \
                (S-3) and Смирнова Ольга Ивановна (S-4); fill in the teacher column
                timetable-bad.csv:11: 5А, Группа 1 already has Математика at lesson 1 on Monday in the journal
                timetable-bad.csv:12: Иванова А. С. already teaches Математика at lesson 1 on Monday in the journal
                timetable-bad.csv:14: 5А, Группа 1 already has lesson 3 on Tuesday on line 13
                timetable-bad.csv:15: Иванова А. С. already teaches lesson 3 on Tuesday on line 13
                """)
    }
}
