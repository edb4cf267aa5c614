import JournalModel
import LuaRuntime

/// The kinds of work and their weights in the weighted average.
public struct WorkTypes: Sendable, Hashable {
    public struct WorkType: Sendable, Hashable, Codable {
        public var code: String
        public var title: String
        public var weight: Double
    }

    /// In the order the rule lists them.
    public let all: [WorkType]
    private let byCode: [String: WorkType]

    public init(_ all: [WorkType]) {
        self.all = all
        self.byCode = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(code: String) -> WorkType? { byCode[code] }

    public var codesText: String { all.map(\.code).joined(separator: ", ") }

    static func parse(_ value: LuaValue, file: RuleFile) throws -> WorkTypes {
        let entries = try value.listEntries.enumerated().map { index, entry in
            let table = try RuleTable(entry, file: file, path: "[\(index + 1)]")
            let weight = try table.number("weight")
            guard weight > 0, weight <= 100 else {
                throw table.error(
                    "weight", .init("rules.work_types.1", ["v1": "\(try table.string("code"))"]))
            }
            return WorkType(code: try table.string("code"), title: try table.string("title"), weight: weight)
        }
        guard !entries.isEmpty else { throw RulesError(file: file.path, .init("rules.work_types.2")) }
        if let duplicate = Dictionary(grouping: entries, by: \.code).first(where: { $0.value.count > 1 })?.key {
            throw RulesError.field("code", in: file, .init("rules.work_types.3", ["v1": "\(duplicate)"]))
        }
        return WorkTypes(entries)
    }
}

/// Attendance codes (R4): absent, ill, excused, late. No code means present.
public struct AttendanceCodes: Sendable, Hashable {
    public struct Code: Sendable, Hashable, Codable {
        public var code: String
        public var title: String
        public var absent: Bool
        public var excused: Bool
        public var late: Bool
    }

    public let all: [Code]
    private let byCode: [String: Code]

    public init(_ all: [Code]) {
        self.all = all
        self.byCode = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(code: String) -> Code? { byCode[code] }
    public var codesText: String { all.map(\.code).joined(separator: ", ") }

    static func parse(_ value: LuaValue, file: RuleFile) throws -> AttendanceCodes {
        let entries = try value.listEntries.enumerated().map { index, entry in
            let table = try RuleTable(entry, file: file, path: "[\(index + 1)]")
            return Code(
                code: try table.string("code"), title: try table.string("title"),
                absent: try table.bool("absent", default: false), excused: try table.bool("excused", default: false),
                late: try table.bool("late", default: false))
        }
        guard !entries.isEmpty else { throw RulesError(file: file.path, .init("rules.work_types.4")) }
        if let duplicate = Dictionary(grouping: entries, by: \.code).first(where: { $0.value.count > 1 })?.key {
            throw RulesError.field("code", in: file, .init("rules.work_types.5", ["v1": "\(duplicate)"]))
        }
        return AttendanceCodes(entries)
    }
}

/// Which scale each subject uses in each grade. Rules are read top to bottom; the first that
/// matches decides; a rule with `scale = false` means no marks are given.
public struct SubjectScales: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        var grades: GradeSet?
        var subject: String?
        /// nil: no marks.
        var scale: String?
    }

    let defaultScale: String
    let rules: [Rule]

    /// The scale id for a grade and subject name, or nil when no marks are given there.
    public func scaleID(grade: Int, subject: String) -> String? {
        for rule in rules {
            if let grades = rule.grades, !grades.contains(grade) { continue }
            if let name = rule.subject, name.lowercased() != subject.lowercased() { continue }
            return rule.scale
        }
        return defaultScale
    }

    static func parse(_ value: LuaValue, file: RuleFile, scales: Set<String>) throws -> SubjectScales {
        let table = try RuleTable(value, file: file)
        let defaultScale = try table.string("default")
        guard scales.contains(defaultScale) else {
            throw table.error(
                "default",
                .init(
                    "rules.work_types.6", ["v1": "\(defaultScale)", "v2": "\(scales.sorted().joined(separator: ", "))"])
            )
        }
        let rules = try (table.has("rules") ? table.tables("rules") : []).map { rule in
            var grades: GradeSet?
            if let text = try rule.optionalString("grades") {
                guard let parsed = GradeSet(text) else {
                    throw rule.error("grades", .init("rules.work_types.7", ["v1": "\(rule.name("grades"))"]))
                }
                grades = parsed
            }
            let subject = try rule.optionalString("subject")
            guard grades != nil || subject != nil else {
                throw rule.error("scale", .init("rules.work_types.8", ["v1": "\(rule.path)"]))
            }
            let scale: String?
            if rule.fields["scale"] == .boolean(false) {
                scale = nil
            } else {
                let id = try rule.string("scale")
                guard scales.contains(id) else {
                    throw rule.error(
                        "scale",
                        .init(
                            "rules.work_types.9", ["v1": "\(id)", "v2": "\(scales.sorted().joined(separator: ", "))"]))
                }
                scale = id
            }
            return Rule(grades: grades, subject: subject, scale: scale)
        }
        return SubjectScales(defaultScale: defaultScale, rules: rules)
    }
}
