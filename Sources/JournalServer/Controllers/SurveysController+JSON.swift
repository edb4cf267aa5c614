import Foundation
import JournalModel
import JournalRules
import JournalService

/// A survey as the API shows it: its script and state, never its results snapshot, which
/// only ``SurveyResults`` gives, to those who may read it.
struct SurveyJSON: Encodable {
    var id: Int64
    var title: String
    var status: SurveyStatus
    var privacy: SurveyPrivacy
    var ballotUnit: BallotUnit
    var minimumGroup: Int
    var opens: LocalDate
    var closes: LocalDate
    var retentionDays: Int
    var reminderDays: [Int]
    var template: String?
    var source: String
    var version: Int
    var createdAt: Date
    var launchedAt: Date?
    var closedAt: Date?

    init(_ survey: Survey) {
        id = survey.id?.rawValue ?? 0
        title = survey.title
        status = survey.status
        privacy = survey.privacy
        ballotUnit = survey.ballotUnit
        minimumGroup = survey.minimumGroup
        opens = survey.opens
        closes = survey.closes
        retentionDays = survey.retentionDays
        reminderDays = survey.reminderDays
        template = survey.template
        source = survey.source
        version = survey.version
        createdAt = survey.createdAt
        launchedAt = survey.launchedAt
        closedAt = survey.closedAt
    }
}

struct SurveysJSON: Encodable {
    var surveys: [SurveySummary]
}

struct TemplateJSON: Encodable {
    var name: String
    var title: String
    var source: String
}

struct TemplatesJSON: Encodable {
    var templates: [TemplateJSON]
}

struct OpenJSON: Encodable {
    var surveys: [OpenSurvey]
}

/// A survey with its questions and, for those who launch surveys, its audience per class.
struct DetailJSON: Encodable {
    var survey: SurveyJSON
    var description: String
    var questions: [SurveyQuestion]
    var resultsReaders: [SurveyResultsReader]
    var audience: [SurveyDetail.Group]
    var isOpen: Bool
    var resultsReady: Bool

    init(_ detail: SurveyDetail) {
        survey = SurveyJSON(detail.survey)
        description = detail.description
        questions = detail.questions
        resultsReaders = detail.resultsReaders
        audience = detail.audience
        isOpen = detail.isOpen
        resultsReady = detail.resultsReady
    }
}

/// What a checked script defines, and whom it would ask, counted per class.
struct CheckJSON: Encodable {
    var title: String
    var description: String
    var questions: [SurveyQuestion]
    var ballotUnit: BallotUnit
    var privacy: SurveyPrivacy
    var minimumGroup: Int
    var opens: LocalDate
    var closes: LocalDate
    var reminderDays: [Int]
    var resultsReaders: [SurveyResultsReader]
    var retentionDays: Int
    var hasDerived: Bool
    var audience: [SurveyDetail.Group]
    var audienceTotal: Int

    init(_ definition: SurveyDefinition, audience: [SurveyDetail.Group]) {
        title = definition.title
        description = definition.description
        questions = definition.questions
        ballotUnit = definition.ballotUnit
        privacy = definition.privacy
        minimumGroup = definition.minimumGroup
        opens = definition.opens
        closes = definition.closes
        reminderDays = definition.reminderDays
        resultsReaders = definition.resultsReaders
        retentionDays = definition.retentionDays
        hasDerived = definition.hasDerived
        self.audience = audience
        audienceTotal = audience.reduce(0) { $0 + $1.units }
    }
}
