public import JournalModel

/// The form builder's survey (R8): the common cases a deputy head fills in on a page, written
/// out as the Lua document the school keeps and may go on editing. Every text is written as
/// a quoted Lua string with its quotes, backslashes, line breaks and control characters
/// escaped, so that nothing typed into the form can end the string or add code.
public struct SurveyBuilder: Sendable, Hashable {
    /// Who is asked: the presets of the form.
    public enum Audience: Sendable, Hashable {
        /// The parents of the students of grades `from`…`to`.
        case parentsOfGrades(from: Int, to: Int)
        /// The parents of the students of one class ("5А").
        case parentsOfClass(String)
        /// The students of grades `from`…`to`.
        case studentsOfGrades(from: Int, to: Int)
        /// Every teacher.
        case teachers
        /// The representatives whose agreed form of information is paper.
        case paperFamilies
    }

    /// One question as the form takes it: its kind, its text, one option a line.
    public struct Question: Sendable, Hashable {
        public var kind: SurveyQuestionKind
        public var text: String
        /// The choices of single, multiple and ranking questions, the statements of a matrix
        /// and the labels of a scale's points, lowest first.
        public var options: [String]
        public var isRequired: Bool

        public init(kind: SurveyQuestionKind, text: String, options: [String] = [], isRequired: Bool = false) {
            self.kind = kind
            self.text = text
            self.options = options
            self.isRequired = isRequired
        }
    }

    /// The points of the builder's scales and matrices.
    public static let scale = 1...5

    public var title: String
    public var description: String
    public var audience: Audience
    public var ballotUnit: BallotUnit
    public var privacy: SurveyPrivacy
    public var minimumGroup: Int
    public var opens: LocalDate
    public var closes: LocalDate
    public var reminderDays: [Int]
    public var questions: [Question]

    public init(
        title: String, description: String = "", audience: Audience, ballotUnit: BallotUnit, privacy: SurveyPrivacy,
        minimumGroup: Int = 5, opens: LocalDate, closes: LocalDate, reminderDays: [Int] = [], questions: [Question]
    ) {
        self.title = title
        self.description = description
        self.audience = audience
        self.ballotUnit = ballotUnit
        self.privacy = privacy
        self.minimumGroup = minimumGroup
        self.opens = opens
        self.closes = closes
        self.reminderDays = reminderDays
        self.questions = questions
    }

    /// The id of the question at `index` (0-based): `q1`, `q2`, …
    public static func questionID(_ index: Int) -> String { "q\(index + 1)" }

    /// The questions as the script, once loaded, defines them.
    public var surveyQuestions: [SurveyQuestion] {
        questions.enumerated().map { index, question in
            var result = SurveyQuestion(
                id: Self.questionID(index), kind: question.kind, text: question.text,
                isRequired: question.kind.isAnswered && question.isRequired)
            switch question.kind {
            case .single, .multiple, .ranking:
                result.options = question.options
            case .matrix:
                result.statements = question.options
                result.minimum = Double(Self.scale.lowerBound)
                result.maximum = Double(Self.scale.upperBound)
            case .scale:
                result.minimum = Double(Self.scale.lowerBound)
                result.maximum = Double(Self.scale.upperBound)
                for (position, label) in question.options.prefix(Self.scale.count).enumerated() {
                    result.labels[String(Self.scale.lowerBound + position)] = label
                }
            case .number, .date, .text, .longText, .yesNo, .consent, .info:
                break
            }
            return result
        }
    }

    /// The Lua document: a comment saying it was built on the form, the survey's table with
    /// its audience as a function.
    public var lua: String {
        var lines = [
            "-- Опрос, составленный в конструкторе. Его можно дальше править как Lua.",
            "return survey {",
            "  title = \(Self.quoted(title)),",
        ]
        if !description.isEmpty { lines.append("  description = \(Self.quoted(description)),") }
        lines += [
            "  audience = function(p)",
            "    return \(audienceCondition)",
            "  end,",
            "  ballot = \(Self.quoted(ballotUnit.rawValue)),",
            "  privacy = \(Self.quoted(privacy.rawValue)),",
            "  k = \(minimumGroup),",
            "  opens = \(Self.quoted(opens.description)),",
            "  closes = \(Self.quoted(closes.description)),",
        ]
        if !reminderDays.isEmpty {
            lines.append("  reminders = { \(reminderDays.map(String.init).joined(separator: ", ")) },")
        }
        lines.append("  questions = {")
        for question in surveyQuestions { lines.append("    \(Self.table(question)),") }
        lines += ["  },", "}", ""]
        return lines.joined(separator: "\n")
    }

    private var audienceCondition: String {
        switch audience {
        case .parentsOfGrades(let from, let to):
            "p.kind == \"parent\" and p.child ~= nil and p.child.grade >= \(from) and p.child.grade <= \(to)"
        case .parentsOfClass(let name):
            "p.kind == \"parent\" and p.child ~= nil and p.child.class == \(Self.quoted(name))"
        case .studentsOfGrades(let from, let to):
            "p.kind == \"student\" and p.grade ~= nil and p.grade >= \(from) and p.grade <= \(to)"
        case .teachers:
            "p.kind == \"staff\" and p.roles.teacher == true"
        case .paperFamilies:
            "p.kind == \"parent\" and p.paper == true"
        }
    }

    /// A question's table as the templates write one: its id and kind first, a field a line.
    private static func table(_ question: SurveyQuestion) -> String {
        var head = "{ id = \(quoted(question.id)), kind = \(quoted(question.kind.rawValue))"
        if question.isRequired { head += ", required = true" }
        var fields = [head, "text = \(quoted(question.text))"]
        if !question.options.isEmpty { fields.append("options = \(list(question.options))") }
        if !question.statements.isEmpty { fields.append("statements = \(list(question.statements))") }
        if let minimum = question.minimum, let maximum = question.maximum {
            fields.append("min = \(Int(minimum)), max = \(Int(maximum))")
        }
        if !question.labels.isEmpty {
            // A list: its first label is the lowest point's.
            let labels = question.labels.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map(\.value)
            fields.append("labels = \(list(labels))")
        }
        return fields.joined(separator: ",\n      ") + " }"
    }

    private static func list(_ texts: [String]) -> String {
        "{ " + texts.map(quoted).joined(separator: ", ") + " }"
    }

    /// `text` as a double-quoted Lua string: quotes and backslashes escaped, line breaks and
    /// every other control character as a three-digit decimal escape. Letters outside ASCII
    /// are kept as their UTF-8 bytes, which Lua strings hold as they are.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let digits = String(scalar.value)
                result += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
