import Crypto
import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore

/// An open survey as a respondent's home page lists it: one entry per unit they answer for.
public struct OpenSurvey: Sendable, Codable, Hashable {
    public struct Unit: Sendable, Codable, Hashable {
        public var key: String
        /// For whom: the child's name and class, the family, or the respondent.
        public var label: String
        public var answered: Bool
        /// Whether the respondent may still change the answer (named and confidential surveys).
        public var canChange: Bool
    }

    public var id: SurveyID
    public var title: String
    public var closes: LocalDate
    public var privacy: SurveyPrivacy
    public var units: [Unit]
}

/// The questionnaire for one unit, with the answers already given where the survey keeps them.
public struct SurveyForm: Sendable, Codable {
    public var id: SurveyID
    public var title: String
    public var description: String
    public var privacy: SurveyPrivacy
    public var closes: LocalDate
    public var unit: String
    public var label: String
    public var questions: [SurveyQuestion]
    public var answered: Bool
    /// The stored answers of a named ballot; nil otherwise.
    public var answers: [String: SurveyAnswer]?
    public var isPaper: Bool
}

/// A ballot as a respondent sends it.
public struct BallotInput: Sendable, Codable, Hashable {
    /// The unit answered for (`student:17`); optional when the respondent answers for one unit.
    public var unit: String?
    public var answers: [String: SurveyAnswer]
    /// The receipt of a confidential ballot being changed.
    public var receipt: String?

    public init(unit: String?, answers: [String: SurveyAnswer], receipt: String? = nil) {
        self.unit = unit
        self.answers = answers
        self.receipt = receipt
    }
}

/// What casting a ballot gives back: whether it replaced an earlier one and, for a
/// confidential ballot, the receipt that lets its author change it (stored nowhere else).
public struct BallotReceipt: Sendable, Codable, Hashable {
    public var changed: Bool
    public var receipt: String?
}

extension JournalService {
    /// The launched, open surveys the caller answers, with each unit's state.
    public func openSurveys(caller: Caller) async throws -> [OpenSurvey] {
        guard let owner = caller.subject.flatMap(Self.ownerKey) else { return [] }
        try await closeDueSurveys()
        let today = try await today()
        return try await database.read { reader in
            var open: [OpenSurvey] = []
            for (id, units) in try reader.surveyUnits(owner: owner).sorted(by: { $0.key > $1.key }) {
                guard let survey = try reader.survey(id), survey.isOpen(on: today) else { continue }
                let secret = try reader.surveySecret(id)
                let entries = try units.map { unit in
                    let answered = try reader.hasParticipated(
                        id, unit: Self.participationKey(unit.key, survey: survey, secret: secret))
                    return OpenSurvey.Unit(
                        key: unit.key, label: unit.label, answered: answered,
                        canChange: answered && survey.privacy != .anonymous)
                }
                open.append(
                    OpenSurvey(
                        id: id, title: survey.title, closes: survey.closes, privacy: survey.privacy, units: entries))
            }
            return open
        }
    }

    /// The questionnaire of one of the caller's units, or, for a class teacher entering a
    /// paper ballot, of a paper family's unit of their class.
    public func surveyForm(_ id: SurveyID, unit key: String?, paper: Bool = false, caller: Caller) async throws
        -> SurveyForm
    {
        let (survey, unit) = try await ballotUnit(id, key: key, paper: paper, caller: caller)
        let script = try await loadSurvey(survey.source, file: "survey.lua")
        let (answered, stored) = try await database.read { reader in
            let secret = try reader.surveySecret(id)
            let answered = try reader.hasParticipated(
                id, unit: Self.participationKey(unit.key, survey: survey, secret: secret))
            // A class teacher entering a paper ballot is not shown a family's answers.
            let stored =
                survey.privacy.linksBallots && !paper ? try reader.surveyBallot(id, unitKey: unit.key)?.answers : nil
            return (answered, stored)
        }
        return SurveyForm(
            id: id, title: survey.title, description: script.definition.description, privacy: survey.privacy,
            closes: survey.closes, unit: unit.key, label: unit.label, questions: script.definition.questions,
            answered: answered, answers: stored, isPaper: paper)
    }

    /// Casts (or changes) the caller's ballot for one of their units. Every answer is checked
    /// against the questions shown for it; nothing is stored unless all of it is right.
    public func submitBallot(_ id: SurveyID, _ input: BallotInput, caller: Caller) async throws -> BallotReceipt {
        let (survey, unit) = try await ballotUnit(id, key: input.unit, paper: false, caller: caller)
        let respondent = try await candidate(caller: caller, unit: unit)
        return try await cast(survey, unit: unit, input: input, respondent: respondent, paper: false, caller: caller)
    }

    /// A class teacher enters the ballot a family whose agreed form is paper returned on paper.
    public func enterPaperBallot(_ id: SurveyID, _ input: BallotInput, caller: Caller) async throws -> BallotReceipt {
        let (survey, unit) = try await ballotUnit(id, key: input.unit, paper: true, caller: caller)
        let respondent = SurveyCandidate(
            kind: .parent, roles: ["parent"], childClass: unit.className, childGrade: unit.grade, paper: true)
        return try await cast(survey, unit: unit, input: input, respondent: respondent, paper: true, caller: caller)
    }

    // MARK: -

