import Foundation
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Final attestation (R3): exam results converted by exams.lua, protocols imported, final
/// marks recommended by the scale's final_mark.
@Suite("Exams and final marks")
struct ExamsTests {
    let deputy = Caller.system("завуч")

    /// 9А with Орлова Вера and 11А with Белов Кирилл, both taught mathematics by Петрова.
    func school() async throws -> (TestSchool, Student, Student) {
        let school = try await TestSchool.make()
        let (nine, eleven) = try await school.build { builder in
            let nineA = try builder.schoolClass(9, "А", teacher: nil)
            let elevenA = try builder.schoolClass(11, "А", teacher: nil)
            let nine = try builder.students([PersonName(lastName: "Орлова", firstName: "Вера")], of: nineA)[0]
            let eleven = try builder.students([PersonName(lastName: "Белов", firstName: "Кирилл")], of: elevenA)[0]
            for (schoolClass, student) in [(nineA, nine), (elevenA, eleven)] {
                let group = try builder.group(schoolClass.name, of: schoolClass, members: [student])
                _ = try builder.assignment(school.math, to: group, by: school.teacher, hoursPerWeek: 5)
            }
            return (nine, eleven)
        }
        return (school, nine, eleven)
    }

    func input(_ student: Student, _ school: TestSchool, exam: String, score: Double?, mark: String? = nil)
        -> ExamResultInput
    {
        ExamResultInput(
            studentID: student.id!, subjectID: school.math.id!, exam: exam, examDate: LocalDate("2027-05-27")!,
            score: score, mark: mark, protocolNumber: "ОГЭ-2027/15", protocolDate: LocalDate("2027-06-09")!)
    }

    @Test func anOGEPrimaryScoreIsConvertedByTheRuleAndAnEGEScoreComparedWithTheMinimum() async throws {
        let (school, nine, eleven) = try await school()
        let oge = try await school.service.recordExamResult(input(nine, school, exam: "ОГЭ", score: 15), caller: deputy)
        #expect(oge.mark == "4" && oge.passed == nil && oge.resultsKnownOn == LocalDate("2027-06-09")!)
        #expect(oge.protocolNumber == "ОГЭ-2027/15")
        let ege = try await school.service.recordExamResult(
            input(eleven, school, exam: "ЕГЭ", score: 26), caller: deputy)
        #expect(ege.mark == nil && ege.passed == false)
        // A corrected protocol replaces the result of the same exam.
        let corrected = try await school.service.recordExamResult(
            input(eleven, school, exam: "ЕГЭ", score: 27), caller: deputy)
        #expect(corrected.id == ege.id && corrected.passed == true)
        // The family sees it at once.
        let attestation = try await school.service.attestation(student: nine.id!, caller: .system("family"))
        #expect(attestation.exams.map(\.mark) == ["4"])
    }

