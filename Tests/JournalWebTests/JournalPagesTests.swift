import Foundation
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Localization
import NIOCore
import Testing

@testable import JournalServer

/// The teacher's pages over HTTP, signed in through the login form like a browser.
@Suite("The teacher's journal pages")
struct JournalPagesTests {
    @Test func gridShowsStudentsLessonsMarksAveragesAndRecommendations() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let page = try await browser.get("/journal/assignments/\(school.assignment.id!)")
            #expect(page.status == .ok)
            let html = page.text
            for name in ["Иванова Анна", "Смирнов Олег", "Кузнецова Дарья"] { #expect(html.contains(name)) }
            // The marked lesson has a column per work, with the work type and weight; the lesson
            // without a work still has a column.
            #expect(html.contains("data-lesson=\"\(school.lesson.id!)\" data-work=\"\(school.test.id!)\""))
            #expect(html.contains("data-lesson=\"\(school.lesson.id!)\" data-work=\"\(school.answer.id!)\""))
            #expect(html.contains("data-lesson=\"\(school.plainLesson.id!)\" data-work=\"\""))
            #expect(html.contains(">16.11</a>") && html.contains(">18.11</a>"))
            #expect(html.contains(">КР</abbr><span class=\"weight\">×3</span>"))
            #expect(html.contains(">ОУ</abbr><span class=\"weight\">×1</span>"))

            let ivanova = try #require(Self.row(of: school.students[0].id!, in: html))
            // Late (ОП) to the marked lesson.
            #expect(ivanova.contains("<input value=\"ОП 5\""))
            #expect(ivanova.contains("<input value=\"ОП 3\""))
            #expect(ivanova.contains("class=\"standing average\">4.5<"))
            #expect(ivanova.contains("class=\"standing recommended\"><strong>5</strong>"))
            let smirnov = try #require(Self.row(of: school.students[1].id!, in: html))
            #expect(smirnov.contains("class=\"standing average\">3<"))
            #expect(smirnov.contains("class=\"standing recommended\"><strong>3</strong>"))
            let kuznetsova = try #require(Self.row(of: school.students[2].id!, in: html))
            #expect(kuznetsova.contains("<input value=\"Н\""))

            // The grid writes through the API with the page's CSRF token; its script is a file.
            #expect(html.contains("<meta name=\"csrf\" content=\"\(browser.csrf)\">"))
            #expect(html.contains("<script src=\"/static/journal.js"))
            #expect(!html.contains("<script>"))
            #expect(try await browser.get("/static/journal.js").status == .ok)
        }
    }

    @Test func journalListsTheTeachersGroupsWithLinks() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let page = try await browser.get("/journal")
            #expect(page.status == .ok)
            #expect(page.text.contains("href=\"/journal/assignments/\(school.assignment.id!)\""))
            #expect(page.text.contains("href=\"/journal/assignments/\(school.assignment.id!)/period-marks\""))
            #expect(!page.text.contains("href=\"/journal/assignments/\(school.sixBMathematics.assignment.id!)\""))
        }
    }

    @Test func formPostWithoutTheCSRFTokenIsRefused() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let lesson = school.lesson
            let refused = try await browser.post(
                "/journal/lessons/\(lesson.id!)", ["version": "\(lesson.version)", "topic": "Подделка"], csrf: false)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(Strings.text("web.csrf", .ru)))
            let stored = try await school.service.database.read { try $0.lesson(lesson.id!) }
            #expect(stored?.topic == "Дроби")
        }
    }

    @Test func lessonEditWithAStaleVersionKeepsTheTypedTextAndSaysItChanged() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let id = school.lesson.id!
            let form = try await browser.get("/journal/lessons/\(id)")
            #expect(form.status == .ok)
            #expect(form.text.contains("name=\"version\" value=\"\(school.lesson.version)\""))
            // Someone else records the lesson meanwhile.
            _ = try await school.service.updateLesson(
                id, LessonChanges(version: school.lesson.version, topic: "Сложение дробей"),
                caller: .system("another device"))

            let stale = try await browser.post(
                "/journal/lessons/\(id)",
                [
                    "version": "\(school.lesson.version)", "topic": "Дроби: повторение", "material": "№ 12–15",
                    "homework": "с. 40, № 3",
                ])
            #expect(stale.status == .conflict)
            let html = stale.text
            #expect(html.contains(Strings.text("lesson.changed_meanwhile", .ru)))
            #expect(html.contains("value=\"Дроби: повторение\""))
            #expect(html.contains(">№ 12–15</textarea>"))
            #expect(html.contains(">с. 40, № 3</textarea>"))
            #expect(html.contains("Сложение дробей"), "the current record is shown")
            let stored = try await school.service.database.read { try $0.lesson(id) }
            #expect(stored?.topic == "Сложение дробей")

            // Saving again, at the version shown, records what was typed.
            let version = try #require(stored?.version)
            #expect(html.contains("name=\"version\" value=\"\(version)\""))
            let saved = try await browser.post(
                "/journal/lessons/\(id)", ["version": "\(version)", "topic": "Дроби: повторение", "homework": "с. 40"])
            #expect(saved.status == .seeOther)
            let after = try await school.service.database.read { try $0.lesson(id) }
            #expect(after?.topic == "Дроби: повторение")
            #expect(after?.homework == "с. 40")
        }
    }

    @Test func lessonPageRecordsAttendanceIndividualHomeworkAndSubstitution() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let id = school.plainLesson.id!
            let (anna, oleg) = (school.students[0].id!, school.students[1].id!)
            let refused = try await teacher.post(
                "/journal/lessons/\(id)/students", ["code-\(anna)": "Х", "homework-\(oleg)": "Карточка 7"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(Strings.text("lesson.code_invalid", .ru, ["codes": "Н, Б, УП, ОП"])))
            #expect(refused.text.contains("value=\"Карточка 7\""))
            let saved = try await teacher.post(
                "/journal/lessons/\(id)/students", ["code-\(anna)": "Б", "homework-\(oleg)": "Карточка 7"])
            #expect(saved.status == .seeOther)
            let (attendance, homework) = try await school.service.database.read { reader in
                (
                    try reader.attendance(lesson: id, student: anna)?.code,
                    try reader.individualHomework(lessons: [id], students: [oleg]).first?.text
                )
            }
            #expect(attendance == "Б")
            #expect(homework == "Карточка 7")

            // Another teacher may not open the lesson, nor make themselves its substitute: the
            // deputy head arranges substitutions (R15), and then the substitute keeps the lesson.
            let substitute = try await Browser.signIn(client, as: .otherTeacher)
            let today = school.todayLesson.id!
            #expect(try await substitute.get("/journal/lessons/\(today)").status == .forbidden)
            let claimed = try await substitute.post("/journal/lessons/\(today)/substitution", ["reason": "болезнь"])
            #expect(claimed.status == .forbidden)
            let deputy = try await Browser.signIn(client, as: .management)
            let arranging = try await deputy.get("/journal/lessons/\(today)")
            #expect(arranging.status == .ok)
            #expect(arranging.text.contains("/journal/lessons/\(today)/substitution"))
            #expect(arranging.text.contains("Сидоров Павел"))
            let sidorov = try await school.service.database.read { reader in
                try reader.allStaff().first { $0.name.lastName == "Сидоров" }!.id!
            }
            let unnamed = try await deputy.post("/journal/lessons/\(today)/substitution", ["reason": "болезнь"])
            #expect(unnamed.status == .unprocessableContent)
            #expect(unnamed.text.contains(Strings.text("lesson.substitute_missing", .ru)))
            let arranged = try await deputy.post(
                "/journal/lessons/\(today)/substitution", ["substitute": "\(sidorov)", "reason": "болезнь"])
            #expect(arranged.status == .seeOther)
            let after = try await substitute.get("/journal/lessons/\(today)")
            #expect(after.status == .ok)
            #expect(after.text.contains("Сидоров П."))
            #expect(after.text.contains("(болезнь)"))
            #expect(after.text.contains("Иванова Анна"), "the substitute now keeps the lesson's record")
            // The lessons of the group that were not arranged stay the group's own teacher's.
            #expect(try await substitute.get("/journal/lessons/\(id)").status == .forbidden)
        }
    }

    /// The diary page takes the weeks the API takes (issue 9, item 7: it accepted weeks past
    /// 9999 that the API refused).
    @Test func theDiaryPageRefusesAWeekPastTheLastDayAsTheAPIDoes() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let anna = school.students[0].id!
            let page = try await teacher.get("/diary?student=\(anna)&week=9999-12-30")
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("9999-12-31"))
            #expect(
                try await teacher.get("/diary/timetable?student=\(anna)&week=9999-12-30").status
                    == .unprocessableContent)
            #expect(try await teacher.get("/diary?student=\(anna)&week=9999-12-20").status == .ok)
        }
    }

    @Test func aStaleStudentsFormDoesNotOverwriteWhatWasRecordedMeanwhile() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let id = school.plainLesson.id!
            let (anna, oleg) = (school.students[0].id!, school.students[1].id!)
            let page = try await teacher.get("/journal/lessons/\(id)")
            #expect(page.text.contains("name=\"was-code-\(anna)\" value=\"\""))
            // Meanwhile the grid marks Анна ill.
            _ = try await school.service.setAttendance(
                lesson: id, student: anna, code: "Б", version: 0, caller: .system("the grid"))
            // The page, still showing everyone present, saves Олег's homework only.
            let saved = try await teacher.post(
                "/journal/lessons/\(id)/students",
                [
                    "code-\(anna)": "", "was-code-\(anna)": "", "code-\(oleg)": "", "was-code-\(oleg)": "",
                    "homework-\(oleg)": "Карточка 3", "was-homework-\(oleg)": "",
                ])
            #expect(saved.status == .seeOther)
            let kept = try await school.service.database.read { try $0.attendance(lesson: id, student: anna)?.code }
            #expect(kept == "Б", "the untouched row does not clear what the grid recorded")
            // Changing that row from the stale page is refused with what is recorded now.
            let refused = try await teacher.post(
                "/journal/lessons/\(id)/students", ["code-\(anna)": "Н", "was-code-\(anna)": ""])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("сейчас «Б»"))
            #expect(
                try await school.service.database.read { try $0.attendance(lesson: id, student: anna)?.code } == "Б")
        }
    }

    /// The students form sends the version each row was drawn with: a code cleared and
    /// recorded again meanwhile — the same code, a new record — is not replaced by the page's
    /// older copy, which comparing codes alone would let through.
    @Test func theStudentsFormRefusesARowRecordedAgainMeanwhile() async throws {
        let school = try await TestSchool.makeForPages()
        let grid = Caller.system("the grid")
        let id = school.plainLesson.id!
        let anna = school.students[0].id!
        let absent = try #require(
            try await school.service.setAttendance(lesson: id, student: anna, code: "Н", version: 0, caller: grid))
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let page = try await teacher.get("/journal/lessons/\(id)")
            #expect(page.text.contains("name=\"version-\(anna)\" value=\"\(absent.version)\""))
            // Meanwhile the absence is cleared and recorded again.
            _ = try await school.service.setAttendance(
                lesson: id, student: anna, code: nil, version: absent.version, caller: grid)
            let again = try #require(
                try await school.service.setAttendance(lesson: id, student: anna, code: "Н", version: 0, caller: grid))
            let refused = try await teacher.post(
                "/journal/lessons/\(id)/students",
                ["code-\(anna)": "Б", "was-code-\(anna)": "Н", "version-\(anna)": "\(absent.version)"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("сейчас «Н»"))
            #expect(refused.text.contains("name=\"version-\(anna)\" value=\"\(again.version)\""))
            let kept = try await school.service.database.read { try $0.attendance(lesson: id, student: anna) }
            #expect(kept?.code == "Н" && kept?.version == again.version)
            // Sent again from the page as it is now shown, the change is made knowingly.
            let saved = try await teacher.post(
                "/journal/lessons/\(id)/students",
                ["code-\(anna)": "Б", "was-code-\(anna)": "Н", "version-\(anna)": "\(again.version)"])
            #expect(saved.status == .seeOther)
        }
    }

    /// The API refuses a stale attendance change with 409 and the current record, as the
    /// grid's script expects.
    @Test func theAPIRefusesAStaleAttendanceChangeWithTheCurrentRecord() async throws {
        let school = try await TestSchool.makeForPages()
        let id = school.plainLesson.id!
        let oleg = school.students[1].id!
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            let uri = "/api/v1/lessons/\(id)/attendance/\(oleg)"
            let first = try await teacher.api(.put, uri, json: #"{"code": "Н", "version": 0}"#, csrfHeader: true)
            #expect(first.status == .ok, "\(first.text)")
            let recorded = try JSONDecoder().decode(Attendance.self, from: Data(first.body.readableBytesView))
            let stale = try await teacher.api(.put, uri, json: #"{"code": "Б", "version": 0}"#, csrfHeader: true)
            #expect(stale.status == .conflict)
            struct Conflict: Decodable { var current: String }
            let current = try JSONDecoder().decode(Conflict.self, from: Data(stale.body.readableBytesView)).current
            #expect(current.contains(#""code":"Н""#) && current.contains(#""version":\#(recorded.version)"#))
            let cleared = try await teacher.api(
                .put, uri, json: #"{"code": null, "version": \#(recorded.version)}"#, csrfHeader: true)
            #expect(cleared.status == .noContent)
            let gone = try await teacher.api(
                .put, uri, json: #"{"code": "Б", "version": \#(recorded.version)}"#, csrfHeader: true)
            #expect(gone.status == .conflict)
            #expect(gone.text.contains(#"\"code\":null"#) && gone.text.contains(#"\"version\":0"#))
        }
    }

    @Test func pageValuesLoseMissingOptionalsAndUnwrapPresentOnes() throws {
        let topic: String? = "Дроби"
        let none: String? = nil
        let number: Int64? = 7
        let values: [String: Any] = [
            "topic": topic as Any, "none": none as Any, "number": number as Any,
            "rows": [["a": none as Any, "b": 1], ["c": Optional(Optional("x")) as Any]],
        ]
        let kept = try #require(WebPage.dropNils(values) as? [String: Any])
        #expect(kept["topic"] as? String == "Дроби")
        #expect("\(kept["topic"]!)" == "Дроби", "unwrapped, not Optional(\"Дроби\")")
        #expect(kept["none"] == nil)
        #expect("\(kept["number"]!)" == "7")
        let rows = try #require(kept["rows"] as? [[String: Any]])
        #expect(rows[0].keys.sorted() == ["b"])
        #expect("\(rows[1]["c"]!)" == "x")
    }

    @Test func signingInNeverSendsThePersonToAnotherSite() {
        for next in [
            "//evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "https://evil.example",
        ] {
            #expect(WebSupport.safeNext(next) == "/", "\(next)")
        }
        #expect(WebSupport.safeNext("/diary?week=2026-11-16") == "/diary?week=2026-11-16")
    }

    @Test func periodMarkDifferentFromTheRecommendationWithoutAReasonIsRefused() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let uri = "/journal/assignments/\(school.assignment.id!)/period-marks"
            let page = try await browser.get(uri)
            #expect(page.status == .ok)
            #expect(page.text.contains("2 четверть"))
            let (anna, oleg) = (school.students[0].id!, school.students[1].id!)
            // Анна is recommended 5 and gets 4 without a reason; Олег gets his recommended 3.
            let refused = try await browser.post(
                uri, ["period": "q2", "mark-\(anna)": "4", "reason-\(anna)": "", "mark-\(oleg)": "3"])
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(html.contains(Strings.text("period.reason_required", .ru, ["recommended": "5"])))
            let annaRow = try #require(Self.section(from: "id=\"mark-\(anna)\"", to: "</tr>", in: html))
            #expect(annaRow.contains("<option selected>4</option>"), "the typed mark is kept")
            #expect(annaRow.contains("aria-invalid=\"true\""))
            let olegRow = try #require(Self.section(from: "id=\"mark-\(oleg)\"", to: "</tr>", in: html))
            #expect(olegRow.contains("<option selected>3</option>"))
            var marks = try await school.service.database.read { reader in
                try reader.attestationMarks(students: [anna, oleg], year: try reader.currentYear()!.id!)
            }
            #expect(!marks.contains { $0.studentID == anna }, "the refused mark is not set")
            #expect(marks.first { $0.studentID == oleg }?.value == "3")

            let accepted = try await browser.post(
                uri,
                ["period": "q2", "mark-\(anna)": "4", "reason-\(anna)": "не сдан зачёт по теме", "mark-\(oleg)": "3"])
            #expect(accepted.status == .seeOther)
            marks = try await school.service.database.read { reader in
                try reader.attestationMarks(students: [anna], year: try reader.currentYear()!.id!)
            }
            #expect(marks.first?.value == "4")
            #expect(marks.first?.overrideReason == "не сдан зачёт по теме")
        }
    }

    @Test func anotherTeachersGridIsForbiddenWithAPlainExplanation() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            for uri in [
                "/journal/assignments/\(school.sixBMathematics.assignment.id!)",
                "/journal/assignments/\(school.sixBMathematics.assignment.id!)/period-marks",
            ] {
                let page = try await browser.get(uri)
                #expect(page.status == .forbidden, "\(uri)")
                #expect(page.text.contains(Strings.text("journal.not_yours", .ru)), "\(uri)")
                #expect(!page.text.contains("Морозов"), "\(uri): no data of the other group")
            }
        }
    }

    @Test func cookieAPIWritesWithoutTheCSRFHeaderAreRefused() async throws {
        let school = try await TestSchool.makeForPages()
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let student = school.students[2].id!
            let mark =
                "{\"workID\": \(school.answer.id!), \"studentID\": \(student), \"value\": \"4\", \"isDebt\": false}"
            let attendance = "/api/v1/lessons/\(school.plainLesson.id!)/attendance/\(student)"
            for (method, uri, json) in [
                (HTTPRequest.Method.post, "/api/v1/marks", mark), (.put, attendance, "{\"code\": \"Н\"}"),
                (
                    .post, "/api/v1/assignments/\(school.assignment.id!)/works",
                    "{\"lessonID\": \(school.plainLesson.id!), \"workType\": \"answer\"}"
                ),
            ] {
                let refused = try await browser.api(method, uri, json: json, csrfHeader: false)
                #expect(refused.status == .forbidden, "\(method) \(uri)")
                #expect(refused.text.contains("X-CSRF-Token"))
            }
            let marks = try await school.service.database.read { try $0.marks(works: [school.answer.id!]) }
            #expect(marks.count == 1, "nothing was written")

            #expect(try await browser.api(.post, "/api/v1/marks", json: mark, csrfHeader: true).status == .created)
            #expect(try await browser.api(.put, attendance, json: "{\"code\": \"Н\"}", csrfHeader: true).status == .ok)
        }
    }

    /// The row of a student in the grid.
    static func row(of student: StudentID, in html: String) -> String? {
        section(from: "<tr data-student=\"\(student)\"", to: "</tr>", in: html)
    }

    static func section(from start: String, to end: String, in html: String) -> String? {
        guard let lower = html.range(of: start),
            let upper = html.range(of: end, range: lower.upperBound..<html.endIndex)
        else { return nil }
        return String(html[lower.lowerBound..<upper.upperBound])
    }
}
