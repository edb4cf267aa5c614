import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalTestSupport
import Localization
import Testing

/// "What it would take" on the family's marks page, by work type.
@Suite("What it would take, on the marks page")
struct MarkTargetsPageTests {
    static func line(_ key: String, _ values: [String: String]) -> String { Strings.text(key, .ru, values) }

    /// Олег's 3 for a test: with answers a 5 makes a «4» and a «5» is out of reach in the six
    /// Mondays left; with tests three fives make a «5».
    @Test func theClassTeacherSeesWhatOlegsHigherMarksWouldTake() async throws {
        let school = try await TestSchool.make([.marks, .timetable], accounts: [.teacher])
        let oleg = school.students[1].id!
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let answers = try await browser.get("/diary/marks?student=\(oleg)&period=q2")
            #expect(answers.status == .ok)
            #expect(answers.text.contains(Self.line("targets.unreachable", ["mark": "5"])))
            #expect(
                answers.text.contains(
                    Self.line("targets.reach", ["mark": "4", "marks": "1 × 5", "work": "Ответ на уроке"])))
            #expect(answers.text.contains(Self.line("targets.lessons_left", ["count": "6"])))

            let tests = try await browser.get("/diary/marks?student=\(oleg)&period=q2&work=test")
            #expect(tests.status == .ok)
            #expect(
                tests.text.contains(
                    Self.line("targets.reach", ["mark": "5", "marks": "3 × 5", "work": "Контрольная работа"])))
            #expect(
                tests.text.contains(
                    Self.line("targets.reach", ["mark": "4", "marks": "1 × 4", "work": "Контрольная работа"])))
        }
    }

    @Test func anUnknownWorkTypeIsRefusedNamingTheKnownOnes() async throws {
        let school = try await TestSchool.make([.marks, .timetable], accounts: [.parent])
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .parent)
            let page = try await browser.get("/diary/marks?period=q2&work=essay")
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("essay"))
        }
    }

    /// Анна's mother: her 4.5 is a «5» already.
    @Test func theParentSeesThatThereIsNoHigherMark() async throws {
        let school = try await TestSchool.make([.marks, .timetable], accounts: [.parent])
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .parent)
            let page = try await browser.get("/diary/marks?period=q2")
            #expect(page.status == .ok)
            #expect(page.text.contains(Strings.text("targets.none", .ru)))
        }
    }

    @Test func theAPIAnswersTheSameTargets() async throws {
        let school = try await TestSchool.make([.marks, .timetable], accounts: [.teacher])
        let oleg = school.students[1].id!
        try await school.application().test(.router) { client in
            let browser = try await Browser.signIn(client, as: .teacher)
            let answer = try await browser.api(
                .get, "/api/v1/students/\(oleg)/marks/targets?period=q2", csrfHeader: false)
            #expect(answer.status == .ok)
            #expect(answer.text.contains(#""lessonsLeft":6"#))
            #expect(answer.text.contains(#""workType":"test""#))
        }
    }
}
