/// How many classes each grade gets and how many students sit in each.
struct ClassPlan: Equatable, Sendable {
    var grade: Int
    var letter: String
    var size: Int

    var name: String { "\(grade)\(letter)" }
}

enum ClassPlanner {
    /// Class letters in the order schools use them.
    static let letters = [
        "А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К", "Л", "М", "Н", "О", "П", "Р", "С", "Т", "У", "Ф",
    ]

    static let smallest = 20
    static let largest = 30

    /// Every grade 1–11 has at least one class; there are about 25 students a class, kept
    /// within 20–30 whenever there are at least 220 students. Grades 10–11 have fewer
    /// classes, as many students leave after grade 9.
    static func plan(students: Int, random: inout DemoRandom) -> [ClassPlan] {
        let classCount = max(11, min(Int((Double(students) / 25).rounded()), students / smallest))
        let perGrade = classesPerGrade(total: max(11, classCount))
        var sizes = Array(repeating: students / perGrade.reduce(0, +), count: perGrade.reduce(0, +))
        for index in 0..<(students - sizes.reduce(0, +)) {
            sizes[index % sizes.count] += 1
        }
        // Unequal classes, as in life, without leaving the 20–30 band.
        let average = students / sizes.count
        let lowest = average >= smallest ? smallest : max(1, average - 2)
        let highest = average >= smallest ? largest : average + 2
        for _ in 0..<(sizes.count * 3) {
            let from = random.int(0..<sizes.count)
            let to = random.int(0..<sizes.count)
            let moved = random.int(1...3)
            if from != to, sizes[from] - moved >= lowest, sizes[to] + moved <= highest {
                sizes[from] -= moved
                sizes[to] += moved
            }
        }
        var plans: [ClassPlan] = []
        for (gradeIndex, count) in perGrade.enumerated() {
            for letterIndex in 0..<count {
                let letter = letterIndex < letters.count ? letters[letterIndex] : "\(letters[0])\(letterIndex + 1)"
                plans.append(ClassPlan(grade: gradeIndex + 1, letter: letter, size: sizes[plans.count]))
            }
        }
        return plans
    }

    /// Largest-remainder shares of the classes, grades 10–11 weighing a little over half.
    static func classesPerGrade(total: Int) -> [Int] {
        let weights = (1...11).map { $0 >= 10 ? 0.55 : 1.0 }
        let sum = weights.reduce(0, +)
        let targets = weights.map { Double(total) * $0 / sum }
        var counts = targets.map { max(1, Int($0)) }
        while counts.reduce(0, +) < total {
            let index = (0..<11).max { targets[$0] - Double(counts[$0]) < targets[$1] - Double(counts[$1]) }!
            counts[index] += 1
        }
        while counts.reduce(0, +) > total {
            let index = (0..<11).filter { counts[$0] > 1 }
                .min { targets[$0] - Double(counts[$0]) < targets[$1] - Double(counts[$1]) }!
            counts[index] -= 1
        }
        return counts
    }
}
