import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("A family's calendar feed (RFC 5545)")
struct CalendarFeedTests {
    let system = Caller.system("teacher at the console")

    func caller(_ school: TestSchool, _ person: Person) async throws -> Caller {
        .person(try await school.service.subject(account: school.account(person)))
    }

    /// The lines of a feed, each checked for CRLF and 75 octets, unfolded.
    func unfolded(_ text: String) -> [String] {
        #expect(text.hasSuffix("\r\n"))
        let physical = text.components(separatedBy: "\r\n").dropLast()
        var lines: [String] = []
        for line in physical {
            #expect(!line.contains("\n") && !line.contains("\r"))
            #expect(line.utf8.count <= 75, "longer than 75 octets: \(line)")
            if line.hasPrefix(" ") { lines[lines.count - 1] += line.dropFirst() } else { lines.append(line) }
        }
        return lines
    }

    @Test func aParentsFeedHoldsTheirChildsLessonsAndHomeworkOnly() async throws {
        let school = try await TestSchool.make([.fiveA, .week, .sixB], accounts: [.parent])
        let homework =
            "№ 245, 246; стр. 10\\11\nи повторить дроби — " + String(repeating: "очень длинное задание ", count: 5)
        _ = try await school.service.updateLesson(
            school.lesson.id!, LessonChanges(version: school.lesson.version, homework: homework), caller: system)
        let parent = try await caller(school, .parent)
        let anna = school.students[0].id!

        let created = try await school.service.createCalendarFeed(student: anna, caller: parent)
        #expect(created.token.count == 43 && created.path == "/calendar/\(created.token).ics")
        #expect(created.feed.student.id == anna)
        let text = try #require(try await school.service.calendar(token: created.token))
        let lines = unfolded(text)

        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(lines.contains("VERSION:2.0"))
        #expect(lines.contains("UID:lesson-\(school.lesson.id!)@schooljournal"))
        #expect(lines.contains("UID:lesson-\(school.plainLesson.id!)@schooljournal"))
        #expect(!lines.contains("UID:lesson-\(school.sixBMathematics.lesson.id!)@schooljournal"))
        #expect(lines.contains("SUMMARY:Математика"))
        #expect(lines.contains("STATUS:CONFIRMED"))
        #expect(lines.contains { $0.hasPrefix("DTSTART:20261116T") && $0.hasSuffix("Z") })
        // The homework of Monday's lesson is due at the next lesson, Wednesday 18.11.
        let escaped = "DESCRIPTION:№ 245\\, 246\\; стр. 10\\\\11\\nи повторить дроби — "
        #expect(lines.contains { $0.hasPrefix(escaped) })
        #expect(lines.contains("UID:homework-\(school.lesson.id!)@schooljournal"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20261118"))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == lines.filter { $0 == "END:VEVENT" }.count)
        // The same feed twice: the same UIDs, so a phone updates instead of duplicating.
        let again = unfolded(try #require(try await school.service.calendar(token: created.token)))
        #expect(again.filter { $0.hasPrefix("UID:") } == lines.filter { $0.hasPrefix("UID:") })
    }

    @Test func theTokenIsStoredOnlyAsItsHash() async throws {
        let school = try await TestSchool.make([.fiveA], accounts: [.student])
        let created = try await school.service.createCalendarFeed(
            student: school.students[0].id!, caller: try await caller(school, .student))
        let rows = try await school.service.database.read { try $0.allCalendarFeeds() }
        // SHA-256 in hexadecimal, as sessions keep theirs.
        #expect(rows.count == 1 && rows[0].tokenHash.count == 64 && rows[0].tokenHash.allSatisfy(\.isHexDigit))
        #expect(!rows.contains { "\($0)".contains(created.token) })
    }

    @Test func aRevokedOrUnknownTokenServesNothing() async throws {
        let school = try await TestSchool.make([.fiveA], accounts: [.parent])
        let parent = try await caller(school, .parent)
        let created = try await school.service.createCalendarFeed(student: school.students[0].id!, caller: parent)
        #expect(try await school.service.calendarFeeds(caller: parent).map(\.id) == [created.feed.id])
        try await school.service.revokeCalendarFeed(id: created.feed.id, caller: parent)
        #expect(try await school.service.calendar(token: created.token) == nil)
        #expect(try await school.service.calendarFeeds(caller: parent).isEmpty)
        #expect(try await school.service.calendar(token: String(repeating: "A", count: 43)) == nil)
        #expect(try await school.service.calendar(token: "../../etc/passwd") == nil)
        await #expect(throws: JournalError.self) {
            try await school.service.revokeCalendarFeed(id: created.feed.id, caller: parent)
        }
    }

    @Test func aParentCannotMakeAFeedForAnotherChild() async throws {
        let school = try await TestSchool.make([.fiveA, .sixB], accounts: [.parent])
        await #expect(throws: AccessDenied.self) {
            try await school.service.createCalendarFeed(
                student: school.sixBStudents[0].id!, caller: try await caller(school, .parent))
        }
        #expect(try await school.service.database.read { try $0.allCalendarFeeds() }.isEmpty)
    }

    @Test func theClassTeacherReadsTheDiaryButMakesNoFeed() async throws {
        let school = try await TestSchool.make([.fiveA], accounts: [.teacher])
        await #expect(throws: JournalError.refused(.init("calendar.error.family_only"))) {
            try await school.service.createCalendarFeed(
                student: school.students[0].id!, caller: try await caller(school, .teacher))
        }
    }

    @Test func nobodyElseCanRevokeAFeed() async throws {
        let school = try await TestSchool.make([.fiveA], accounts: [.parent, .student])
        let created = try await school.service.createCalendarFeed(
            student: school.students[0].id!, caller: try await caller(school, .parent))
        await #expect(throws: JournalError.self) {
            try await school.service.revokeCalendarFeed(id: created.feed.id, caller: try await caller(school, .student))
        }
        #expect(try await school.service.calendar(token: created.token) != nil)
    }

    @Test func aCancelledLessonIsMarkedCancelled() async throws {
        let school = try await TestSchool.make([.fiveA, .week], accounts: [.parent])
        _ = try await school.service.cancelLesson(school.plainLesson.id!, reason: "карантин", caller: system)
        let created = try await school.service.createCalendarFeed(
            student: school.students[0].id!, caller: try await caller(school, .parent))
        let lines = unfolded(try #require(try await school.service.calendar(token: created.token)))
        let start = try #require(lines.firstIndex(of: "UID:lesson-\(school.plainLesson.id!)@schooljournal"))
        let end = try #require(lines[start...].firstIndex(of: "END:VEVENT"))
        #expect(lines[start..<end].contains("STATUS:CANCELLED"))
    }
}