    @Test func aChangedConversionTableChangesTheMarkOfNewResults() async throws {
        let (school, nine, _) = try await school()
        let changed = try TestSchool.rules(
            editing: "exams.lua",
            replacing: #"["Математика"] = { max = 31, marks = { ["3"] = 8, ["4"] = 15, ["5"] = 22 } },"#,
            with: #"["Математика"] = { max = 31, marks = { ["3"] = 8, ["4"] = 16, ["5"] = 22 } },"#
        )
        .replacing(
            #"subject = "Математика", score = 15, expect = "4""#,
            with: #"subject = "Математика", score = 15, expect = "3""#, in: "exams.lua")
        _ = try await school.service.activateRules(changed, caller: deputy, comment: "таблица 2027")
        let result = try await school.service.recordExamResult(
            input(nine, school, exam: "ОГЭ", score: 15), caller: deputy)
        #expect(result.mark == "3")
    }

    @Test func theRuleFilesTestsRefuseATableThatContradictsThem() async throws {
        let (school, _, _) = try await school()
        let broken = try TestSchool.rules(
            editing: "exams.lua", replacing: #"["4"] = 15, ["5"] = 22 } },"#, with: #"["4"] = 16, ["5"] = 22 } },"#)
        await #expect {
            try await school.service.checkRules(broken)
        } throws: { "\($0)".contains("exams.lua") && "\($0)".contains("expected 4, got 3") }
    }

    @Test func wrongResultsAreRefusedSayingWhy() async throws {
        let (school, nine, eleven) = try await school()
        await #expect {
            try await school.service.recordExamResult(input(nine, school, exam: "ОГЭ", score: 32), caller: deputy)
        } throws: { "\($0)".contains("outside 0…31") }
        await #expect {
            try await school.service.recordExamResult(input(eleven, school, exam: "ОГЭ", score: 10), caller: deputy)
        } throws: { "\($0)".contains("ОГЭ is not sat in this grade: Белов Кирилл is in 11А") }
        await #expect {
            try await school.service.recordExamResult(
                input(school.students[0], school, exam: "ГВЭ", score: nil, mark: "5"), caller: deputy)
        } throws: { "\($0)".contains("ГВЭ is not sat in this grade") }
        let literature = try await school.build { builder in try builder.subject("Литература", short: "Лит.") }
        var noTable = input(nine, school, exam: "ОГЭ", score: 10)
        noTable.subjectID = literature.id!
        await #expect { try await school.service.recordExamResult(noTable, caller: deputy) } throws: {
            "\($0)".contains("exams.lua has no ОГЭ table for Литература in 2027")
        }
        // A protocol of two years ago is of the grade the student was in then: 7.
        var early = input(nine, school, exam: "ОГЭ", score: 10)
        early.examDate = LocalDate("2025-05-27")!
        early.protocolDate = LocalDate("2025-06-09")!
        await #expect { try await school.service.recordExamResult(early, caller: deputy) } throws: {
            "\($0)".contains("ОГЭ is not sat in this grade")
        }
        await #expect {
            try await school.service.recordExamResult(
                input(nine, school, exam: "ГВЭ", score: nil, mark: "7"), caller: deputy)
        } throws: { "\($0)".contains("ГВЭ is marked directly") }
    }

    @Test func aProtocolIsImportedWholeOrRefusedWithEveryLine() async throws {
        let (school, _, _) = try await school()
        let header = "student,class,subject,exam,date,score,mark,protocol,protocol_date\n"
        let wrong =
            header
            + "Орлова Вера,9А,Математика,ОГЭ,2027-05-27,23,,15,2027-06-09\n"
            + "Петров Иван,9А,Математика,ОГЭ,2027-05-27,20,,15,2027-06-09\n"
            + "Белов Кирилл,11А,Математика,ЕГЭ,2027-05-31,140,,16,2027-06-15\n"
        await #expect {
            try await school.service.importExamProtocol(Data(wrong.utf8), file: "protocol.csv", caller: deputy)
        } throws: { error in
            let text = "\(error)"
            return text.contains("protocol.csv:3: class 9А has no student 'Петров Иван'")
                && text.contains("protocol.csv:4: the score 140 is outside 0…100") && !text.contains("protocol.csv:2")
        }
        let stored = try await school.service.database.read { reader in try reader.count("examResult") }
        #expect(stored == 0, "nothing half-written")

        let right =
            header
            + "Орлова Вера,9А,Математика,ОГЭ,2027-05-27,23,,15,2027-06-09\n"
            + "Белов Кирилл,11А,Математика,ЕГЭ,2027-05-31,72,,16,2027-06-15\n"
        let results = try await school.service.importExamProtocol(
            Data(right.utf8), file: "protocol.csv", caller: deputy)
        #expect(results.map(\.mark) == ["5", nil] && results.map(\.passed) == [nil, true])
    }

    @Test func theFinalMarkIsRecommendedFromTheAnnualMarkAndTheExamAndADifferentOneNeedsAReason() async throws {
        let (school, nine, _) = try await school()
        await #expect {
            try await school.service.setFinalMark(
                student: nine.id!, subject: school.math.id!, value: "4", reason: nil, caller: deputy)
        } throws: { "\($0)".contains("set the annual mark first") }
        let year = try await school.service.currentYear()
        try await school.build { builder in
            try builder.writer.insert(
                AttestationMark(
                    studentID: nine.id!, subjectID: school.math.id!, yearID: year.id!, kind: .annual, period: "year",
                    value: "4"))
        }
        _ = try await school.service.recordExamResult(input(nine, school, exam: "ОГЭ", score: 23), caller: deputy)
        let standing = try await school.service.finalStanding(
            student: nine.id!, subject: school.math.id!, caller: deputy)
        #expect(standing.annual == "4" && standing.exam == "5" && standing.recommended == "5")
        #expect(standing.rule == "scales/five.lua: final_mark(annual 4, exam 5) → 5")
        await #expect {
            try await school.service.setFinalMark(
                student: nine.id!, subject: school.math.id!, value: "4", reason: nil, caller: deputy)
        } throws: { "\($0)".contains("differs from the recommended 5") }
        let set = try await school.service.setFinalMark(
            student: nine.id!, subject: school.math.id!, value: "4", reason: "решение педсовета", caller: deputy)
        #expect(set.kind == .final && set.value == "4" && set.overrideReason == "решение педсовета")
        let attestation = try await school.service.attestation(student: nine.id!, caller: .system("family"))
        #expect(attestation.marks.contains { $0.kind == .final && $0.value == "4" })
    }
}