    private func cast(
        _ survey: Survey, unit: SurveyUnit, input: BallotInput, respondent: SurveyCandidate, paper: Bool,
        caller: Caller
    ) async throws -> BallotReceipt {
        let id = survey.id!
        let script = try await loadSurvey(survey.source, file: "survey.lua")
        let answers: [String: SurveyAnswer]
        do {
            answers = try await script.check(answers: input.answers, respondent: respondent)
        } catch let failure as RulesFailure {
            throw SurveyScriptProblem(errors: failure.errors)
        }
        let today = try await today()
        let secret = try await database.read { reader in try reader.surveySecret(id) }
        let participation = SurveyParticipation(
            surveyID: id, unit: Self.participationKey(unit.key, survey: survey, secret: secret), day: today,
            isPaper: paper)
        var receipt: String?
        var replacing: SurveyBallotReference?
        switch survey.privacy {
        case .named:
            replacing = try await database.read { reader in
                try reader.hasParticipated(id, unit: unit.key) ? .unit(unit.key) : nil
            }
        case .confidential:
            if let given = input.receipt, !given.isEmpty {
                replacing = .receipt(Self.receiptHash(given, unit: unit.key))
            } else {
                receipt = Self.randomToken()
            }
        case .anonymous:
            break
        }
        let ballot = SurveyBallot(
            id: Self.randomToken(), surveyID: id, unitKey: survey.privacy.linksBallots ? unit.key : nil,
            respondent: survey.privacy.linksBallots ? (paper ? "paper" : Self.ownerKey(caller.subject!)) : nil,
            classID: unit.classID, grade: unit.grade, day: survey.privacy.linksBallots ? today : nil,
            isPaper: survey.privacy.linksBallots && paper, answers: answers,
            receiptHash: receipt.map { Self.receiptHash($0, unit: unit.key) })
        switch try await database.castBallot(ballot, participation: participation, replacing: replacing) {
        case .cast: return BallotReceipt(changed: false, receipt: receipt)
        case .replaced: return BallotReceipt(changed: true, receipt: input.receipt)
        case .alreadyAnswered:
            throw JournalError.refused(
                .init(survey.privacy == .confidential ? "survey.answered_receipt" : "survey.answered"))
        case .unknownReceipt: throw JournalError.invalid(field: "receipt", message: .init("survey.receipt_unknown"))
        case .closed: throw JournalError.refused(.init("survey.closed", ["closes": survey.closes.description]))
        }
    }

    /// The survey and the unit a ballot is for, refusing a survey that is not open, a unit
    /// the caller does not answer for and, for paper, a family not on paper or not of the
    /// caller's class.
    private func ballotUnit(_ id: SurveyID, key: String?, paper: Bool, caller: Caller) async throws -> (
        Survey, SurveyUnit
    ) {
        try await closeDueSurveys()
        guard let survey = try await database.read({ try $0.survey(id) }) else {
            throw ServiceError.unknown(entity: "survey", id: id.description)
        }
        let today = try await today()
        guard survey.status != .draft else { throw ServiceError.unknown(entity: "survey", id: id.description) }
        guard survey.isOpen(on: today) else {
            throw JournalError.refused(
                .init(
                    survey.status == .closed || survey.closes < today ? "survey.closed" : "survey.not_open",
                    ["opens": survey.opens.russianText, "closes": survey.closes.russianText]))
        }
        if paper {
            guard let key, let unit = try await database.read({ try $0.surveyUnit(id, key: key) }) else {
                throw JournalError.invalid(field: "unit", message: .init("survey.unit_unknown"))
            }
            guard let classID = unit.classID else { throw JournalError.refused(.init("survey.paper_only")) }
            try await authorize(
                caller, .surveysPaper, AccessObject(kind: .group, id: classID.rawValue, classes: [classID]))
            guard unit.isPaper else { throw JournalError.refused(.init("survey.paper_only")) }
            return (survey, unit)
        }
        let units = try await respondentUnits(survey, caller: caller)
        guard !units.isEmpty else { throw JournalError.refused(.init("survey.not_in_audience")) }
        if let key {
            guard let unit = units.first(where: { $0.key == key }) else {
                throw JournalError.invalid(
                    field: "unit",
                    message: .init("survey.unit_not_yours", ["units": Self.listed(units)]))
            }
            return (survey, unit)
        }
        guard units.count == 1 else {
            throw JournalError.invalid(
                field: "unit", message: .init("survey.unit_choose", ["units": Self.listed(units)])
            )
        }
        return (survey, units[0])
    }

    /// Units as a refusal lists them: «Иванова Анна, 5А (student:17)».
    static func listed(_ units: [SurveyUnit]) -> String {
        units.map { "\($0.label) (\($0.key))" }.joined(separator: "; ")
    }

    /// The respondent as the survey's conditions see them.
    private func candidate(caller: Caller, unit: SurveyUnit) async throws -> SurveyCandidate {
        guard let subject = caller.subject else { return SurveyCandidate(kind: .staff, roles: []) }
        let roles = subject.roles.map(\.rawValue).sorted()
        if subject.staffID != nil { return SurveyCandidate(kind: .staff, roles: roles) }
        if subject.studentID != nil {
            return SurveyCandidate(kind: .student, roles: roles, className: unit.className, grade: unit.grade)
        }
        return SurveyCandidate(
            kind: .parent, roles: roles, childClass: unit.className, childGrade: unit.grade,
            paper: unit.isPaper)
    }

    /// A receipt is good for the unit it was given for only.
    static func receiptHash(_ receipt: String, unit: String) -> String { hashToken("\(receipt)\u{1F}\(unit)") }

    /// How participation names a unit: the unit itself, or in an anonymous survey a keyed
    /// hash of it whose key is destroyed at the close.
    static func participationKey(_ unit: String, survey: Survey, secret: Data?) -> String {
        guard survey.privacy == .anonymous else { return unit }
        guard let secret else { return "closed" }
        let code = HMAC<SHA256>.authenticationCode(for: Data(unit.utf8), using: SymmetricKey(data: secret))
        return Data(code).map { String(format: "%02x", $0) }.joined()
    }
}
