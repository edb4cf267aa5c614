import JournalModel
import JournalRules
import Testing

/// "What it would take" (issue 11, item 7) against a brute-force search: every multiset of
/// future marks, smallest first, judged by the scale's rule itself.
@Suite("What it would take to reach a higher mark")
struct MarkTargetsTests {
    /// A scale as the search sees it, with its rule as a Swift function.
    struct ScaleCase: Sendable, CustomStringConvertible {
        var name: String
        var marks: [String]
        var values: [String: Double]
        var rule: @Sendable (Double) -> String?
        var description: String { name }
    }

    static let five = ScaleCase(
        name: "five", marks: ["5", "4", "3", "2", "1"], values: ["5": 5, "4": 4, "3": 3, "2": 2, "1": 1]
    ) { $0 >= 4.5 ? "5" : $0 >= 3.5 ? "4" : $0 >= 2.5 ? "3" : "2" }

    static let passFail = ScaleCase(
        name: "pass_fail", marks: ["зачёт", "незачёт"], values: ["зачёт": 1, "незачёт": 0]
    ) { $0 >= 0.5 ? "зачёт" : "незачёт" }

    /// Unevenly spaced values: the sums are built mark by mark, not by the even-step shortcut.
    static let uneven = ScaleCase(
        name: "uneven", marks: ["A", "B", "C", "D"], values: ["A": 10, "B": 6, "C": 2.5, "D": 0]
    ) { $0 >= 8 ? "A" : $0 >= 5 ? "B" : $0 >= 2 ? "C" : "D" }

    static let scales = [five, passFail, uneven]

    /// The first k that reaches the goal by any k marks, and of those the smallest sum, then
    /// the fewest of the best value, then of the next.
    static func bruteForce(
        _ question: TargetQuestion, weight: Double, rule: (Double) throws -> String?
    ) throws -> [MarkTarget] {
        let ascending = Array(Set(question.marks.compactMap { question.values[$0] })).sorted()
        let rank = Dictionary(uniqueKeysWithValues: question.marks.enumerated().map { ($1, $0) })
        return try question.targets.map { target in
            let goal = rank[target]!
            guard question.maxCount > 0 else { return .unreachable(target) }
            for count in 1...question.maxCount {
                var best: (sum: Double, counts: [Int])?
                for counts in multisets(of: count, over: ascending.count) {
                    let sum = zip(counts, ascending).reduce(0.0) { $0 + Double($1.0) * $1.1 }
                    let average =
                        (question.weightedSum + weight * sum) / (question.totalWeight + weight * Double(count))
                    guard let mark = try rule(average), let reached = rank[mark], reached <= goal else { continue }
                    if let current = best, !isBetter((sum, counts), than: current) { continue }
                    best = (sum, counts)
                }
                if let best {
                    let planned = zip(ascending, best.counts).reversed().compactMap { value, times -> PlannedMarks? in
                        times > 0
                            ? PlannedMarks(value: question.marks.first { question.values[$0] == value }!, count: times)
                            : nil
                    }
                    return MarkTarget(mark: target, marks: planned, count: count, average: nil)
                }
            }
            return .unreachable(target)
        }
    }

    static func isBetter(_ candidate: (sum: Double, counts: [Int]), than other: (sum: Double, counts: [Int])) -> Bool {
        if candidate.sum != other.sum { return candidate.sum < other.sum }
        for (mine, theirs) in zip(candidate.counts, other.counts).reversed() where mine != theirs {
            return mine < theirs
        }
        return false
    }

    /// Every way to put `count` marks on `kinds` values: counts per value.
    static func multisets(of count: Int, over kinds: Int) -> [[Int]] {
        guard kinds > 1 else { return [[count]] }
        return (0...count).flatMap { first in multisets(of: count - first, over: kinds - 1).map { [first] + $0 } }
    }

