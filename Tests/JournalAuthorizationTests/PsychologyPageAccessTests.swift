import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalAccess
import JournalModel
import JournalServer
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("The psychologist's and HR pages: who opens them, and a day's work through them (issue 16)")
struct PsychologyPageAccessTests {
    static let staffRoles: Set<Role> = Set(Role.allCases).subtracting([.student, .parent])

    /// Each page for each of the nine roles: the page, or the 403 page that says why.
    static func pages(_ school: TestSchool) -> [(path: String, allowed: Set<Role>)] {
        [
            ("/psychology", [.psychologist]),
            ("/psychology/students/\(school.own.student)", [.psychologist]),
            ("/social-passport/\(school.fiveA.id!)", [.psychologist, .management, .teacher]),
            ("/social-passport/\(school.sixB.id!)", [.psychologist, .management]),
            ("/hr", [.hr]),
            ("/hr/due.csv", [.hr]),
            ("/hr/staff/\(school.t1)", [.hr, .teacher]),  // T1 reads her own file
            ("/me/personnel", staffRoles),
        ]
    }

    @Test func eachRoleGetsThePageOrIsRefused() async throws {
        let school = try await TestSchool.shared
        try await school.application().test(.router) { client in
            for role in Role.allCases {
                let browser = try await Browser.signIn(client, as: Person(role))
                for (path, allowed) in Self.pages(school) {
                    let response = try await browser.get(path)
                    if allowed.contains(role) {
                        #expect(response.status == .ok, "\(role) → \(path): \(response.status)")
                    } else {
                        #expect(response.status == .forbidden, "\(role) → \(path): \(response.status)")
                    }
                }
            }
        }
    }

    @Test func thePsychologistsDayThroughThePages() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [])
        let anna = school.own.student
        try await school.application().test(.router) { client in
            let psychologist = try await Browser.signIn(client, as: .psychologist)
            let caseload = try await psychologist.get("/psychology")
            #expect(caseload.text.contains("Иванова Анна"))
            #expect(caseload.text.contains("консультирование"))
            #expect(caseload.text.contains("/social-passport/\(school.fiveA.id!)"))
            // A session with consent is written; a diagnostic without one is refused with the reason.
            let written = try await psychologist.post(
                "/psychology/students/\(anna)/records",
                [
                    ("date", "2026-11-19"), ("kind", "session"), ("scope", "counselling"),
                    ("notes", "Разговор о контрольной"), ("conclusion", ""),
                ])
            #expect(written.status == .seeOther)
            let refused = try await psychologist.post(
                "/psychology/students/\(anna)/records",
                [
                    ("date", "2026-11-19"), ("kind", "diagnostic"), ("scope", "diagnostics"), ("notes", "Тест"),
                    ("conclusion", ""),
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("нет действующего согласия представителя на психологическую диагностику"))
            let card = try await psychologist.get("/psychology/students/\(anna)")
            #expect(card.text.contains("Разговор о контрольной"))
            let logged = try await school.service.database.read {
                try $0.specialReads(SpecialReadFilter(student: anna))
            }
            #expect(logged.contains { $0.what == "psychology.card" && $0.accountID == school.account(.psychologist) })
            // Conclusion 1 is shared with the class teacher, who reads it; management is not named.
            let teacher = try await Browser.signIn(client, as: .teacher)
            let shared = try await teacher.get("/psychology/shared")
            #expect(shared.text.contains("Заключение ППк"))
            let management = try await Browser.signIn(client, as: .management)
            #expect(!(try await management.get("/psychology/shared")).text.contains("Заключение ППк"))
            // The social passport: the pedagogue ticks, the class teacher sees counts without names.
            let ticked = try await psychologist.post(
                "/social-passport/\(school.fiveA.id!)/students/\(anna)", [("kind", "large_family")])
            #expect(ticked.status == .seeOther)
            let counts = try await teacher.get("/social-passport/\(school.fiveA.id!)")
            #expect(counts.text.contains("многодетная семья"))
            #expect(!counts.text.contains("Иванова Анна"))
            #expect((try await teacher.get("/journal/class")).text.contains("/social-passport/\(school.fiveA.id!)"))
        }
    }

    @Test func hrKeepsAFileAndTheTeacherReadsTheirOwn() async throws {
        let school = try await TestSchool.makeForAuthorization(signingIn: [])
        try await school.application().test(.router) { client in
            let hr = try await Browser.signIn(client, as: .hr)
            let zero = try await hr.post(
                "/hr/staff/\(school.t1)/courses",
                [
                    ("title", "ФГОС"), ("provider", "ИРО"), ("hours", "0"), ("from", "2025-01-10"),
                    ("to", "2025-02-10"),
                    ("certificate", ""),
                ])
            #expect(zero.status == .unprocessableContent)
            #expect(zero.text.contains("часов 0"))
            let course = try await hr.post(
                "/hr/staff/\(school.t1)/courses",
                [
                    ("title", "Функциональная грамотность"), ("provider", "ИРО"), ("hours", "36"),
                    ("from", "2025-01-10"),
                    ("to", "2025-02-10"), ("certificate", "772400001"),
                ])
            #expect(course.status == .seeOther)
            let due = try await hr.get("/hr")
            #expect(due.text.contains("Сидоров Павел"))
            let csv = try await hr.get("/hr/due.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("Сидоров Павел"))
            let home = try await hr.get("/")
            #expect(home.text.contains("home-hr"))
            let teacher = try await Browser.signIn(client, as: .teacher)
            let mine = try await teacher.get("/me/personnel")
            #expect(mine.status == .ok)
            #expect(mine.text.contains("Функциональная грамотность"))
            #expect(!mine.text.contains("/hr/staff/\(school.t1)/courses"))
            #expect((try await teacher.get("/hr/staff/\(school.t2)")).status == .forbidden)
        }
    }
}
