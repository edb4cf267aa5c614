public import Foundation

public typealias SurveyID = Identifier<Survey>

/// Who answers once (R8): every person in the audience, every student (any one of the
/// child's representatives answers for the child, a parent of two children answers twice),
/// or every family (the representatives who share children answer once together).
public enum BallotUnit: String, Codable, Hashable, Sendable, CaseIterable {
    case person
    case student
    case family
}

/// What the school may learn of a ballot. Named: who answered what. Confidential: who
/// answered, not what. Anonymous: not even who.
public enum SurveyPrivacy: String, Codable, Hashable, Sendable, CaseIterable {
    case named
    case confidential
    case anonymous

    /// Whether the ballot is stored with the unit that cast it.
    public var linksBallots: Bool { self == .named }
    /// Whether the school may know who has answered (and so remind the others).
    public var knowsRespondents: Bool { self != .anonymous }
}

/// The kinds of question a survey asks.
public enum SurveyQuestionKind: String, Codable, Hashable, Sendable, CaseIterable {
    case single
    case multiple
    case scale
    case matrix
    case ranking
    case number
    case date
    case text
    case longText = "long_text"
    case yesNo = "yes_no"
    case consent
    case info

    /// Whether the question takes an answer (an information block does not).
    public var isAnswered: Bool { self != .info }
    /// Whether answers are free text, listed without names rather than counted.
    public var isFreeText: Bool { self == .text || self == .longText }
}

/// One question of a survey as the script defines it.
public struct SurveyQuestion: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var kind: SurveyQuestionKind
    public var text: String
    public var hint: String?
    public var isRequired: Bool
    /// The choices of single, multiple and ranking questions; the statements' choices are the scale.
    public var options: [String]
    /// The statements of a matrix.
    public var statements: [String]
    /// The bounds of a scale or a number, and the count of choices of a multiple question.
    public var minimum: Double?
    public var maximum: Double?
    /// Labels of a scale's points ("1" → "совсем не согласен").
    public var labels: [String: String]
    /// Whether the script decides per respondent and per earlier answers if it is shown.
    public var isConditional: Bool

    public init(
        id: String, kind: SurveyQuestionKind, text: String, hint: String? = nil, isRequired: Bool = false,
        options: [String] = [], statements: [String] = [], minimum: Double? = nil, maximum: Double? = nil,
        labels: [String: String] = [:], isConditional: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.hint = hint
        self.isRequired = isRequired
        self.options = options
        self.statements = statements
        self.minimum = minimum
        self.maximum = maximum
        self.labels = labels
        self.isConditional = isConditional
    }

    /// The points of a scale or of a matrix's statements, lowest first.
    public var points: [Int] {
        guard let minimum, let maximum, minimum <= maximum else { return [] }
        return Array(Int(minimum)...Int(maximum))
    }
}

/// One answer: its shape follows the question's kind.
public enum SurveyAnswer: Codable, Hashable, Sendable {
    /// A single choice, a date (YYYY-MM-DD) or a text.
    case text(String)
    /// The choices of a multiple question, or the options of a ranking, best first.
    case list([String])
    /// A scale point or a number.
    case number(Double)
    /// Yes or no, or a consent given.
    case flag(Bool)
    /// A matrix: each statement's point.
    case matrix([String: Int])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([String].self) {
            self = .list(list)
        } else if let matrix = try? container.decode([String: Int].self) {
            self = .matrix(matrix)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "an answer is a string, a number, true/false, a list of strings or an object of numbers")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .list(let list): try container.encode(list)
        case .number(let number): try container.encode(number)
        case .flag(let flag): try container.encode(flag)
        case .matrix(let matrix): try container.encode(matrix)
        }
    }
}

/// A survey's life: a draft is edited; launched, its text and audience are frozen and it is
/// open between its days; closed, its results are kept as they were at the close.
public enum SurveyStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case draft
    case launched
    case closed
}

/// Who may read a survey's results once it is closed, beside those who launch surveys.
public enum SurveyResultsReader: String, Codable, Hashable, Sendable, CaseIterable {
    /// Everyone in the audience.
    case respondents
    /// The class teachers of the classes in the audience, and teachers of the school.
    case teachers
    /// Staff who hold `reports.view`.
    case staff
}

