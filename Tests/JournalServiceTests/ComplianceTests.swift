import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// The journal-keeping monitor (R14–R17): each item's deadline from `deadlines.lua`, its first
/// entry by the server's clock, and its status. The school is in Moscow (UTC+3); "now" is
/// Friday 20 November 2026, 12:00 there.
@Suite("The journal-keeping monitor")
struct ComplianceTests {
    let deputy = Caller.system("завуч")

    /// 12:00 Moscow time on a day of November 2026, plus minutes.
    static func moscow(_ day: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
    }

    func report(_ school: TestSchool, duty: String? = nil, from: String = "2026-11-17") async throws
        -> ComplianceReport
    {
        try await school.service.compliance(
            ComplianceQuery(from: LocalDate(from)!, to: LocalDate("2026-11-20")!, duty: duty), caller: deputy)
    }

    @Test func aLessonRecordIsOnTimeLateMissingOrStillDue() async throws {
        let school = try await TestSchool.make()
        let ids = try await school.build { builder in
            var onTime = try builder.lesson(school.assignment, on: "2026-11-17", number: 3)
            onTime.recordedAt = Self.moscow(17, 15, 0)
            var late = try builder.lesson(school.assignment, on: "2026-11-18", number: 3)
            late.recordedAt = Self.moscow(19, 0, 5)
            let missing = try builder.lesson(school.assignment, on: "2026-11-19", number: 3)
            let today = try builder.lesson(school.assignment, on: "2026-11-20", number: 3)
            var cancelled = try builder.lesson(school.assignment, on: "2026-11-19", number: 5)
            cancelled.status = .cancelled
            try builder.writer.update(onTime)
            try builder.writer.update(late)
            try builder.writer.update(cancelled)
            return [onTime.id!, late.id!, missing.id!, today.id!]
        }
        let items = try await report(school, duty: "lesson_record").items
        #expect(items.map(\.lessonID) == ids, "the cancelled lesson owes nothing")
        #expect(items.map(\.status) == [.onTime, .late, .missing, .due])
        #expect(
            items.map(\.due?.description) == [
                "2026-11-17 23:59", "2026-11-18 23:59", "2026-11-19 23:59", "2026-11-20 23:59",
            ])
        #expect(items.allSatisfy { $0.teacherID == school.teacher.id && $0.subject == "Математика" })
        #expect(items[0].enteredAt == Self.moscow(17, 15, 0))
    }

    @Test func homeworkIsDueTwoHoursAfterTheTeachersLastLessonOfTheDay() async throws {
        let school = try await TestSchool.make()
        // Lessons 2 and 4 on Tuesday: the last ends at 12:20 (bells from 08:30), homework by 14:20.
        let (second, fourth) = try await school.build { builder in
            var second = try builder.lesson(school.assignment, on: "2026-11-17", number: 2)
            second.homework = "№ 1"
            second.homeworkSetAt = Self.moscow(17, 14, 20)
            var fourth = try builder.lesson(school.assignment, on: "2026-11-17", number: 4)
            fourth.homework = "№ 2"
            fourth.homeworkSetAt = Self.moscow(17, 14, 21)
            return (try builder.writer.update(second), try builder.writer.update(fourth))
        }
        let items = try await report(school, duty: "homework", from: "2026-11-17").items
            .filter { $0.date == LocalDate("2026-11-17")! }
        #expect(items.map(\.lessonID) == [second.id, fourth.id])
        #expect(items.allSatisfy { $0.due?.description == "2026-11-17 14:20" })
        #expect(items.map(\.status) == [.onTime, .late], "14:20:59 is on time, 14:21 is late")
    }

    @Test func marksOfAWorkAreDueWithinAWeekForEveryStudentPresent() async throws {
        let school = try await TestSchool.make()
        let (anna, oleg, darya) = (school.students[0], school.students[1], school.students[2])
        let (test, answer, lesson) = try await school.build { builder in
            let lesson = try builder.lesson(school.assignment, on: "2026-11-17", number: 2)
            let test = try builder.work("test", in: lesson)
            let answer = try builder.work("answer", in: lesson)
            try builder.attendance("Н", of: darya, in: lesson)
            for student in [anna, oleg] {
                try builder.writer.insert(
                    Mark(workID: test.id!, studentID: student.id!, value: "4", createdAt: Self.moscow(18, 10, 0)))
            }
            try builder.writer.insert(
                Mark(workID: answer.id!, studentID: anna.id!, value: "5", createdAt: Self.moscow(17, 9, 0)))
            return (test, answer, lesson)
        }
        let items = try await report(school, duty: "work_marks").items
        let item = try #require(items.first { $0.workID == test.id })
        // Дарья was absent: the two present have their marks, on the 18th.
        #expect(item.status == .onTime && item.due?.description == "2026-11-24 23:59")
        #expect(item.lessonID == lesson.id && item.enteredAt == Self.moscow(18, 10, 0))
        #expect(!items.contains { $0.workID == answer.id }, "an answer in class owes marks only to those who answered")
    }

    @Test func aSubstitutesLessonIsTheSubstitutesDuty() async throws {
        let school = try await TestSchool.make()
        let (lesson, substitute) = try await school.build { builder in
            let substitute = try builder.staff(
                PersonName(lastName: "Сидоров", firstName: "Павел"), position: "учитель математики")
            var lesson = try builder.lesson(school.assignment, on: "2026-11-18", number: 3)
            lesson.taughtByID = substitute.id
            return (try builder.writer.update(lesson), substitute)
        }
        let items = try await report(school, duty: "lesson_record").items
        let item = try #require(items.first { $0.lessonID == lesson.id })
        #expect(item.teacherID == substitute.id && item.teacher == "Сидоров П." && item.status == .missing)
        let own = try await school.service.compliance(
            ComplianceQuery(
                from: LocalDate("2026-11-16")!, to: LocalDate("2026-11-20")!, teacher: school.teacher.id,
                duty: "lesson_record"),
            caller: deputy)
        #expect(!own.items.contains { $0.lessonID == lesson.id })
        // Her own recorded lesson of Monday the 16th.
        #expect(own.teachers.map(\.teacherID) == [school.teacher.id])
        #expect(own.teachers.first?.counts.values.reduce(0, +) == own.items.count)
    }

    @Test func badQueriesAreRefusedSayingWhatIsAccepted() async throws {
        let school = try await TestSchool.make()
        await #expect {
            try await school.service.compliance(
                ComplianceQuery(from: LocalDate("2026-11-20")!, to: LocalDate("2026-11-19")!), caller: deputy)
        } throws: { "\($0)".contains("is before from") }
        await #expect {
            try await school.service.compliance(
                ComplianceQuery(from: LocalDate("2025-09-01")!, to: LocalDate("2026-11-19")!), caller: deputy)
        } throws: { "\($0)".contains("at most 366 days") }
        await #expect { try await report(school, duty: "homeworks") } throws: {
            "\($0)".contains("'homeworks' is not a duty of deadlines.lua; there are exam_results, homework")
        }
        let teacher = Caller.person(
            AccessSubject(
                accountID: AccountID(900), displayName: "Петрова М. И.", roles: [.teacher],
                staffID: school.teacher.id, assignments: [school.assignment.id!], groups: [school.assignment.groupID],
                taughtStudents: Set(school.students.compactMap(\.id)), today: TestSchool.today))
        await #expect(throws: AccessDenied.self) {
            try await school.service.compliance(
                ComplianceQuery(from: LocalDate("2026-11-17")!, to: LocalDate("2026-11-20")!), caller: teacher)
        }
    }

    /// The school's own rule decides: marks within ten days make an eighth-day entry on time;
    /// a rule that throws for one item marks that item and the report goes on.
    @Test func aSchoolsModifiedRuleChangesResultsAndAFailingItemIsMarked() async throws {
        let school = try await TestSchool.make()
        let test = try await school.build { builder in
            let lesson = try builder.lesson(school.assignment, on: "2026-11-09", number: 2)
            let test = try builder.work("test", in: lesson)
            for student in school.students {
                try builder.writer.insert(
                    Mark(workID: test.id!, studentID: student.id!, value: "4", createdAt: Self.moscow(17, 10, 0)))
            }
            return test
        }
        func status() async throws -> ComplianceItem.Status? {
            try await report(school, duty: "work_marks", from: "2026-11-09").items.first { $0.workID == test.id }?
                .status
        }
        #expect(try await status() == .late, "entered on the eighth day")
        let candidate = try TestSchool.rules(
            editing: "deadlines.lua",
            replacing: #"due = function(item) return add_days(item.date, 7) .. " 23:59" end"#,
            with: #"due = function(item) return add_days(item.date, 10) .. " 23:59" end"#
        ).replacing(#"expect = "2027-01-04 23:59""#, with: #"expect = "2027-01-07 23:59""#, in: "deadlines.lua")
        // The dry-run says what the candidate rules would change, before anything is activated.
        let changes = try await school.service.diffDeadlines(
            candidate, from: LocalDate("2026-11-09")!, to: LocalDate("2026-11-20")!, caller: deputy)
        #expect(changes.allSatisfy { $0.item.duty == "work_marks" }, "only the marks' deadlines move")
        let change = try #require(changes.first { $0.item.workID == test.id })
        #expect(change.before == .late && change.after == .onTime)
        #expect(
            change.dueBefore?.description == "2026-11-16 23:59" && change.dueAfter?.description == "2026-11-19 23:59")
        _ = try await school.service.activateRules(candidate, caller: deputy, comment: "десять дней на отметки")
        #expect(try await status() == .onTime)

        let failing = try TestSchool.rules(
            editing: "deadlines.lua",
            replacing: #"due = function(item) return item.date .. " 23:59" end"#,
            with:
                #"due = function(item) if item.number == 3 then error("нет звонка") end return item.date .. " 23:59" end"#
        )
        _ = try await school.service.activateRules(failing, caller: deputy, comment: "ошибка")
        _ = try await school.build { builder in try builder.lesson(school.assignment, on: "2026-11-17", number: 3) }
        let items = try await report(school, duty: "lesson_record", from: "2026-11-16").items
        let failed = try #require(items.first { $0.status == .ruleFailed })
        #expect(failed.failure?.contains("нет звонка") == true)
        #expect(items.contains { $0.status != .ruleFailed }, "the other items are still decided")
    }

    /// Deadlines are the school's local time: in Novosibirsk (UTC+7) the homework due at 14:20
    /// there is late when set at 14:20 in Moscow (18:20 in Novosibirsk).
    @Test func deadlinesAreInTheSchoolsOwnTimeZone() async throws {
        let school = try await TestSchool.make()
        let lesson = try await school.build { builder in
            var current = try #require(try builder.writer.reader.school())
            current.timeZone = "Asia/Novosibirsk"
            try builder.writer.update(current)
            var lesson = try builder.lesson(school.assignment, on: "2026-11-17", number: 4)
            lesson.homework = "№ 3"
            lesson.homeworkSetAt = Self.moscow(17, 10, 20)
            return try builder.writer.update(lesson)
        }
        func item() async throws -> ComplianceItem? {
            try await report(school, duty: "homework").items.first { $0.lessonID == lesson.id }
        }
        // 10:20 in Moscow is 14:20 in Novosibirsk: on time to the minute.
        #expect(try await item()?.status == .onTime)
        try await school.build { builder in
            var late = try #require(try builder.writer.reader.lesson(lesson.id!))
            late.homeworkSetAt = Self.moscow(17, 14, 20)
            try builder.writer.update(late)
        }
        #expect(try await item()?.status == .late)
    }

    /// A school that locks lesson records three days after their deadline: a late record is
    /// refused, naming the rule, until the deputy head opens the lesson with a reason; the
    /// item stays late in the monitor, and the opening is in the history.
    @Test func lockAfterRefusesLateEntriesUntilManagementOpensThem() async throws {
        let school = try await TestSchool.make()
        let locking = try TestSchool.rules(
            editing: "deadlines.lua", replacing: #"      applies_to = "lesson_record","#,
            with: #"      applies_to = "lesson_record", lock_after = 3,"#)
        _ = try await school.service.activateRules(locking, caller: deputy, comment: "записи закрываются")
        let (old, recent) = try await school.build { builder in
            (
                try builder.lesson(school.assignment, on: "2026-11-12", number: 3),
                try builder.lesson(school.assignment, on: "2026-11-18", number: 3)
            )
        }
        let teacher = Caller.person(
            AccessSubject(
                accountID: AccountID(900), displayName: "Петрова М. И.", roles: [.teacher],
                staffID: school.teacher.id, assignments: [school.assignment.id!], groups: [school.assignment.groupID],
                taughtStudents: Set(school.students.compactMap(\.id)), today: TestSchool.today))
        func record(_ lesson: Lesson) async throws {
            _ = try await school.service.updateLesson(
                lesson.id!, LessonChanges(version: lesson.version, topic: "Дроби"), caller: teacher)
        }
        // Due on the 12th at 23:59, locked after the 15th: refused, naming the duty and the right.
        await #expect { try await record(old) } throws: {
            "\($0)".contains("the entries are locked: Тема урока и отсутствующие (п. 3.4) was due 2026-11-12 23:59")
                && "\($0)".contains("journal.unlock")
        }
        await #expect {
            _ = try await school.service.setAttendance(
                lesson: old.id!, student: school.students[0].id!, code: "Н", version: 0, caller: teacher)
        } throws: { "\($0)".contains("the entries are locked") }
        // Two days late is still accepted, and flagged late.
        try await record(recent)

        // Only management opens a lesson, with a reason.
        await #expect(throws: AccessDenied.self) {
            try await school.service.unlockEntries(
                lesson: old.id!, work: nil, reason: "забыла", until: nil, caller: teacher)
        }
        await #expect {
            try await school.service.unlockEntries(lesson: old.id!, work: nil, reason: " ", until: nil, caller: deputy)
        } throws: { "\($0)".contains("give the reason") }
        await #expect {
            try await school.service.unlockEntries(
                lesson: old.id!, work: nil, reason: "болезнь", until: LocalDate("2026-12-31"), caller: deputy)
        } throws: { "\($0)".contains("for at most 14 days") }
        let opened = try await school.service.unlockEntries(
            lesson: old.id!, work: nil, reason: "учитель болел", until: nil, caller: deputy)
        #expect(opened.until == LocalDate("2026-11-21")!)
        try await record(old)

        let items = try await report(school, duty: "lesson_record", from: "2026-11-12").items
        #expect(items.first { $0.lessonID == old.id }?.status == .late)
        #expect(items.first { $0.lessonID == recent.id }?.status == .late)
        let history = try await school.service.history(HistoryQuery(kind: "period"), caller: deputy)
        #expect(history.contains { $0.reason == "учитель болел" && $0.action == "insert" })
    }

    /// An entry corrected after its deadline keeps its first time: on time stays on time, and a
    /// lesson on a holiday owes nothing; a named period gives its days.
    @Test func aCorrectionKeepsTheFirstEntryAndHolidaysOweNothing() async throws {
        let school = try await TestSchool.make()
        let (lesson, holiday) = try await school.build { builder in
            var lesson = try builder.lesson(school.assignment, on: "2026-11-17", number: 3)
            lesson.recordedAt = Self.moscow(17, 15, 0)
            lesson.topic = "Дроби"
            return (
                try builder.writer.update(lesson),
                try builder.lesson(school.assignment, on: "2026-11-04", number: 3)  // autumn holidays
            )
        }
        _ = try await school.service.updateLesson(
            lesson.id!, LessonChanges(version: lesson.version, topic: "Дроби и доли"), caller: deputy)
        let items = try await report(school, duty: "lesson_record", from: "2026-11-01").items
        #expect(items.first { $0.lessonID == lesson.id }?.status == .onTime)
        #expect(items.first { $0.lessonID == lesson.id }?.enteredAt == Self.moscow(17, 15, 0))
        #expect(!items.contains { $0.lessonID == holiday.id })

        let quarter = try await school.service.periodRange("q2", className: "5А")
        #expect(quarter.start == LocalDate("2026-11-05")! && quarter.end == LocalDate("2026-12-28")!)
        await #expect { try await school.service.periodRange("q9", className: nil) } throws: {
            "\($0)".contains("q1 (1 четверть)")
        }
    }
}
