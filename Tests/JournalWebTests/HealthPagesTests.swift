import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// The medical worker's pages, and the flags in the teachers' grid and lesson (issue 16).
@Suite("The medical office's pages and the teachers' health flags")
struct HealthPagesTests {
    static func school() async throws -> TestSchool {
        try await TestSchool.make(
            [.marks, .week, .sixB], accounts: [.medical, .administrator, .teacher, .otherTeacher])
    }

    static func row(_ student: StudentID, in html: String) -> String? {
        guard let start = html.range(of: "<tr data-student=\"\(student)\"") else { return nil }
        guard let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func theMedicalWorkerEntersAPEGroupAndTheTeacherSeesOnlyTheFlag() async throws {
        let school = try await Self.school()
        let oleg = school.students[1].id!
        try await school.application().test(.router) { client in
            let nurse = try await Browser.signIn(client, as: .medical)
            let home = try await nurse.get("/")
            #expect(home.text.contains("href=\"/health\""), "the medical worker's menu has the medical office")
            let daily = try await nurse.get("/health")
            #expect(daily.status == .ok)
            #expect(daily.text.contains("href=\"/health/classes/\(school.fiveA.id!)\">5А</a>"))
            let list = try await nurse.get("/health/classes/\(school.fiveA.id!)")
            #expect(list.text.contains("href=\"/health/students/\(oleg)\">Смирнов Олег</a>"))

            let saved = try await nurse.post(
                "/health/students/\(oleg)/pe-groups",
                [("group", "special_a"), ("from", "2026-11-16"), ("to", "2026-12-31"), ("basis", "заключение ВК №7")])
            #expect(saved.status == .seeOther)
            let allergy = try await nurse.post(
                "/health/students/\(oleg)/alerts", [("kind", "allergy"), ("text", "пыльца берёзы"), ("note", "")])
            #expect(allergy.status == .seeOther)
            let group = try await nurse.post(
                "/health/students/\(oleg)/health-groups",
                [("group", "IV"), ("setOn", "2026-11-16"), ("basis", "086/у")])
            #expect(group.status == .seeOther)
            let card = try await nurse.get("/health/students/\(oleg)?saved=1")
            #expect(card.text.contains("специальная А"))
            #expect(card.text.contains("пыльца берёзы"))
            #expect(card.text.contains("<td>IV</td>"))
            #expect(card.text.contains("⚑ ФК: специальная группа до 31.12"))

            let overlapping = try await nurse.post(
                "/health/students/\(oleg)/pe-groups",
                [("group", "exempt"), ("from", "2026-11-20"), ("to", ""), ("basis", "справка")])
            #expect(overlapping.status == .unprocessableContent)
            #expect(overlapping.text.contains("специальная А с 16.11.2026 по 31.12.2026"))
            // The period's end is corrected on its row: the flag follows.
            let id = try #require(
                try await school.service.database.read { try $0.healthRecords(oleg).peGroups.first?.id })
            let ended = try await nurse.post(
                "/health/students/\(oleg)/pe-groups",
                [
                    ("id", String(id)), ("group", "special_a"), ("from", "2026-11-16"), ("to", "2026-12-25"),
                    ("basis", "заключение ВК №7"),
                ])
            #expect(ended.status == .seeOther)
            #expect(try await nurse.get("/health/students/\(oleg)").text.contains("⚑ ФК: специальная группа до 25.12"))
            let badGroup = try await nurse.post(
                "/health/students/\(oleg)/health-groups", [("group", "VI"), ("setOn", "2026-11-16"), ("basis", "x")])
            #expect(badGroup.status == .unprocessableContent)
            #expect(badGroup.text.contains("I, II, III, IV, V"))

            let teacher = try await Browser.signIn(client, as: .teacher)
            let grid = try await teacher.get("/journal/assignments/\(school.assignment.id!)")
            #expect(grid.status == .ok)
            let row = try #require(Self.row(oleg, in: grid.text))
            #expect(row.contains("⚑ ФК: специальная группа до 25.12"))
            #expect(row.contains("⚑ аллергия — уточнить у медработника"))
            for secret in ["пыльца", "берёзы", "специальная А", "ВК №7", ">IV<"] {
                #expect(!grid.text.contains(secret), "the grid does not show \(secret)")
            }
            let lesson = try await teacher.get("/journal/lessons/\(school.lesson.id!)")
            #expect(lesson.text.contains("⚑ ФК: специальная группа до 25.12"))
            #expect(!lesson.text.contains("пыльца"))
            #expect(try await teacher.get("/health/students/\(oleg)").status == .forbidden)
            #expect(try await teacher.get("/health").status == .forbidden)

            // A teacher of another class sees no flag of Олег's.
            let other = try await Browser.signIn(client, as: .otherTeacher)
            let sixB = try await other.get("/journal/assignments/\(school.sixBMathematics.assignment.id!)")
            #expect(!sixB.text.contains("специальная группа"))
        }
        let whats = try await school.service.database.read { reader in
            try reader.specialReads(SpecialReadFilter(student: oleg)).map(\.what)
        }
        #expect(whats.contains("health.card") && whats.contains("health.class_list") && whats.contains("health.pe"))
        #expect(
            try await school.service.database.read { try $0.specialReads(SpecialReadFilter(student: oleg)) }
                .allSatisfy { $0.purpose.hasPrefix("GET /health") || $0.purpose.hasPrefix("POST /health") })
    }

    @Test func theAdministratorIsRefusedEveryMedicalPageAndTheMenuHasNone() async throws {
        let school = try await Self.school()
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let administrator = try await Browser.signIn(client, as: .administrator)
            #expect(!(try await administrator.get("/")).text.contains("href=\"/health\""))
            for path in [
                "/health", "/health/classes/\(school.fiveA.id!)", "/health/classes/\(school.fiveA.id!)/pe.csv",
                "/health/students/\(anna)",
            ] {
                #expect(try await administrator.get(path).status == .forbidden, "\(path)")
            }
            let refused = try await administrator.post(
                "/health/students/\(anna)/pe-groups",
                [("group", "exempt"), ("from", "2026-11-16"), ("to", ""), ("basis", "справка")])
            #expect(refused.status == .forbidden)
        }
        #expect(try await school.service.database.read { try $0.count("peGroup") } == 0)
        #expect(
            try await school.service.database.read { try $0.specialReads(SpecialReadFilter(student: anna)) }.isEmpty)
    }

    @Test func theClassCSVIsTheMedicalWorkersAndLogged() async throws {
        let school = try await Self.school()
        let anna = school.students[0].id!
        try await school.application().test(.router) { client in
            let nurse = try await Browser.signIn(client, as: .medical)
            _ = try await nurse.post(
                "/health/students/\(anna)/pe-groups",
                [("group", "preparatory"), ("from", "2026-09-01"), ("to", "2027-05-31"), ("basis", "086/у")])
            let csv = try await nurse.get("/health/classes/\(school.fiveA.id!)/pe.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("Иванова Анна,подготовительная,01.09.2026,31.05.2027"))
        }
        let whats = try await school.service.database.read { reader in
            try reader.specialReads(SpecialReadFilter(student: anna)).map(\.what)
        }
        #expect(whats.contains("health.pe_csv"))
    }
}
