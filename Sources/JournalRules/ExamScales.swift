import JournalModel
import LuaRuntime

/// How exam scores become marks (R3), per year of the exams, exam and subject: the first
/// score of each mark for ОГЭ, the minimum test score for ЕГЭ, and the exams marked directly
/// (ГВЭ, the school's own). Read from `exams.lua`; a school without the file has no tables
/// and every exam is marked directly.
public struct ExamScales: Sendable, Hashable {
    /// One subject's table for one exam in one year.
    public struct Table: Sendable, Hashable {
        /// The highest score.
        public var max: Double
        /// The lowest score of each mark, highest mark first: `("5", 22), ("4", 15), ("3", 8)`.
        public var marks: [(mark: String, from: Double)]
        /// The lowest score that passes (ЕГЭ).
        public var minimum: Double?

        public static func == (lhs: Table, rhs: Table) -> Bool {
            lhs.max == rhs.max && lhs.minimum == rhs.minimum
                && lhs.marks.map(\.mark) == rhs.marks.map(\.mark) && lhs.marks.map(\.from) == rhs.marks.map(\.from)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(max)
            hasher.combine(minimum)
            for band in marks {
                hasher.combine(band.mark)
                hasher.combine(band.from)
            }
        }
    }

    /// What a score comes to.
    public struct Outcome: Sendable, Hashable, Codable {
        /// The mark it converts to; nil for an exam that gives no mark (ЕГЭ).
        public var mark: String?
        /// Whether it reaches the minimum; nil where there is none.
        public var passed: Bool?
    }

    /// Why a score cannot be converted.
    public enum Refusal: Error, Sendable, Hashable {
        /// The exam and subject have no table for the year.
        case noTable(exam: String, subject: String, year: Int, known: [String])
        case outOfRange(score: Double, max: Double)
        /// An exam marked directly was given a score and no mark, or a scored exam a mark only.
        case needsMark(exam: String)
    }

    /// year → exam → subject → table.
    public let tables: [Int: [String: [String: Table]]]
    /// Exams marked directly.
    public let direct: Set<String>

    public static let none = ExamScales(tables: [:], direct: [])

    /// The exams known in a year or marked directly, for messages and choices.
    public func exams(year: Int) -> [String] {
        (Array((tables[year] ?? [:]).keys) + direct).sorted()
    }

    /// Converts a score of `exam` in `subject` sat in `year`.
    public func outcome(exam: String, subject: String, year: Int, score: Double) throws(Refusal) -> Outcome {
        guard let table = tables[year]?[exam]?[subject] else {
            throw .noTable(
                exam: exam, subject: subject, year: year,
                known: (tables[year]?[exam]?.keys).map { Array($0).sorted() } ?? [])
        }
        guard score >= 0, score <= table.max else { throw .outOfRange(score: score, max: table.max) }
        let mark = table.marks.first { score >= $0.from }?.mark ?? (table.marks.isEmpty ? nil : "2")
        return Outcome(mark: mark, passed: table.minimum.map { score >= $0 })
    }

    static func parse(_ value: LuaValue, file: RuleFile) throws -> ExamScales {
        let root = try RuleTable(value, file: file)
        var tables: [Int: [String: [String: Table]]] = [:]
        for (key, yearValue) in root.fields where Int(key) != nil {
            let year = Int(key)!
            let exams = try RuleTable(yearValue, file: file, path: "[\"\(key)\"]")
            for (exam, subjectsValue) in exams.fields {
                let subjects = try RuleTable(subjectsValue, file: file, path: "[\"\(key)\"][\"\(exam)\"]")
                for (subject, tableValue) in subjects.fields {
                    let path = "[\"\(key)\"][\"\(exam)\"][\"\(subject)\"]"
                    let entry = try RuleTable(tableValue, file: file, path: path)
                    let max = try entry.number("max")
                    guard max > 0 else {
                        throw entry.error("max", .init("rules.exam_scales.1", ["v1": "\(entry.name("max"))"]))
                    }
                    var marks: [(mark: String, from: Double)] = []
                    if entry.has("marks") {
                        let bands = try entry.table("marks")
                        for (mark, from) in bands.fields {
                            guard let score = from.doubleValue, score >= 0, score <= max else {
                                throw entry.error(
                                    "marks",
                                    .init("rules.exam_scales.2", ["v1": "\(path)", "v2": "\(mark)", "v3": "\(max)"]))
                            }
                            marks.append((mark, score))
                        }
                        marks.sort { $0.from > $1.from }
                    }
                    let minimum = try entry.optionalNumber("minimum")
                    if let minimum, !(0...max).contains(minimum) {
                        throw entry.error(
                            "minimum", .init("rules.exam_scales.3", ["v1": "\(entry.name("minimum"))", "v2": "\(max)"]))
                    }
                    guard !marks.isEmpty || minimum != nil else {
                        throw entry.error("marks", .init("rules.exam_scales.4", ["v1": "\(path)"]))
                    }
                    tables[year, default: [:]][exam, default: [:]][subject] = Table(
                        max: max, marks: marks, minimum: minimum)
                }
            }
        }
        for key in root.fields.keys where Int(key) == nil && !["kind", "direct", "tests"].contains(key) {
            throw root.error(key, .init("rules.exam_scales.5", ["v1": "\(key)"]))
        }
        let direct = Set(root.has("direct") ? try root.strings("direct") : [])
        let scales = ExamScales(tables: tables, direct: direct)
        try scales.runTests(root, file: file)
        return scales
    }

    /// Runs the file's `tests`: each converts a score and compares the mark or the pass.
    private func runTests(_ root: RuleTable, file: RuleFile) throws {
        guard root.has("tests") else { return }
        for (index, test) in try root.tables("tests").enumerated() {
            let year = Int(try test.number("year"))
            let exam = try test.string("exam")
            let subject = try test.string("subject")
            let score = try test.number("score")
            let outcome: Outcome
            do {
                outcome = try self.outcome(exam: exam, subject: subject, year: year, score: score)
            } catch {
                throw RulesError(
                    file: file.path, .init("rules.exam_scales.6", ["v1": "\(index + 1)", "v2": "\(error.description)"]))
            }
            if let expected = try test.optionalString("expect"), outcome.mark != expected {
                throw RulesError(
                    file: file.path,
                    .init(
                        "rules.exam_scales.7",
                        [
                            "v1": "\(index + 1)", "v2": "\(exam)", "v3": "\(subject)", "v4": "\(year)",
                            "v5": "\(score)", "v6": "\(expected)", "v7": "\(outcome.mark ?? "no mark")",
                        ])
                )
            }
            if test.has("expect_passed") {
                let expected = try test.bool("expect_passed", default: false)
                guard outcome.passed == expected else {
                    throw RulesError(
                        file: file.path,
                        .init(
                            "rules.exam_scales.8",
                            [
                                "v1": "\(index + 1)", "v2": "\(exam)", "v3": "\(subject)", "v4": "\(year)",
                                "v5": "\(score)", "v6": "\(expected ? "passed" : "not passed")",
                                "v7": "\(outcome.passed.map { $0 ? "passed" : "not passed" } ?? "no minimum")",
                            ])
                    )
                }
            }
        }
    }
}

extension ExamScales.Refusal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noTable(let exam, let subject, let year, let known):
            "exams.lua has no \(exam) table for \(subject) in \(year)"
                + (known.isEmpty ? "" : "; it has \(known.joined(separator: ", "))")
        case .outOfRange(let score, let max): "the score \(score) is outside 0…\(max)"
        case .needsMark(let exam): "\(exam) is marked directly: give the mark"
        }
    }
}