    /// Deterministic pseudo-random questions: a few current marks of weights 1–3, up to six
    /// marks left.
    static func questions(_ scale: ScaleCase, count: Int, maxLeft: Int = 6) -> [TargetQuestion] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            var sum = 0.0
            var weight = 0.0
            for _ in 0..<next(6) {
                let w = Double(1 + next(3))
                sum += scale.values[scale.marks[next(scale.marks.count)]]! * w
                weight += w
            }
            let average = weight > 0 ? sum / weight : nil
            return TargetQuestion(
                marks: scale.marks, values: scale.values, weightedSum: sum, totalWeight: weight,
                current: average.flatMap(scale.rule), maxCount: next(maxLeft + 1))
        }
    }

    static func same(_ found: [MarkTarget], _ expected: [MarkTarget]) -> Bool {
        found.map(\.mark) == expected.map(\.mark) && found.map(\.marks) == expected.map(\.marks)
            && found.map(\.count) == expected.map(\.count)
    }

    @Test(arguments: scales, [1.0, 2.0, 3.0])
    func searchAgreesWithBruteForce(scale: ScaleCase, weight: Double) throws {
        for question in Self.questions(scale, count: 150) {
            let found = try MarkTargets.search(question, weight: weight, periodMark: scale.rule)
            let expected = try Self.bruteForce(question, weight: weight, rule: scale.rule)
            #expect(Self.same(found, expected), "\(question)")
        }
    }

    @Test(arguments: ["five", "ten", "pass_fail", "hundred"])
    func searchAgreesWithBruteForceOnTheShippedLuaScales(scaleID: String) async throws {
        let rules = try await RulesFixtures.load(RulesFixtures.shipped())
        let scale = try #require(rules.scales[scaleID])
        // A hundred values make many multisets: fewer marks left there.
        let maxLeft = scale.marks.count > 12 ? 2 : 5
        let mismatches = try await rules.withEvaluator { evaluator in
            var known: [Double: String?] = [:]
            let rule: (Double) throws -> String? = { average in
                if let mark = known[average] { return mark }
                let mark = try evaluator.periodMark(scale, average: average)
                known[average] = mark
                return mark
            }
            let shape = ScaleCase(name: scaleID, marks: scale.marks, values: scale.values) { _ in nil }
            return try Self.questions(shape, count: scale.marks.count > 12 ? 4 : 40, maxLeft: maxLeft).compactMap {
                question -> String? in
                var question = question
                if question.totalWeight > 0 {
                    question.current = try rule(question.weightedSum / question.totalWeight)
                }
                for weight in [1.0, 3.0] {
                    let found = try MarkTargets.search(question, weight: weight, periodMark: rule)
                    let expected = try Self.bruteForce(question, weight: weight, rule: rule)
                    if !Self.same(found, expected) { return "\(question) ×\(weight): \(found) ≠ \(expected)" }
                }
                return nil
            }
        }
        #expect(mismatches.isEmpty)
    }

    /// 4 and 3 (×1 each): 3.5, a «4». Two fives for a test (×3) make 4.625, a «5»; one makes
    /// 4.4. Answers (×1) would need four fives, more than the three lessons left.
    @Test func twoFivesForATestReachAFiveWhereAnswersCannot() throws {
        let question = TargetQuestion(
            marks: Self.five.marks, values: Self.five.values, weightedSum: 7, totalWeight: 2, current: "4",
            maxCount: 3)
        #expect(question.targets == ["5"])
        let tests = try MarkTargets.search(question, weight: 3, periodMark: Self.five.rule)
        #expect(tests == [MarkTarget(mark: "5", marks: [PlannedMarks(value: "5", count: 2)], count: 2, average: 4.625)])
        let answers = try MarkTargets.search(question, weight: 1, periodMark: Self.five.rule)
        #expect(answers == [.unreachable("5")])
    }

    /// The least demanding set: 3 (×1) needs a 4 to reach «4» (3.5), not a 5.
    @Test func theLeastDemandingMarksAreChosen() throws {
        let question = TargetQuestion(
            marks: Self.five.marks, values: Self.five.values, weightedSum: 3, totalWeight: 1, current: "3",
            maxCount: 10)
        let found = try MarkTargets.search(question, weight: 1, periodMark: Self.five.rule)
        #expect(found.map(\.mark) == ["5", "4"])
        #expect(found[1].marks == [PlannedMarks(value: "4", count: 1)])
        // 5: (3 + Σ) / (1 + k) ≥ 4.5 first at k = 3 with Σ = 15.
        #expect(found[0].marks == [PlannedMarks(value: "5", count: 3)])
    }

    @Test func theRuleIsAskedOncePerAverage() throws {
        var asked: [Double] = []
        let question = TargetQuestion(
            marks: Self.five.marks, values: Self.five.values, weightedSum: 2, totalWeight: 1, current: "2",
            maxCount: 20)
        _ = try MarkTargets.search(question, weight: 1) { average in
            asked.append(average)
            return Self.five.rule(average)
        }
        #expect(asked.count == Set(asked).count)
    }

    @Test func noLessonsLeftMakesEveryHigherMarkUnreachable() throws {
        let question = TargetQuestion(
            marks: Self.five.marks, values: Self.five.values, weightedSum: 6, totalWeight: 2, current: "3",
            maxCount: 0)
        #expect(
            try MarkTargets.search(question, weight: 3, periodMark: Self.five.rule) == [
                .unreachable("5"), .unreachable("4"),
            ])
    }
}
