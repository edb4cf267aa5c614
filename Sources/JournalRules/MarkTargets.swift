/// "What it would take" (issue 11, item 7): for each mark above the one the scale recommends
/// now, the smallest set of future marks of one work type whose new weighted average the
/// scale's own `period_mark` maps to at least that mark, or nothing when no such set fits in
/// the marks still possible before the period ends.
///
/// The search assumes what every grading scale means: a higher average never earns a lower
/// period mark (the tests check it against a brute-force search over the shipped scales).
public struct TargetQuestion: Sendable, Hashable {
    /// The scale's marks, best first, with their numeric values.
    public var marks: [String]
    public var values: [String: Double]
    /// Σ value × weight and Σ weight of the marks that count now.
    public var weightedSum: Double
    public var totalWeight: Double
    /// The mark the scale recommends now; nil when there are no marks yet.
    public var current: String?
    /// How many future marks are still possible (the lessons left in the period).
    public var maxCount: Int

    public init(
        marks: [String], values: [String: Double], weightedSum: Double, totalWeight: Double, current: String?,
        maxCount: Int
    ) {
        self.marks = marks
        self.values = values
        self.weightedSum = weightedSum
        self.totalWeight = totalWeight
        self.current = current
        self.maxCount = maxCount
    }

    /// The question for a student's standing: the counted marks of `weighted` on `scale`.
    public init(scale: Scale, weighted: WeightedAverage, current: String?, maxCount: Int) {
        let counted = weighted.marks.filter(\.counted)
        self.init(
            marks: scale.marks, values: scale.values,
            weightedSum: counted.reduce(0) { $0 + ($1.numericValue ?? 0) * $1.weight },
            totalWeight: counted.reduce(0) { $0 + $1.weight }, current: current, maxCount: maxCount)
    }

    /// The marks worth aiming at, best first: those above the current one, at most
    /// `MarkTargets.maxTargets` nearest to it (a hundred-point scale would list a hundred).
    /// With no marks yet, every mark but the worst, from the best.
    public var targets: [String] {
        guard let current, let rank = marks.firstIndex(of: current) else {
            return Array(marks.dropLast().prefix(MarkTargets.maxTargets))
        }
        return Array(marks[..<rank].suffix(MarkTargets.maxTargets))
    }
}

/// Some future marks of one value: `count` × `value`.
public struct PlannedMarks: Sendable, Hashable, Codable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// What it would take to reach one mark: the future marks (best first) and the average they
/// give, or nil marks when it cannot be reached before the period ends («недостижимо»).
public struct MarkTarget: Sendable, Hashable, Codable {
    public var mark: String
    public var marks: [PlannedMarks]?
    /// How many future marks, when reachable.
    public var count: Int?
    /// The weighted average with those marks.
    public var average: Double?

    public init(mark: String, marks: [PlannedMarks]?, count: Int?, average: Double?) {
        self.mark = mark
        self.marks = marks
        self.count = count
        self.average = average
    }

    public var isReachable: Bool { marks != nil }

    public static func unreachable(_ mark: String) -> MarkTarget {
        MarkTarget(mark: mark, marks: nil, count: nil, average: nil)
    }
}

/// The search behind "what it would take".
public enum MarkTargets {
    /// At most this many marks above the current one are answered.
    public static let maxTargets = 10

