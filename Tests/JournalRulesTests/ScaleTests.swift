import JournalModel
import JournalRules
import Testing

@Suite("The shipped grading scales")
struct ScaleTests {
    @Test func shippedRulesLoadAndPassTheirOwnTests() async throws {
        let rules = try await RulesFixtures.load(RulesFixtures.shipped())
        #expect(Set(rules.scales.keys) == ["five", "pass_fail", "ten", "hundred"])
    }

    @Test(arguments: [
        (4.5, "5"), (4.4999, "4"), (3.5, "4"), (3.4999, "3"), (2.5, "3"), (2.4999, "2"), (1.0, "2"), (5.0, "5"),
    ])
    func fivePointRoundsAtTheHalves(average: Double, expected: String) async throws {
        let rules = try await RulesFixtures.load(RulesFixtures.shipped())
        let five = try #require(rules.scales["five"])
        #expect(try await rules.withEvaluator { try $0.periodMark(five, average: average) } == expected)
    }

    @Test func specialsAreAcceptedButDoNotCount() async throws {
        let rules = try await RulesFixtures.load(RulesFixtures.shipped())
        let five = try #require(rules.scales["five"])
        #expect(five.accepts("ОСВ") && five.accepts("НА") && five.accepts("5"))
        #expect(!five.accepts("6") && !five.accepts("зачёт"))
        let marks = [
            MarkInput(
                markID: 1, value: "5", isDebt: false, workType: "test", weightOverride: nil,
                date: LocalDate("2026-09-10")!),
            MarkInput(
                markID: 2, value: "ОСВ", isDebt: false, workType: "answer", weightOverride: nil,
                date: LocalDate("2026-09-11")!),
            MarkInput(
                markID: 3, value: "3", isDebt: false, workType: "answer", weightOverride: nil,
                date: LocalDate("2026-09-12")!),
            MarkInput(
                markID: 4, value: nil, isDebt: true, workType: "homework", weightOverride: nil,
                date: LocalDate("2026-09-13")!),
        ]
        let average = WeightedAverage.compute(marks, scale: five, workTypes: rules.workTypes)
        #expect(average.average == (5.0 * 3 + 3.0 * 1) / 4)
        #expect(average.countedMarks == 2)
        #expect(average.marks.map(\.counted) == [true, false, true, false])
        #expect(average.marks[1].note?.contains("ОСВ") == true)
        #expect(average.marks[3].note?.contains("debt") == true)
    }

    @Test func passFailTenAndHundredPointScales() async throws {
        let rules = try await RulesFixtures.load(RulesFixtures.shipped())
        try await rules.withEvaluator { (evaluator: RuleEvaluator) throws in
            let passFail = try #require(rules.scales["pass_fail"])
            #expect(try evaluator.periodMark(passFail, average: 0.5) == "зачёт")
            #expect(try evaluator.periodMark(passFail, average: 0.49) == "незачёт")
            #expect(passFail.isPassing("зачёт") == true && passFail.isPassing("незачёт") == false)
            let ten = try #require(rules.scales["ten"])
            #expect(try evaluator.periodMark(ten, average: 9.5) == "10")
            #expect(try evaluator.periodMark(ten, average: 7.49) == "7")
            #expect(ten.isPassing("4") == true && ten.isPassing("3") == false)
            let hundred = try #require(rules.scales["hundred"])
            #expect(try evaluator.periodMark(hundred, average: 72.5) == "73")
            #expect(hundred.accepts("0") && hundred.accepts("100") && !hundred.accepts("101"))
        }
    }

    @Test func annualAndFinalMarks() async throws {
        let rules = try await RulesFixtures.load(RulesFixtures.shipped())
        let five = try #require(rules.scales["five"])
        try await rules.withEvaluator { (evaluator: RuleEvaluator) throws in
            #expect(try evaluator.annualMark(five, periodMarks: ["4", "4", "5", "5"]) == "5")
            #expect(try evaluator.annualMark(five, periodMarks: ["3", "4", "3", "3"]) == "3")
            #expect(try evaluator.finalMark(five, annual: "4", exam: "5") == "5")
            #expect(try evaluator.finalMark(five, annual: "5", exam: nil) == "5")
        }
    }

    @Test func forecastNeedsEnoughMarks() async throws {
        let rules = try await RulesFixtures.load(RulesFixtures.shipped())
        let five = try #require(rules.scales["five"])
        try await rules.withEvaluator { (evaluator: RuleEvaluator) throws in
            #expect(try evaluator.forecast(five, .init(average: 4.8, count: 2, totalWeight: 2, progress: 0.3)) == nil)
            #expect(try evaluator.forecast(five, .init(average: 4.8, count: 3, totalWeight: 5, progress: 0.3)) == "5")
        }
    }

    @Test func subjectScalesFollowGradeAndSubject() async throws {
        let rules = try await RulesFixtures.load(RulesFixtures.shipped())
        #expect(rules.scale(grade: 1, subject: "Математика") == nil)
        #expect(rules.scale(grade: 4, subject: "ОРКСЭ")?.id == "pass_fail")
        #expect(rules.scale(grade: 7, subject: "Алгебра")?.id == "five")
    }
}