/// A survey as stored: its script, its state and what was frozen at launch.
public struct Survey: Codable, Hashable, Sendable, Identifiable {
    public var id: SurveyID?
    public var title: String
    /// The Lua script; frozen once launched.
    public var source: String
    /// The template it was made from, if any (`school_meals`).
    public var template: String?
    public var status: SurveyStatus
    public var privacy: SurveyPrivacy
    public var ballotUnit: BallotUnit
    /// The smallest group whose answers are shown.
    public var minimumGroup: Int
    public var opens: LocalDate
    public var closes: LocalDate
    /// How many days after the close the raw answers are kept.
    public var retentionDays: Int
    public var createdBy: AccountID?
    public var createdAt: Date
    public var launchedAt: Date?
    public var closedAt: Date?
    /// The results as they stood at the close (JSON), kept after the answers are deleted.
    public var snapshot: String?
    /// When the raw answers were deleted under the survey's retention.
    public var answersDeletedAt: Date?
    /// The days before the close on which those who have not answered are reminded.
    public var reminderDays: [Int]
    /// The reminders already sent, by day.
    public var remindersSent: [LocalDate]
    public var version: Int

    public init(
        id: SurveyID? = nil, title: String, source: String, template: String? = nil, status: SurveyStatus = .draft,
        privacy: SurveyPrivacy, ballotUnit: BallotUnit, minimumGroup: Int, opens: LocalDate, closes: LocalDate,
        retentionDays: Int, createdBy: AccountID?, createdAt: Date, launchedAt: Date? = nil, closedAt: Date? = nil,
        snapshot: String? = nil, answersDeletedAt: Date? = nil, reminderDays: [Int] = [],
        remindersSent: [LocalDate] = [], version: Int = 1
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.template = template
        self.status = status
        self.privacy = privacy
        self.ballotUnit = ballotUnit
        self.minimumGroup = minimumGroup
        self.opens = opens
        self.closes = closes
        self.retentionDays = retentionDays
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.launchedAt = launchedAt
        self.closedAt = closedAt
        self.snapshot = snapshot
        self.answersDeletedAt = answersDeletedAt
        self.reminderDays = reminderDays
        self.remindersSent = remindersSent
        self.version = version
    }

    /// Whether ballots are taken on `day`.
    public func isOpen(on day: LocalDate) -> Bool { status == .launched && opens <= day && day <= closes }
}

/// A unit of the frozen audience: who answers once, the class and grade its answers count
/// under, and a label for those who answer for it ("за Иванову Машу, 3А").
public struct SurveyUnit: Codable, Hashable, Sendable {
    public var surveyID: SurveyID
    /// `person:staff:4`, `student:17`, `family:17`.
    public var key: String
    public var classID: ClassID?
    public var className: String?
    public var grade: Int?
    public var label: String
    /// Whether the family's agreed form is paper: the class teacher may enter its ballot.
    public var isPaper: Bool

    public init(
        surveyID: SurveyID, key: String, classID: ClassID?, className: String?, grade: Int?, label: String,
        isPaper: Bool
    ) {
        self.surveyID = surveyID
        self.key = key
        self.classID = classID
        self.className = className
        self.grade = grade
        self.label = label
        self.isPaper = isPaper
    }
}

/// Who may answer for a unit: an account's owner (`student:17`, `representative:9`, `staff:4`).
public struct SurveyRespondent: Codable, Hashable, Sendable {
    public var surveyID: SurveyID
    public var unitKey: String
    public var owner: String

    public init(surveyID: SurveyID, unitKey: String, owner: String) {
        self.surveyID = surveyID
        self.unitKey = unitKey
        self.owner = owner
    }
}

/// A ballot as stored. In confidential and anonymous surveys it carries no unit, no
/// respondent and no time finer than the day; its id is random, so the order of ids tells
/// nothing of who answered when.
public struct SurveyBallot: Codable, Hashable, Sendable {
    public var id: String
    public var surveyID: SurveyID
    /// The unit, in named surveys only.
    public var unitKey: String?
    /// The respondent who cast it, in named surveys only.
    public var respondent: String?
    public var classID: ClassID?
    public var grade: Int?
    public var day: LocalDate
    public var isPaper: Bool
    /// The answers by question id (JSON).
    public var answers: [String: SurveyAnswer]
    /// The SHA-256 of the receipt that lets a confidential ballot's author change it.
    public var receiptHash: String?

    public init(
        id: String, surveyID: SurveyID, unitKey: String?, respondent: String?, classID: ClassID?, grade: Int?,
        day: LocalDate, isPaper: Bool, answers: [String: SurveyAnswer], receiptHash: String?
    ) {
        self.id = id
        self.surveyID = surveyID
        self.unitKey = unitKey
        self.respondent = respondent
        self.classID = classID
        self.grade = grade
        self.day = day
        self.isPaper = isPaper
        self.answers = answers
        self.receiptHash = receiptHash
    }
}
