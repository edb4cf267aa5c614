import Foundation
import HTTPTypes
import HummingbirdTesting
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("The exams page")
struct ExamPageTests {
    @Test func theDeputyHeadEntersAResultAndSetsTheRecommendedFinalMark() async throws {
        let school = try await TestSchool.makeForPages()
        let year = try await school.service.currentYear()
        let vera = try await school.build { builder in
            let nineA = try builder.schoolClass(9, "А", teacher: nil)
            let vera = try builder.students([PersonName(lastName: "Орлова", firstName: "Вера")], of: nineA)[0]
            let group = try builder.group("9А", of: nineA, members: [vera])
            _ = try builder.assignment(school.math, to: group, by: school.teacher, hoursPerWeek: 5)
            try builder.writer.insert(
                AttestationMark(
                    studentID: vera.id!, subjectID: school.math.id!, yearID: year.id!, kind: .annual, period: "year",
                    value: "4"))
            return vera
        }
        try await school.application().test(.router) { client in
            let teacher = try await Browser.signIn(client, as: .teacher)
            #expect(try await teacher.get("/exams?className=9А").status == .forbidden)

            let deputy = try await Browser.signIn(client, as: .management)
            let home = try await deputy.get("/")
            #expect(home.text.contains("href=\"/exams\""))
            let fields = [
                "className": "9А", "student": "\(vera.id!)", "subject": "\(school.math.id!)", "exam": "ОГЭ",
                "examDate": "2027-05-27", "score": "40", "protocolNumber": "15", "protocolDate": "2027-06-09",
            ]
            let refused = try await deputy.post("/exams/results", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("балл 40 вне шкалы 0…31"), "\(refused.text)")
            var right = fields
            right["score"] = "23"
            let entered = try await deputy.post("/exams/results", right)
            #expect(entered.status == .seeOther || entered.status == .found, "\(entered.text)")
            let page = try await deputy.get("/exams?className=9%D0%90")
            #expect(page.status == .ok)
            #expect(page.text.contains("ОГЭ 23"), "\(page.text)")
            #expect(page.text.contains("final_mark(annual 4, exam 5) → 5"))
            let set = try await deputy.post(
                "/exams/final",
                ["className": "9А", "student": "\(vera.id!)", "subject": "\(school.math.id!)", "value": "5"])
            #expect(set.status == .seeOther || set.status == .found, "\(set.text)")
        }
        let final = try await school.service.finalStanding(
            student: vera.id!, subject: school.math.id!, caller: .system("test"))
        #expect(final.value == "5" && final.recommended == "5")
    }
}
