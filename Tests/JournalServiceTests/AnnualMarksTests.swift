import Foundation
import JournalModel
import JournalRules
import JournalService
import JournalStore
import Testing

@Suite("Annual marks: the year as a period (R2)")
struct AnnualMarksTests {
    let caller = Caller.system("teacher")

    /// Period marks of Anna in mathematics, stored as a teacher would have set them.
    func setPeriodMarks(_ marks: [String: String], in school: TestSchool) async throws {
        let year = try await school.service.currentYear()
        try await school.service.database.write(actor: .system("test fixture")) { writer in
            for (period, value) in marks {
                try writer.insert(
                    AttestationMark(
                        studentID: school.students[0].id!, subjectID: school.math.id!, yearID: year.id!, kind: .period,
                        period: period, value: value, setAt: writer.now))
            }
        }
    }

    @Test func theYearIsAPeriodByKeyAndByRussianName() async throws {
        let school = try await TestSchool.make()
        let grid = try await school.service.journalGrid(
            assignment: school.assignment.id!, period: "year", caller: caller)
        #expect(grid.period.key == "year" && grid.period.isYear)
        #expect(grid.period.range == DateRange(start: LocalDate("2026-09-01")!, end: LocalDate("2027-05-26")!))
        let report = try await school.service.periodMarks(className: "5А", period: "год", caller: caller)
        #expect(report.period.key == "year")
        await #expect { try await school.service.periodMarks(className: "5А", period: "h1", caller: caller) } throws: {
            "\($0)".contains("q4 (4 четверть), year (Год), current")
        }
    }

    @Test func aYearMarkBeforeEveryPeriodHasItsMarkIsRefusedNamingThePeriods() async throws {
        let school = try await TestSchool.make()
        try await setPeriodMarks(["q1": "4", "q2": "5"], in: school)
        let row = try await school.service.explain(
            student: school.students[0].id!, subject: school.math.id!, period: "year", caller: caller)
        #expect(row.standing?.recommended == nil)
        #expect(row.standing?.annual?.missing == ["q3", "q4"])
        #expect(row.standing?.rule == "scales/five.lua: annual_mark waits for the marks of q3, q4")
        await #expect {
            try await school.service.setPeriodMark(
                student: school.students[0].id!, subject: school.math.id!, period: "year", value: "5", reason: "x",
                caller: caller)
        } throws: { "\($0)".contains("set the marks of q3, q4 first") }
        let stored = try await school.service.attestation(student: school.students[0].id!, caller: caller)
        #expect(!stored.marks.contains { $0.kind == .annual })
    }

    @Test func theAnnualMarkIsRecommendedByTheScaleAndADifferentOneNeedsAReason() async throws {
        let school = try await TestSchool.make()
        let anna = school.students[0].id!
        try await setPeriodMarks(["q1": "4", "q2": "5", "q3": "5", "q4": "4"], in: school)
        let row = try await school.service.explain(
            student: anna, subject: school.math.id!, period: "year", caller: caller)
        let standing = try #require(row.standing)
        #expect(standing.recommended == "5")
        #expect(standing.rule == "scales/five.lua: annual_mark(4, 5, 5, 4) → 5")

        await #expect {
            try await school.service.setPeriodMark(
                student: anna, subject: school.math.id!, period: "year", value: "4", reason: nil, caller: caller)
        } throws: { "\($0)".contains("differs from the recommended 5") }

        let set = try await school.service.setPeriodMark(
            student: anna, subject: school.math.id!, period: "year", value: "4", reason: "пропуски в 4 четверти",
            caller: caller)
        #expect(set.kind == .annual && set.period == "year" && set.recommended == "5")
        #expect(set.overrideReason == "пропуски в 4 четверти")

        // The grid of the year shows the annual mark and its recommendation.
        let grid = try await school.service.journalGrid(
            assignment: school.assignment.id!, period: "year", caller: caller)
        let annaStanding = try #require(grid.standings.first { $0.studentID == anna })
        #expect(annaStanding.periodMark == "4" && annaStanding.recommended == "5")
        // The quarter's grid still shows the quarter's mark, not the year's.
        let quarter = try await school.service.journalGrid(
            assignment: school.assignment.id!, period: "q2", caller: caller)
        #expect(quarter.standings.first { $0.studentID == anna }?.periodMark == "5")

        // The family's attestation page has it beside the period marks.
        let attestation = try await school.service.attestation(student: anna, caller: caller)
        let annual = try #require(attestation.marks.first { $0.kind == .annual })
        #expect(annual.value == "4" && annual.recommended == "5" && annual.subject == "Математика")
        #expect(attestation.marks.filter { $0.kind == .period }.count == 4)
    }
}