    /// For each of `question.targets`, the fewest future marks of weight `weight` that reach
    /// it, and among those the least demanding: the smallest sum of values, then the fewest
    /// of the best marks. `periodMark` is the scale's own rule; each average is asked once.
    ///
    /// For k = 1, 2, … the best case (k of the best mark) tells whether k marks can reach the
    /// target at all; for the first k that can, a binary search over the sums k marks can make
    /// finds the smallest that still reaches it.
    public static func search(
        _ question: TargetQuestion, weight: Double, periodMark: (Double) throws -> String?
    ) throws -> [MarkTarget] {
        let ascending = Array(Set(question.marks.compactMap { question.values[$0] })).sorted()
        guard weight > 0, let best = ascending.last else {
            return question.targets.map(MarkTarget.unreachable)
        }
        let rank = Dictionary(question.marks.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var asked: [Double: Int] = [:]
        func rankAt(_ average: Double) throws -> Int {
            if let known = asked[average] { return known }
            let found = try periodMark(average).flatMap { rank[$0] } ?? Int.max
            asked[average] = found
            return found
        }
        func average(_ sum: Double, _ count: Int) -> Double {
            (question.weightedSum + weight * sum) / (question.totalWeight + weight * Double(count))
        }
        let sums = AchievableSums(ascending)
        var results: [MarkTarget] = []
        var count = 1
        // Nearest first: a higher mark never needs fewer marks, so its search starts where
        // the last one stopped.
        for target in question.targets.reversed() {
            let goal = rank[target]!
            while count <= question.maxCount, try rankAt(average(best * Double(count), count)) > goal { count += 1 }
            guard count <= question.maxCount else {
                results.append(.unreachable(target))
                continue
            }
            let candidates = sums.sums(of: count)
            var low = 0
            var high = candidates.sums.count - 1  // reaches the goal: the best case
            while low < high {
                let middle = (low + high) / 2
                if try rankAt(average(candidates.sums[middle], count)) <= goal {
                    high = middle
                } else {
                    low = middle + 1
                }
            }
            let planned = zip(ascending, candidates.counts(low)).reversed().compactMap {
                value, times -> PlannedMarks? in
                guard times > 0 else { return nil }
                return PlannedMarks(value: question.marks.first { question.values[$0] == value }!, count: times)
            }
            results.append(
                MarkTarget(mark: target, marks: planned, count: count, average: average(candidates.sums[low], count)))
        }
        return results.reversed()
    }
}

/// The sums k marks can make, ascending, each with the least demanding way to make it (the
/// fewest of the best value, then of the next…). On an evenly spaced scale (all the shipped
/// ones) every step between k × worst and k × best is a sum, made by marks as even as
/// possible, and only the chosen one is spelled out; otherwise the sums are built mark by mark.
struct AchievableSums {
    /// The sums, ascending, and how many of each value (in the order of `values`) make the
    /// sum at an index.
    struct Candidates {
        var sums: [Double]
        var counts: (Int) -> [Int]
    }

    let values: [Double]
    let step: Double?

    init(_ ascending: [Double]) {
        values = ascending
        let steps = zip(ascending.dropFirst(), ascending).map { $0 - $1 }
        if let first = steps.first {
            step = steps.allSatisfy { abs($0 - first) < 1e-9 } ? first : nil
        } else {
            step = 0
        }
    }

    func sums(of count: Int) -> Candidates {
        if let step { return evenSums(of: count, step: step) }
        var level: [Int64: (sum: Double, counts: [Int])] = [0: (0, Array(repeating: 0, count: values.count))]
        for _ in 0..<count {
            var next: [Int64: (sum: Double, counts: [Int])] = [:]
            for partial in level.values {
                for (index, value) in values.enumerated() {
                    var grown = partial
                    grown.sum += value
                    grown.counts[index] += 1
                    let key = Int64((grown.sum * 1e6).rounded())
                    if let existing = next[key], !Self.lessDemanding(grown.counts, than: existing.counts) { continue }
                    next[key] = grown
                }
            }
            level = next
        }
        let sorted = level.values.sorted { $0.sum < $1.sum }
        return Candidates(sums: sorted.map(\.sum), counts: { sorted[$0].counts })
    }

    private func evenSums(of count: Int, step: Double) -> Candidates {
        let kinds = values.count
        guard step > 0 else { return Candidates(sums: [values[0] * Double(count)], counts: { _ in [count] }) }
        let sums = (0...(kinds - 1) * count).map { values[0] * Double(count) + step * Double($0) }
        return Candidates(sums: sums) { total in
            var counts = Array(repeating: 0, count: kinds)
            let base = total / count
            let above = total % count
            counts[base] += count - above
            if above > 0 { counts[base + 1] += above }
            return counts
        }
    }

    /// Fewer of the best value, then of the next, and so on.
    static func lessDemanding(_ counts: [Int], than other: [Int]) -> Bool {
        for (mine, theirs) in zip(counts, other).reversed() where mine != theirs { return mine < theirs }
        return false
    }
}
