import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension Operation {
    /// An operation on the school's surveys that only those who launch surveys may call.
    private static func launcher(
        _ method: HTTPRequest.Method, _ path: String, changesData: Bool, uri: String, json: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: path, capability: .surveysLaunch, changesData: changesData, targets: [.school],
            request: { _ in (uri, json) }, object: { _ in .school })
    }

    /// An operation about the caller's own part in surveys: their audience decides, not a grant.
    private static func respondent(
        _ method: HTTPRequest.Method, _ path: String, changesData: Bool, uri: String, json: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: path, capability: nil, changesData: changesData, targets: [.school],
            request: { _ in (uri, json) }, object: { _ in .school })
    }

    private static var script: String {
        TestSchool.surveyScript(title: "Новый", closes: "2026-11-27")
    }

    private static func body(_ fields: [String: String]) -> String {
        String(decoding: try! JSONEncoder().encode(fields), as: UTF8.self)
    }

    static let listSurveys = respondent(.get, "/api/v1/surveys", changesData: false, uri: "/api/v1/surveys")
    static let createSurvey = launcher(
        .post, "/api/v1/surveys", changesData: true, uri: "/api/v1/surveys", json: body(["source": script]))
    static let surveyTemplates = launcher(
        .get, "/api/v1/surveys/templates", changesData: false, uri: "/api/v1/surveys/templates")
    static let checkSurvey = launcher(
        .post, "/api/v1/surveys/check", changesData: false, uri: "/api/v1/surveys/check",
        json: body(["source": script]))
    static let openSurveys = respondent(
        .get, "/api/v1/surveys/open", changesData: false, uri: "/api/v1/surveys/open")
    static let surveyDetail = launcher(
        .get, "/api/v1/surveys/{surveyID}", changesData: false, uri: "/api/v1/surveys/\(TestSchool.draftSurvey)")
    static let updateSurvey = launcher(
        .put, "/api/v1/surveys/{surveyID}", changesData: true, uri: "/api/v1/surveys/\(TestSchool.draftSurvey)",
        json: #"{"source": \#(String(decoding: try! JSONEncoder().encode(script), as: UTF8.self)), "version": 1}"#)
    static let copySurvey = launcher(
        .post, "/api/v1/surveys/{surveyID}/copy", changesData: true,
        uri: "/api/v1/surveys/\(TestSchool.openSurvey)/copy")
    static let launchSurvey = launcher(
        .post, "/api/v1/surveys/{surveyID}/launch", changesData: true,
        uri: "/api/v1/surveys/\(TestSchool.draftSurvey)/launch", json: #"{"version": 1}"#)
    static let surveyForm = respondent(
        .get, "/api/v1/surveys/{surveyID}/form", changesData: false,
        uri: "/api/v1/surveys/\(TestSchool.openSurvey)/form")
    static let surveyBallot = respondent(
        .post, "/api/v1/surveys/{surveyID}/ballots", changesData: true,
        uri: "/api/v1/surveys/\(TestSchool.openSurvey)/ballots", json: #"{"answers": {"often": "Редко"}}"#)
    static let surveyResults = launcher(
        .get, "/api/v1/surveys/{surveyID}/results", changesData: false,
        uri: "/api/v1/surveys/\(TestSchool.closedSurvey)/results")
    static let surveyResultsCSV = launcher(
        .get, "/api/v1/surveys/{surveyID}/results.csv", changesData: false,
        uri: "/api/v1/surveys/\(TestSchool.closedSurvey)/results.csv")
    static let surveyResultsXLSX = launcher(
        .get, "/api/v1/surveys/{surveyID}/results.xlsx", changesData: false,
        uri: "/api/v1/surveys/\(TestSchool.closedSurvey)/results.xlsx")

    /// The class teacher enters the ballot of a family of their class (S1's, 5А); the unit is
    /// not on paper, so an allowed request is refused for that (422) after the access check.
    static let paperSurveyBallot = Operation(
        method: .post, path: "/api/v1/surveys/{surveyID}/paper-ballots", capability: .surveysPaper,
        changesData: true, targets: [.related],
        request: {
            (
                "/api/v1/surveys/\(TestSchool.openSurvey)/paper-ballots",
                #"{"unit": "person:student:\#($0.side.student)", "answers": {"often": "Редко"}}"#
            )
        },
        object: { ObjectName(.group, $0.school.fiveA.id!) }, explained: { ObjectName(.student, $0.side.student) })
}

extension AccessMatrix {
    // MARK: School surveys (R8, issue 14)

    /// Management makes, checks, launches surveys and reads their results (the survey may
    /// name more readers; these name none). The administrator serves the system and does not.
    static let surveys: [MatrixRow] =
        [
            Operation.createSurvey, .surveyTemplates, .checkSurvey, .surveyDetail, .updateSurvey, .copySurvey,
            .launchSurvey, .surveyResults, .surveyResultsCSV, .surveyResultsXLSX,
        ].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.refused], .management: [.allowed(by: .school)], .teacher: [.refused],
                    .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                    .psychologist: [.refused], .hr: [.refused],
                ])
        }
        // One's own open surveys, questionnaires and ballots: the audience decides; those outside it
        // are told so (422), nobody is refused access.
        + [Operation.listSurveys, .openSurveys, .surveyForm, .surveyBallot].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: nil)], .management: [.allowed(by: nil)],
                    .teacher: [.allowed(by: nil)], .student: [.allowed(by: nil)], .parent: [.allowed(by: nil)],
                    .secretary: [.allowed(by: nil)], .medical: [.allowed(by: nil)],
                    .psychologist: [.allowed(by: nil)], .hr: [.allowed(by: nil)],
                ])
        } + [
            // A paper family's ballot: the class teacher of the child's class only.
            MatrixRow(
                .paperSurveyBallot,
                [
                    .administrator: [.refused], .management: [.refused], .teacher: [.allowed(by: .ownClass)],
                    .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                    .psychologist: [.refused], .hr: [.refused],
                ])
        ]
}
